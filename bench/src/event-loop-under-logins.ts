import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

import { summarize } from './latency-summary';
import { EVENT_LOOP_PROBE } from './paths';
import { login, type SeededUser } from './seed';
import type { ServerProcess, ServerProcessOptions } from './server-process';

export type EventLoopDelay = { p50: number; p99: number; max: number; mean: number; samples: number; threads: number };

export type LoginBurst = {
  /** UV_THREADPOOL_SIZE given to the server, or undefined when it was left unset. */
  threadPoolSize: number | undefined;
  /** BCRYPT_CONCURRENCY as the server chose it, from its start-up log line. */
  hashesAtOnce: number | undefined;
  logins: number;
  seconds: number;
  loginP50: number;
  loginMax: number;
  loop: EventLoopDelay;
};

const PROBE_TIMEOUT_MS = 5_000;

/** Asks the probe preloaded in `server` for its histogram (and resets it). */
async function readProbe(server: ServerProcess): Promise<EventLoopDelay> {
  const seen = server.stderrLines.length;
  server.child.kill('SIGUSR2');

  const deadline = Date.now() + PROBE_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const line = server.stderrLines.slice(seen).find((each) => each.startsWith('EVENT_LOOP '));
    if (line) return JSON.parse(line.slice('EVENT_LOOP '.length)) as EventLoopDelay;

    await sleep(20);
  }

  throw new Error('the event loop probe did not answer');
}

/** The server logs its password hashing settings once at start-up. */
async function hashesAtOnceOf(server: ServerProcess): Promise<number | undefined> {
  const lines = (await readFile(server.logFile, 'utf8')).split('\n').filter((line) => line.startsWith('{'));
  const settings = lines.map((line) => JSON.parse(line) as { bcryptConcurrency?: number }).find((entry) => entry.bcryptConcurrency);

  return settings?.bcryptConcurrency;
}

/**
 * Starts a server with the event loop probe preloaded (see event-loop-probe.mjs)
 * and the thread pool size given, then logs in `logins` times at once, and reads
 * the event loop's delay over exactly that burst.
 */
export async function measureLoginBurst(
  start: (options: Pick<ServerProcessOptions, 'threadPoolSize' | 'nodeFlags'>) => Promise<ServerProcess>,
  users: SeededUser[],
  logins: number,
  threadPoolSize: number | undefined,
): Promise<LoginBurst> {
  const server = await start({ threadPoolSize, nodeFlags: ['--import', EVENT_LOOP_PROBE] });

  try {
    const user = (n: number) => users[n % users.length] as SeededUser;
    // One login first, so the pool has started and the burst measures steady work.
    await login(server.url, user(0));
    await readProbe(server);

    const started = performance.now();
    const latencies = await Promise.all(
      Array.from({ length: logins }, async (_, n) => {
        const sent = performance.now();
        await login(server.url, user(n));

        return performance.now() - sent;
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const loop = await readProbe(server);
    const summary = summarize(latencies, seconds, 0);

    const hashesAtOnce = await hashesAtOnceOf(server);

    return { threadPoolSize, hashesAtOnce, logins, seconds, loginP50: summary.p50, loginMax: Math.max(...latencies), loop };
  } finally {
    await server.stop();
  }
}
