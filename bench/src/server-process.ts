import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { openSync, closeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

import { freePort } from './free-port';
import { SERVER_ROOT } from './paths';

export type ServerProcess = {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Where its JSON log lines went. */
  logFile: string;
  /** Lines it wrote to stderr so far. */
  stderrLines: string[];
  stop(): Promise<number | null>;
};

export type ServerProcessOptions = {
  mongodbUri: string;
  jwtSecret: string;
  bcryptCost: number;
  logFile: string;
  /** Set only when given: otherwise the server picks its own thread pool size. */
  threadPoolSize?: number;
  /** Extra `node` flags, such as `--import` of a preloaded probe. */
  nodeFlags?: string[];
};

const READY_TIMEOUT_MS = 60_000;

// The bench loads one address and registers and refreshes by the thousand: the
// per-address limits would refuse it. They still run (and cost what they cost).
const BENCH_RATE_LIMITS = {
  RATE_LIMIT_LOGIN_PER_ADDRESS: '9999999/60',
  RATE_LIMIT_REGISTER_PER_ADDRESS: '9999999/60',
  RATE_LIMIT_REFRESH_PER_ADDRESS: '9999999/60',
};

async function waitUntilHealthy(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;

  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode} before it was ready`);

    const healthy = await fetch(`${url}/health`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (healthy) return;

    await sleep(100);
  }

  throw new Error(`the server at ${url} was not healthy within ${READY_TIMEOUT_MS} ms`);
}

/**
 * Runs the production build (`NODE_ENV=production node apps/server/dist/main.js`)
 * on a free port of 127.0.0.1, its logs into `logFile`, and waits for `/health`.
 */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFd = openSync(options.logFile, 'a');

  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), 'dist/main.js'], {
    cwd: SERVER_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      MONGODB_URI: options.mongodbUri,
      JWT_SECRET: options.jwtSecret,
      BCRYPT_COST: String(options.bcryptCost),
      LOG_LEVEL: 'info',
      ...BENCH_RATE_LIMITS,
      ...(options.threadPoolSize === undefined ? {} : { UV_THREADPOOL_SIZE: String(options.threadPoolSize) }),
    },
    stdio: ['ignore', logFd, 'pipe'],
  });
  closeSync(logFd);

  const stderrLines: string[] = [];
  let partial = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    stderrLines.push(...lines);
  });

  try {
    await waitUntilHealthy(url, child);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}; see ${options.logFile}\n${stderrLines.join('\n')}`);
  }

  const stop = async () => {
    if (child.exitCode !== null) return child.exitCode;

    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = (await exited) as [number | null];

    return code;
  };

  return { url, pid: child.pid as number, child, logFile: options.logFile, stderrLines, stop };
}
