import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const SERVER_ROOT = fileURLToPath(new URL('../../../apps/server/', import.meta.url));
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

export interface RealServer {
  /** Base URL such as `http://127.0.0.1:41234`. */
  url: string;
  close(): Promise<void>;
}

/**
 * Runs the real server (apps/server's `src/main.ts`, as `pnpm start` does) in a child
 * process on a free port of 127.0.0.1, with the embedded database. A child process
 * rather than an import: the server package depends on this SDK, so the SDK cannot
 * depend on it back without a cycle in the workspace.
 */
export async function startRealServer(): Promise<RealServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: SERVER_ROOT,
    // Only these: nothing from the shell (such as MONGODB_URI) reaches the server.
    env: { PORT: '0', NODE_ENV: 'test', EMBEDDED_MONGO: 'jongodb', BCRYPT_COST: '4', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = once(child, 'exit');

  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });

  const close = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;

    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  try {
    const url = await listeningUrl(child.stdout, exited, () => stderr);

    return { url, close };
  } catch (error) {
    await close();
    throw error;
  }
}

// The server logs one JSON line with its `url` once it listens. Every line is read,
// also later ones, so the pipe never fills up and stalls the server.
function listeningUrl(
  stdout: NodeJS.ReadableStream,
  exited: Promise<unknown>,
  stderr: () => string,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start in time\n${stderr()}`)), START_TIMEOUT_MS);

    createInterface({ input: stdout }).on('line', (line) => {
      const url = (JSON.parse(line) as { url?: unknown }).url;
      if (typeof url !== 'string') return;

      clearTimeout(timer);
      resolve(url);
    });

    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the server exited before listening\n${stderr()}`));
    });
  });
}
