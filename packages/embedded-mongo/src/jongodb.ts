import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface, type Interface } from 'node:readline';

import type { Logger } from 'pino';
import { bindChildToParent } from './bind-child-to-parent';
import type { RunningDatabase } from './running-database';
import { stopChildProcess } from './stop-child-process';

const require = createRequire(import.meta.url);

const BINARY_PACKAGE = '@jongodb/memory-server-bin-linux-x64-gnu';
const URI_LINE = /^JONGODB_URI=(mongodb:\/\/\S+)$/;
const START_TIMEOUT_MS = 15_000;
const STOP_GRACE_MS = 5_000;
const STDERR_LINES_KEPT = 20;

/** The bundled jongodb executable, or undefined where its optional package is not installed. */
export function jongodbBinaryPath(): string | undefined {
  let manifestPath: string;
  try {
    manifestPath = require.resolve(`${BINARY_PACKAGE}/package.json`);
  } catch {
    return undefined;
  }

  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { jongodb?: { binary?: string } };

  return path.join(path.dirname(manifestPath), manifest.jongodb?.binary ?? 'bin/jongodb');
}

function waitForUri(child: ChildProcess, stdout: Interface): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => settle(() => reject(new Error(`it printed no JONGODB_URI within ${START_TIMEOUT_MS} ms`))),
      START_TIMEOUT_MS,
    );

    function settle(outcome: () => void) {
      clearTimeout(timer);
      stdout.off('line', onLine);
      child.off('exit', onExit);
      child.off('error', onError);
      outcome();
    }

    function onLine(line: string) {
      const uri = URI_LINE.exec(line.trim())?.[1];
      if (uri) settle(() => resolve(uri));
    }

    function onExit(code: number | null, signal: NodeJS.Signals | null) {
      settle(() => reject(new Error(`it exited before it was ready (code ${code}, signal ${signal})`)));
    }

    function onError(error: Error) {
      settle(() => reject(error));
    }

    stdout.on('line', onLine);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

function describeFailure(error: unknown, stderrTail: string[]): string {
  const reason = error instanceof Error ? error.message : String(error);
  const output = stderrTail.length > 0 ? `\n${stderrTail.join('\n')}` : '';

  return `Could not start the embedded jongodb: ${reason}${output}`;
}

/**
 * Starts the jongodb binary (an in-memory, MongoDB-compatible server) on a free
 * port of 127.0.0.1. Its data lives in memory only and is gone once it stops.
 */
export async function startJongodb(log: Logger): Promise<RunningDatabase> {
  const binary = jongodbBinaryPath();
  if (!binary) throw new Error(`Could not start the embedded jongodb: ${BINARY_PACKAGE} is not installed`);

  // Its own process group: a Ctrl-C in the terminal reaches the whole foreground group,
  // and the database must outlive it until the server has drained and closes it.
  const child = spawn(binary, ['--host=127.0.0.1', '--port=0'], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const stdout = createInterface({ input: child.stdout, crlfDelay: Infinity });
  const stderr = createInterface({ input: child.stderr, crlfDelay: Infinity });

  // Both pipes are read for the child's whole life: a full pipe would block it.
  const stderrTail: string[] = [];
  stdout.on('line', (line) => log.debug({ line }, 'jongodb output'));
  stderr.on('line', (line) => {
    stderrTail.push(line);
    if (stderrTail.length > STDERR_LINES_KEPT) stderrTail.shift();
    log.debug({ line }, 'jongodb error output');
  });

  let uri: string;
  try {
    uri = await waitForUri(child, stdout);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(describeFailure(error, stderrTail), { cause: error });
  }

  const release = bindChildToParent(child);

  let stopping: Promise<void> | undefined;
  child.once('exit', (code, signal) => {
    if (!stopping) log.error({ code, signal }, 'embedded jongodb exited unexpectedly; its data is gone');
  });

  const stop = async () => {
    await stopChildProcess(child, STOP_GRACE_MS);
    release();
  };

  return {
    uri,
    kind: 'jongodb',
    persistent: false,
    description: `embedded jongodb, in memory, at ${new URL(uri).host}`,
    stop: () => (stopping ??= stop()),
  };
}
