import { errorInfo, type NotesClient } from '@scoped-notes/client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { expectRejection } from './support/sdk-errors';
import { startTestServer, TEST_PASSWORD, uniqueUsername, type TestServer, type TestUser } from './support/test-server';

// The SDK tells its users how long a rate limit asks them to wait: errorInfo() carries
// the Retry-After of the real server's 429 as whole seconds, over the SDK's own links
// (sign-up, login, refresh), and nothing for any other error.

const LIMITS = { loginPerUsername: 3, registerPerAddress: 3, refreshPerAddress: 3 };
const WINDOW_SECONDS = 60;

type Recorded = { client: NotesClient; retryAfterHeaders: Array<string | null> };

let server: TestServer;
let alice: TestUser;

beforeAll(async () => {
  server = await startTestServer({
    RATE_LIMIT_LOGIN_PER_USERNAME: `${LIMITS.loginPerUsername}/${WINDOW_SECONDS}`,
    RATE_LIMIT_REGISTER_PER_ADDRESS: `${LIMITS.registerPerAddress}/${WINDOW_SECONDS}`,
    RATE_LIMIT_REFRESH_PER_ADDRESS: `${LIMITS.refreshPerAddress}/${WINDOW_SECONDS}`,
  });
  // The one sign-up outside the sign-up test: it counts there.
  alice = await server.registerAndLogin('limited');
});

afterAll(() => server.close());

/** An SDK client that also notes the Retry-After header of every answer it gets. */
function recordingClient(): Recorded {
  const retryAfterHeaders: Array<string | null> = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    retryAfterHeaders.push(response.headers.get('retry-after'));

    return response;
  };

  return { client: server.client({ fetch: recordingFetch }), retryAfterHeaders };
}

/** The refusal carries the header's seconds, within the window. */
async function expectRetryAfter(call: Promise<unknown>, { retryAfterHeaders }: Recorded): Promise<void> {
  const { retryAfterSeconds } = errorInfo(await expectRejection(call, 'TOO_MANY_REQUESTS'));
  const sent = retryAfterHeaders.at(-1);

  expect(sent).toMatch(/^\d+$/);
  expect(retryAfterSeconds).toBe(Number(sent));
  expect(retryAfterSeconds).toBeGreaterThanOrEqual(1);
  expect(retryAfterSeconds).toBeLessThanOrEqual(WINDOW_SECONDS);
}

describe('errorInfo().retryAfterSeconds against the real limits', () => {
  test('failed logins: undefined while they are UNAUTHORIZED, the seconds to wait once limited', async () => {
    const recorded = recordingClient();
    const wrongLogin = () => recorded.client.login({ username: alice.username, password: 'not the password' });

    for (let n = 1; n <= LIMITS.loginPerUsername; n += 1) {
      expect(errorInfo(await expectRejection(wrongLogin(), 'UNAUTHORIZED')).retryAfterSeconds).toBeUndefined();
    }

    await expectRetryAfter(wrongLogin(), recorded);
    expect(recorded.client.isLoggedIn()).toBe(false);
  });

  test('sign-ups from one address', async () => {
    const recorded = recordingClient();
    const signUp = () => recorded.client.register({ username: uniqueUsername('signup'), password: TEST_PASSWORD });

    // beforeAll's sign-up was the first.
    for (let n = 2; n <= LIMITS.registerPerAddress; n += 1) await signUp();

    await expectRetryAfter(signUp(), recorded);
  });

  test('refreshes from one address', async () => {
    const recorded = recordingClient();
    let { refresh } = alice.tokens();

    for (let n = 1; n <= LIMITS.refreshPerAddress; n += 1) {
      ({ refresh } = await recorded.client.auth.refresh.mutate({ refresh }));
    }

    await expectRetryAfter(recorded.client.auth.refresh.mutate({ refresh }), recorded);
  });

  test('undefined for an error that is not a rate limit', async () => {
    const missing = await expectRejection(alice.client.notes.get.query({ id: '0123456789abcdef01234567' }), 'NOT_FOUND');

    expect(errorInfo(missing)).toMatchObject({ code: 'NOT_FOUND', httpStatus: 404, retryAfterSeconds: undefined });
  });
});
