import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { oneSocketClient, type OneSocketClient, type SocketAnswer } from './support/one-socket';
import { startTestServer, TEST_PASSWORD, uniqueUsername, type TestServer } from './support/test-server';

// Rate limits behind one trusted proxy (TRUST_PROXY=1): the client address is the
// right-most X-Forwarded-For entry, the one the proxy appends. A client can still
// write entries to the left of it, and those must change nothing (F-10).

const LIMITS = { loginPerUsername: 5, loginPerAddress: 8 };
const WINDOW_SECONDS = 60;

let server: TestServer;
let socket: OneSocketClient;
let addressesUsed = 0;

beforeAll(async () => {
  server = await startTestServer({
    TRUST_PROXY: '1',
    RATE_LIMIT_LOGIN_PER_USERNAME: `${LIMITS.loginPerUsername}/${WINDOW_SECONDS}`,
    RATE_LIMIT_LOGIN_PER_ADDRESS: `${LIMITS.loginPerAddress}/${WINDOW_SECONDS}`,
  });
  socket = oneSocketClient(server.url);
});

afterAll(async () => {
  socket?.close();
  await server?.close();
});

/** As the trusted proxy would forward a request from a client address never used before. */
function viaProxyFromNewAddress(): Record<string, string> {
  addressesUsed += 1;

  return { 'x-forwarded-for': `198.51.100.${addressesUsed}` };
}

async function register(): Promise<{ username: string; password: string }> {
  const user = { username: uniqueUsername('proxied'), password: TEST_PASSWORD };
  expect((await socket.post('/api/register/', user, viaProxyFromNewAddress())).status).toBe(201);

  return user;
}

function expectLimited(answer: SocketAnswer): void {
  expect(answer.status, answer.text).toBe(429);
  expect(Number(answer.headers['retry-after'])).toBeGreaterThanOrEqual(1);
}

/** The parts of a tRPC 429 a client can compare: no request id, and no count of seconds. */
function comparable429(answer: SocketAnswer): unknown {
  const { message, data } = answer.body.error;

  return { message: message.replace(/\d+/g, 'N'), data: { ...data, requestId: null } };
}

describe('the per-username limit', () => {
  test('applies across client addresses, even to the right password', async () => {
    const user = await register();

    for (let n = 1; n <= LIMITS.loginPerUsername; n += 1) {
      const answer = await socket.post('/trpc/auth.login', { ...user, password: `wrong-${n}` }, viaProxyFromNewAddress());
      expect(answer.status).toBe(401);
    }

    expectLimited(await socket.post('/trpc/auth.login', { ...user, password: 'wrong-again' }, viaProxyFromNewAddress()));
    expectLimited(await socket.post('/api/token/', user, viaProxyFromNewAddress()));
  });

  test('answers an unknown name exactly as a known one: the 429 does not tell who exists', async () => {
    const known = await register();
    const unknown = { username: uniqueUsername('ghost'), password: TEST_PASSWORD };
    const lockOut = async (credentials: { username: string }) => {
      for (let n = 1; n <= LIMITS.loginPerUsername; n += 1) {
        await socket.post('/trpc/auth.login', { username: credentials.username, password: `wrong-${n}` }, viaProxyFromNewAddress());
      }

      return socket.post('/trpc/auth.login', { username: credentials.username, password: 'one more' }, viaProxyFromNewAddress());
    };

    const [knownAnswer, unknownAnswer] = [await lockOut(known), await lockOut(unknown)];

    expectLimited(knownAnswer);
    expectLimited(unknownAnswer);
    expect(comparable429(unknownAnswer)).toEqual(comparable429(knownAnswer));
  });
});

describe('client-written X-Forwarded-For entries left of the proxy\'s (F-10)', () => {
  test('do not change the address: 30 failed logins hit the per-address limit, over tRPC and REST', async () => {
    const statuses: number[] = [];

    for (let n = 1; n <= 30; n += 1) {
      // The client wrote `203.0.113.n`; the proxy appended the address it really saw.
      const headers = { 'x-forwarded-for': `203.0.113.${n}, 192.0.2.77` };
      const path = n % 2 ? '/trpc/auth.login' : '/api/token/';
      const answer = await socket.post(path, { username: uniqueUsername('spray'), password: `wrong-${n}` }, headers);

      statuses.push(answer.status);
      if (n > LIMITS.loginPerAddress) expectLimited(answer);
    }

    expect(statuses).toEqual([...Array(LIMITS.loginPerAddress).fill(401), ...Array(30 - LIMITS.loginPerAddress).fill(429)]);
  });

  test('while another client address behind the same proxy still logs in', async () => {
    const user = await register();

    const answer = await socket.post('/api/token/', user, { 'x-forwarded-for': '203.0.113.1, 192.0.2.78' });

    expect(answer.status, answer.text).toBe(200);
  });
});
