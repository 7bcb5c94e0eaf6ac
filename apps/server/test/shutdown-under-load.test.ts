import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

import { acceptsConnections } from '@scoped-notes/embedded-mongo/port-probe';
import { afterAll, beforeAll, expect, test } from 'vitest';

import { runMain, type MainProcess } from './support/main-process';
import { restCaller, type RestCall } from './support/rest-calls';
import { TEST_JWT_SECRET, TEST_PASSWORD, uniqueUsername } from './support/test-server';

// SIGTERM to a server process while it is busy: fast requests from several
// workers, and slow logins (bcrypt cost 13) caught in the middle. The logins must
// finish with 200, new connections must be refused while they do, the embedded
// database must be stopped and the process must exit 0 in bounded time.
//
// The process is `node --import tsx src/main.ts`, as `pnpm start` runs it, so the
// signal reaches main.ts itself. Under the tsx CLI (`tsx src/main.ts`) it would reach
// tsx's parent process, which kills the server with SIGKILL when the server has not
// confirmed the relayed signal within a few tens of milliseconds, as a busy server may not.

const WORKERS = 6;
const SLOW_LOGINS = 6;
const MAX_OPERATIONS = 2_000;
// server.ts cuts off requests still running after 10 s; a clean drain is far quicker.
const EXIT_BOUND_MS = 10_000;

type Outcome = { startedAt: number; finishedAt: number; status: number | 'connection error' };

let main: MainProcess;
let url: string;
let databaseAddress: string;
let rest: RestCall;
let username: string;
let access: string;

beforeAll(async () => {
  main = runMain({
    PORT: '0',
    NODE_ENV: 'test',
    EMBEDDED_MONGO: 'jongodb',
    LOG_LEVEL: 'info',
    JWT_SECRET: TEST_JWT_SECRET,
    BCRYPT_COST: '13',
    RATE_LIMIT_LOGIN_PER_ADDRESS: '100000/60',
    RATE_LIMIT_REGISTER_PER_ADDRESS: '100000/60',
  });
  url = (await main.waitForLine((line) => typeof line.url === 'string')).url as string;
  const database = await main.waitForLine((line) => line.msg?.startsWith('database:') ?? false);
  databaseAddress = /at (127\.0\.0\.1:\d+)/.exec(database.msg ?? '')?.[1] as string;
  rest = restCaller(url);

  username = uniqueUsername('shutdown');
  expect((await rest('POST', '/api/register/', { body: { username, password: TEST_PASSWORD } })).status).toBe(201);
  access = (await login()).body.access;
}, 60_000);

afterAll(() => {
  main?.child.kill('SIGKILL');
});

function login() {
  return rest('POST', '/api/token/', { body: { username, password: TEST_PASSWORD } });
}

/** Workers creating and listing notes until the server stops answering (or the cap). */
function startLoad() {
  const outcomes: Outcome[] = [];
  let sent = 0;

  const worker = async (index: number) => {
    while (sent < MAX_OPERATIONS) {
      sent += 1;
      const startedAt = performance.now();
      try {
        const answer =
          index % 2 === 0
            ? await rest('POST', '/api/notes/', { token: access, body: { title: `note ${sent}` } })
            : await rest('GET', '/api/notes/?limit=5', { token: access });
        outcomes.push({ startedAt, finishedAt: performance.now(), status: answer.status });
      } catch {
        outcomes.push({ startedAt, finishedAt: performance.now(), status: 'connection error' });
        return;
      }
    }
  };

  return { outcomes, done: Promise.all(Array.from({ length: WORKERS }, (_, index) => worker(index))) };
}

test('SIGTERM under load finishes requests in flight, refuses new connections, stops the database and exits 0', async () => {
  const load = startLoad();
  await sleep(300);

  let pendingLogins = SLOW_LOGINS;
  const slowLogins = Array.from({ length: SLOW_LOGINS }, () =>
    login().finally(() => {
      pendingLogins -= 1;
    }),
  );
  // Long enough for the server to have read them even when busy; far shorter than six cost-13 hashes on two cores.
  await sleep(400);

  const signalledAt = performance.now();
  main.child.kill('SIGTERM');
  await main.waitForLine((line) => line.msg === 'shutting down');

  // The logins are still running, yet a new connection is refused.
  expect(pendingLogins).toBeGreaterThan(0);
  expect(await acceptsConnections(new URL(url).host)).toBe(false);

  for (const answer of await Promise.all(slowLogins)) expect(answer.status, answer.text).toBe(200);

  const exitCode = await main.exited;
  const exitedAfterMs = performance.now() - signalledAt;
  await load.done;

  expect(exitCode).toBe(0);
  expect(exitedAfterMs).toBeLessThan(EXIT_BOUND_MS);
  expect(main.lines.map((line) => line.msg)).toContain('stopped');
  expect(await acceptsConnections(databaseAddress)).toBe(false);

  // Every answer was a success. A request that got no answer failed after the signal,
  // on a keep-alive connection the draining server closed before reading it (as any
  // HTTP/1.1 server must at some point; clients retry those), never before.
  const answered = load.outcomes.filter((outcome) => outcome.status !== 'connection error');
  expect(answered.filter((outcome) => outcome.startedAt < signalledAt).length).toBeGreaterThan(WORKERS);
  for (const outcome of answered) expect([200, 201]).toContain(outcome.status);
  for (const outcome of load.outcomes.filter((each) => each.status === 'connection error')) {
    expect(outcome.finishedAt).toBeGreaterThan(signalledAt);
  }
});
