import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { startTestServer, TEST_PASSWORD, uniqueUsername, type TestServer } from './support/test-server';

// Sign-ups turned away because the server is busy hashing are the server's doing:
// they must not use up the per-address sign-up limit.

const SIGN_UP_LIMIT = 20;

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    BCRYPT_COST: '11',
    BCRYPT_CONCURRENCY: '1',
    BCRYPT_MAX_WAIT_SECONDS: '1',
    RATE_LIMIT_REGISTER_PER_ADDRESS: `${SIGN_UP_LIMIT}/3600`,
  });
});

afterAll(async () => {
  await server?.close();
});

async function signUp(): Promise<{ status: number; body: string }> {
  const response = await fetch(`${server.url}/api/register/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: uniqueUsername('signup'), password: TEST_PASSWORD }),
  });

  return { status: response.status, body: await response.text() };
}

/** Signs up one at a time until the server is no longer busy; each success counts. */
async function signUpWhenIdle(): Promise<{ status: number; body: string }> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const answer = await signUp();
    if (!answer.body.includes('busy')) return answer;

    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  throw new Error('the server stayed busy for 20 s');
}

describe('sign-ups refused while the server is busy', () => {
  test('give their point back: the limit counts only the sign-ups the server took on', async () => {
    const burst = await Promise.all([...Array(SIGN_UP_LIMIT).keys()].map(signUp));

    const created = burst.filter((answer) => answer.status === 201).length;
    const busy = burst.filter((answer) => answer.status === 429 && answer.body.includes('busy'));
    expect(created + busy.length, burst.map((answer) => answer.status).join(' ')).toBe(SIGN_UP_LIMIT);
    expect(busy.length).toBeGreaterThan(0);

    // Every sign-up the burst was refused is still there to be made.
    for (let made = created; made < SIGN_UP_LIMIT; made += 1) {
      const answer = await signUpWhenIdle();
      expect(answer.status, answer.body).toBe(201);
    }

    const over = await signUp();
    expect(over.status).toBe(429);
    expect(over.body).toMatch(/Too many attempts/);
  });
});
