import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { startTestServer, TEST_PASSWORD, uniqueUsername, type TestServer } from './support/test-server';

// Sign-ups turned away because the server is busy hashing are the server's doing:
// they must not use up the per-address sign-up limit.

const SIGN_UP_LIMIT = 8;

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    BCRYPT_COST: '12',
    BCRYPT_CONCURRENCY: '1',
    BCRYPT_MAX_WAIT_SECONDS: '1',
    RATE_LIMIT_REGISTER_PER_ADDRESS: `${SIGN_UP_LIMIT}/3600`,
    // Each test signs up from an address of its own (X-Forwarded-For), so each has its own limit.
    TRUST_PROXY: '1',
  });
});

afterAll(async () => {
  await server?.close();
});

async function signUp(address: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`${server.url}/api/register/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ username: uniqueUsername('signup'), password: TEST_PASSWORD }),
  });

  return { status: response.status, body: await response.text() };
}

/** Signs up one at a time until the server is no longer busy; each success counts. */
async function signUpWhenIdle(address: string): Promise<{ status: number; body: string }> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const answer = await signUp(address);
    if (!answer.body.includes('busy')) return answer;

    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  throw new Error('the server stayed busy for 20 s');
}

/** A burst of `size` sign-ups from `address`, then one at a time until the limit; how many were made. */
async function signUpToTheLimit(address: string, size: number): Promise<number> {
  const burst = await Promise.all([...Array(size).keys()].map(() => signUp(address)));
  const statuses = burst.map((answer) => answer.status).join(' ');

  expect(burst.every((answer) => answer.status === 201 || answer.status === 429), statuses).toBe(true);
  expect(burst.some((answer) => answer.body.includes('busy')), statuses).toBe(true);

  let made = burst.filter((answer) => answer.status === 201).length;
  for (let attempts = 0; made < SIGN_UP_LIMIT && attempts < 3 * SIGN_UP_LIMIT; attempts += 1) {
    const answer = await signUpWhenIdle(address);
    if (answer.status === 201) made += 1;
    else expect(answer.body, 'refused by the limit before it was reached').not.toMatch(/Too many attempts/);
  }

  return made;
}

describe('sign-ups refused while the server is busy', () => {
  test('give their point back: the limit counts only the sign-ups the server took on', async () => {
    const address = '198.51.100.1';

    expect(await signUpToTheLimit(address, SIGN_UP_LIMIT)).toBe(SIGN_UP_LIMIT);

    const over = await signUp(address);
    expect(over.status).toBe(429);
    expect(over.body).toMatch(/Too many attempts/);
  });

  test('a burst larger than the limit still leaves exactly the limit to be made', async () => {
    const address = '198.51.100.2';

    expect(await signUpToTheLimit(address, SIGN_UP_LIMIT + 6)).toBe(SIGN_UP_LIMIT);

    const over = await signUp(address);
    expect(over.status).toBe(429);
    expect(over.body).toMatch(/Too many attempts/);
  });
});
