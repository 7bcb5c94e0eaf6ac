import { afterEach, describe, expect, it } from 'vitest';

import { runMain, type MainProcess } from './support/main-process';
import { acceptsConnections } from '@scoped-notes/embedded-mongo/port-probe';

const BASE_ENV = { PORT: '0', NODE_ENV: 'test', EMBEDDED_MONGO: 'jongodb', LOG_LEVEL: 'info' };

let running: MainProcess | undefined;

afterEach(() => {
  running?.child.kill('SIGKILL');
  running = undefined;
});

async function startMain(
  env: Record<string, string>,
  entry?: string[],
): Promise<{ main: MainProcess; url: string; databaseAddress: string }> {
  const main = runMain(env, entry);
  running = main;

  const listening = await main.waitForLine((line) => typeof line.url === 'string');
  const database = await main.waitForLine((line) => line.msg?.startsWith('database:') ?? false);
  const databaseAddress = /at (127\.0\.0\.1:\d+)/.exec(database.msg ?? '')?.[1];
  if (!databaseAddress) throw new Error(`no database address in: ${database.msg}`);

  return { main, url: listening.url as string, databaseAddress };
}

function register(url: string, username: string): Promise<Response> {
  return fetch(`${url}/trpc/auth.register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: 'a long enough password', email: `${username}@example.com` }),
  });
}

describe('node --import tsx src/main.ts (pnpm start)', () => {
  it('closes the server and its embedded database on SIGTERM, then exits 0', async () => {
    const { main, url, databaseAddress } = await startMain({ ...BASE_ENV, BCRYPT_COST: '4' });
    expect((await fetch(`${url}/health`)).status).toBe(200);

    main.child.kill('SIGTERM');

    expect(await main.exited).toBe(0);
    expect(main.lines.map((line) => line.msg)).toContain('stopped');
    expect(await acceptsConnections(new URL(url).host)).toBe(false);
    expect(await acceptsConnections(databaseAddress)).toBe(false);
  });

  it('lets a request in flight finish before it exits', async () => {
    // A bcrypt cost of 14 keeps the registration busy for about a second.
    const { main, url } = await startMain({ ...BASE_ENV, BCRYPT_COST: '14' });

    const inFlight = register(url, 'in-flight-user');
    await new Promise((resolve) => setTimeout(resolve, 500));
    main.child.kill('SIGTERM');

    expect((await inFlight).status).toBe(200);
    const answeredAt = Date.now();

    expect(await main.exited).toBe(0);
    // Not held open by the client's idle keep-alive socket (5 s by default).
    expect(Date.now() - answeredAt).toBeLessThan(1_500);
  });

  it('takes a repeat of the signal within a second as the same request (a Ctrl-C reaching it twice)', async () => {
    const { main, url, databaseAddress } = await startMain({ ...BASE_ENV, BCRYPT_COST: '4' });
    expect((await fetch(`${url}/health`)).status).toBe(200);

    main.child.kill('SIGINT');
    main.child.kill('SIGINT');

    expect(await main.exited).toBe(0);
    expect(main.lines.map((line) => line.msg)).not.toContain('second signal: exiting without waiting');
    expect(main.lines.map((line) => line.msg)).toContain('stopped');
    expect(await acceptsConnections(databaseAddress)).toBe(false);
  });

  it('exits at once, with code 1, on a second signal a while later', async () => {
    const { main, url } = await startMain({ ...BASE_ENV, BCRYPT_COST: '15', BCRYPT_CONCURRENCY: '1' });

    // Cost-15 hashes (about 2 s each, one at a time) keep the drain busy for seconds, so
    // only the second signal can end it soon. The pause lets the sign-ups reach the
    // server even on a loaded machine.
    const inFlight = Promise.all([1, 2, 3].map((n) => register(url, `cut-off-${n}`).catch((error: unknown) => error)));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    main.child.kill('SIGTERM');
    await main.waitForLine((line) => line.msg === 'shutting down');
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const secondAt = Date.now();
    main.child.kill('SIGTERM');

    expect(await main.exited).toBe(1);
    // Well before the 10 s drain would have ended.
    expect(Date.now() - secondAt).toBeLessThan(5_000);
    expect(main.lines.map((line) => line.msg)).toContain('second signal: exiting without waiting');
    await inFlight;
  }, 40_000);

  it('refuses to start with a bad environment, names each variable, and never echoes the secret', async () => {
    const main = runMain({ NODE_ENV: 'production', JWT_SECRET: 'short-secret-value', PORT: 'abc' });
    running = main;

    expect(await main.exited).toBe(1);
    expect(main.stderr()).toContain('PORT:');
    expect(main.stderr()).toContain('JWT_SECRET:');
    expect(main.stderr()).not.toContain('short-secret-value');
  });
});
