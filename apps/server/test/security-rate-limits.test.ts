import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { oneSocketClient, type OneSocketClient, type SocketAnswer } from './support/one-socket';
import { startTestServer, TEST_PASSWORD, uniqueUsername, type TestServer } from './support/test-server';

// Rate limits with no trusted proxy (the default): every request here comes from
// 127.0.0.1, and X-Forwarded-For, whatever it says, changes nothing (F-10). The
// tests run in order and share the counters of this one server's database.

const LIMITS = { loginPerUsername: 5, loginPerAddress: 8, registerPerAddress: 4, refreshPerAddress: 5 };
const WINDOW_SECONDS = 60;

let server: TestServer;
let socket: OneSocketClient;
let target: { username: string; password: string };

beforeAll(async () => {
  server = await startTestServer({
    RATE_LIMIT_LOGIN_PER_USERNAME: `${LIMITS.loginPerUsername}/${WINDOW_SECONDS}`,
    RATE_LIMIT_LOGIN_PER_ADDRESS: `${LIMITS.loginPerAddress}/${WINDOW_SECONDS}`,
    RATE_LIMIT_REGISTER_PER_ADDRESS: `${LIMITS.registerPerAddress}/${WINDOW_SECONDS}`,
    RATE_LIMIT_REFRESH_PER_ADDRESS: `${LIMITS.refreshPerAddress}/${WINDOW_SECONDS}`,
  });
  socket = oneSocketClient(server.url);

  // The one registration made outside the registration test: it counts there.
  target = { username: uniqueUsername('target'), password: TEST_PASSWORD };
  expect((await socket.post('/api/register/', target)).status).toBe(201);
});

afterAll(async () => {
  socket?.close();
  await server?.close();
});

const forgedAddress = (n: number) => ({ 'x-forwarded-for': `203.0.113.${n}` });

/** A 429 in either transport's error shape, with a Retry-After within the window. */
function expectLimited(answer: SocketAnswer): void {
  expect(answer.status, answer.text).toBe(429);

  const code = answer.body.error.code === 'TOO_MANY_REQUESTS' ? answer.body.error.code : answer.body.error.data?.code;
  expect(code).toBe('TOO_MANY_REQUESTS');
  expect(answer.body.error.message).toMatch(/^Too many attempts: try again in \d+ s$/);

  const retryAfter = Number(answer.headers['retry-after']);
  expect(Number.isInteger(retryAfter), `Retry-After: ${answer.headers['retry-after']}`).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
}

describe('sign-ups per address', () => {
  test(`${LIMITS.registerPerAddress} per window, then 429 over REST and tRPC, whatever X-Forwarded-For says`, async () => {
    const signUp = (path: string, n: number) =>
      socket.post(path, { username: uniqueUsername('signup'), password: TEST_PASSWORD }, forgedAddress(n));

    // beforeAll's sign-up was the first.
    for (let n = 2; n <= LIMITS.registerPerAddress; n += 1) expect((await signUp('/api/register/', n)).status).toBe(201);

    expectLimited(await signUp('/api/register/', 50));
    expectLimited(await signUp('/trpc/auth.register', 51));
  });
});

describe('refreshes per address', () => {
  test(`${LIMITS.refreshPerAddress} per window, then 429 over tRPC and REST`, async () => {
    let { refresh } = (await socket.post('/api/token/', target)).body as { refresh: string };

    for (let n = 1; n <= LIMITS.refreshPerAddress; n += 1) {
      const answer = await socket.post('/trpc/auth.refresh', { refresh }, forgedAddress(n));
      expect(answer.status, answer.text).toBe(200);
      refresh = answer.body.result.data.refresh;
    }

    expectLimited(await socket.post('/trpc/auth.refresh', { refresh }, forgedAddress(60)));
    expectLimited(await socket.post('/api/token/refresh/', { refresh }, forgedAddress(61)));
  });
});

describe('failed logins from one socket with a new X-Forwarded-For each time (F-10)', () => {
  test('30 attempts at one name: 401 up to the per-username limit, 429 with Retry-After after it', async () => {
    const answers: SocketAnswer[] = [];
    for (let n = 1; n <= 30; n += 1) {
      answers.push(await socket.post('/api/token/', { username: target.username, password: `wrong-${n}` }, forgedAddress(n)));
    }

    expect(answers.slice(0, LIMITS.loginPerUsername).map((answer) => answer.status)).toEqual(Array(LIMITS.loginPerUsername).fill(401));
    answers.slice(LIMITS.loginPerUsername).forEach(expectLimited);
    expect(socket.localPorts.size).toBe(1);
  });

  test('other names then fail until the per-address limit, which no header lifts, over REST and tRPC', async () => {
    // The per-username run above counted against this address too.
    const left = LIMITS.loginPerAddress - LIMITS.loginPerUsername;
    const attempt = (path: string, n: number) =>
      socket.post(path, { username: uniqueUsername('spray'), password: `wrong-${n}` }, forgedAddress(100 + n));

    for (let n = 0; n < left; n += 1) expect((await attempt('/api/token/', n)).status).toBe(401);

    for (let n = left; n < left + 10; n += 1) expectLimited(await attempt(n % 2 ? '/api/token/' : '/trpc/auth.login', n));
  });

  test('the limited address cannot log in even with the right password: the 429 tells nothing about it', async () => {
    const right = await socket.post('/trpc/auth.login', target, forgedAddress(200));
    const unknown = await socket.post('/trpc/auth.login', { username: uniqueUsername('nobody'), password: 'whatever' }, forgedAddress(201));

    expectLimited(right);
    expectLimited(unknown);
    expect(right.text).not.toContain('"access"');
    expect({ ...right.body.error.data, requestId: null }).toEqual({ ...unknown.body.error.data, requestId: null });
  });
});
