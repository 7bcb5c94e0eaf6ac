import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { expectRejection } from './support/sdk-errors';
import { startTestServer, TEST_PASSWORD, uniqueUsername, type TestServer } from './support/test-server';

// One hash at a time, each about a tenth of a second at cost 11, and no more than a
// second of waiting: a burst of sign-ins far larger than that is partly refused.
const MAX_WAIT_SECONDS = 1;
const BURST = 60;

let server: TestServer;
const account = { username: uniqueUsername('burst'), password: TEST_PASSWORD };

beforeAll(async () => {
  server = await startTestServer({
    BCRYPT_COST: '11',
    BCRYPT_CONCURRENCY: '1',
    BCRYPT_MAX_WAIT_SECONDS: String(MAX_WAIT_SECONDS),
  });
  await server.client().register(account);
});

afterAll(async () => {
  await server?.close();
});

type Answer = { status: number; retryAfter: string | null; body: string };

async function post(path: string, body: unknown): Promise<Answer> {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.text() };
}

/** Half over tRPC, half over REST, all sent at once; `onAnswer` sees each answer as it comes. */
function burstOfLogins(
  credentials: { username: string; password: string },
  onAnswer: (answer: Answer) => void = () => undefined,
): Promise<Answer[]> {
  const paths = ['/trpc/auth.login', '/api/token/'];
  const login = (n: number) =>
    post(paths[n % 2] as string, credentials).then((answer) => {
      onAnswer(answer);

      return answer;
    });

  return Promise.all([...Array(BURST).keys()].map(login));
}

/** Logs in until a login is not refused: the queue of earlier hashes has drained. */
async function waitUntilIdle(): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if ((await post('/api/token/', account)).status === 200) return;

    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  throw new Error('the server stayed busy for 20 s after the burst');
}

function expectBusyRefusal(answer: Answer): void {
  expect(answer.status, answer.body).toBe(429);
  expect(answer.body).toMatch(/The server is busy checking other passwords: try again in \d+ s/);
  expect(answer.body).toContain('TOO_MANY_REQUESTS');
  expect(answer.body).not.toContain(account.password);

  const retryAfter = Number(answer.retryAfter);
  expect(Number.isInteger(retryAfter) && retryAfter >= 1, `Retry-After: ${answer.retryAfter}`).toBe(true);
}

describe('more sign-ins at once than the server can hash in time', () => {
  test('some are answered, the rest are refused at once with 429 and Retry-After; none fails otherwise', async () => {
    const answers = await burstOfLogins(account);

    const served = answers.filter((answer) => answer.status === 200);
    const refused = answers.filter((answer) => answer.status === 429);

    expect(served.length + refused.length, answers.map((answer) => answer.status).join(' ')).toBe(BURST);
    expect(served.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    refused.forEach(expectBusyRefusal);
  });

  test('a refusal is not a failed login: the account is not locked out by a burst of wrong passwords', async () => {
    const wrong = { username: account.username, password: `${TEST_PASSWORD} but wrong` };
    await waitUntilIdle();
    const answers = await burstOfLogins(wrong);

    // Wrong passwords answer 401 when checked; the per-username limit (generous here) is not what refuses them.
    expect(answers.every((answer) => answer.status === 401 || answer.status === 429)).toBe(true);
    answers.filter((answer) => answer.status === 429).forEach(expectBusyRefusal);

    expect((await post('/api/token/', account)).status).toBe(200);
  });

  test('a sign-up refused while busy creates no account; the same sign-up succeeds once the burst is over', async () => {
    // Logins sent back to back keep the queue at its limit for as long as the sign-ups go on.
    let pressing = true;
    const pressure = [...Array(8).keys()].map(async () => {
      while (pressing) await post('/api/token/', account);
    });

    const newcomers = [...Array(10).keys()].map(() => ({ username: uniqueUsername('late'), password: TEST_PASSWORD }));
    const signUps = await Promise.all(
      newcomers.map(async (newcomer, n) => {
        await new Promise((resolve) => setTimeout(resolve, 100 + n * 50));

        return { newcomer, answer: await post('/api/register/', newcomer) };
      }),
    );
    pressing = false;
    await Promise.all(pressure);

    expect(signUps.every(({ answer }) => answer.status === 201 || answer.status === 429)).toBe(true);
    const refused = signUps.filter(({ answer }) => answer.status === 429);
    expect(refused.length, signUps.map(({ answer }) => answer.status).join(' ')).toBeGreaterThan(0);
    refused.forEach(({ answer }) => expectBusyRefusal(answer));

    // 201, not 409: the refused sign-ups left no account behind.
    await waitUntilIdle();
    for (const { newcomer } of refused) {
      const again = await post('/api/register/', newcomer);
      expect(again.status, again.body).toBe(201);
    }
    const first = refused[0]?.newcomer as { username: string; password: string };
    expect((await server.client().login(first)).username).toBe(first.username);
  });

  test('through the SDK, a refusal while busy is a typed TOO_MANY_REQUESTS error', async () => {
    await waitUntilIdle();
    const busy = burstOfLogins(account);
    const results = await Promise.allSettled([...Array(BURST).keys()].map(() => server.client().login(account)));
    await busy;

    const rejected = results.filter((result) => result.status === 'rejected');
    expect(rejected.length).toBeGreaterThan(0);
    for (const result of rejected) await expectRejection(Promise.reject(result.reason), 'TOO_MANY_REQUESTS');
  });
});
