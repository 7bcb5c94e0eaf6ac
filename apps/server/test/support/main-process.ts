import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

import type { LogLine } from './log-lines';

const serverRoot = fileURLToPath(new URL('../..', import.meta.url));

export type MainProcess = {
  child: ChildProcessByStdio<null, Readable, Readable>;
  lines: LogLine[];
  stderr: () => string;
  /** Resolves with the first log line that matches, past or future. */
  waitForLine(matches: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  exited: Promise<number | null>;
};

/**
 * Runs `node --import tsx src/main.ts` (as `pnpm start` does) or another entry, with only the
 * given environment: nothing from the test runner's environment (such as MONGODB_URI) leaks in.
 */
export function runMain(env: Record<string, string>, entry: string[] = ['--import', 'tsx', 'src/main.ts']): MainProcess {
  const child = spawn(process.execPath, entry, {
    cwd: serverRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);

  const lines: LogLine[] = [];
  const waiters = new Set<() => void>();
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(JSON.parse(line) as LogLine);
    for (const wake of waiters) wake();
  });

  let stderrText = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderrText += chunk.toString('utf8');
  });

  function waitForLine(matches: (line: LogLine) => boolean, timeoutMs = 20_000): Promise<LogLine> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => finish(() => reject(new Error('no matching log line in time'))), timeoutMs);
      const check = () => {
        const found = lines.find(matches);
        if (found) finish(() => resolve(found));
      };
      function finish(outcome: () => void) {
        clearTimeout(timer);
        waiters.delete(check);
        outcome();
      }

      waiters.add(check);
      check();
    });
  }

  return { child, lines, stderr: () => stderrText, waitForLine, exited };
}
