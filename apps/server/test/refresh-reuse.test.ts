import { setTimeout as sleep } from 'node:timers/promises';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { startTestServer, type TestServer, type TestUser } from './support/test-server';
import { bearer, expectWireError, expectWireSuccess, wireMutation, wireQuery } from './support/trpc-wire';

// A retired refresh token presented after the grace window means the token family
// leaked: the whole session is revoked. The grace is 1 s here instead of 10 s.

const GRACE_MS = 1000;

type Pair = { access: string; refresh: string };

let server: TestServer;
let user: TestUser;

beforeAll(async () => {
  server = await startTestServer({ REFRESH_GRACE_SECONDS: String(GRACE_MS / 1000) });
  user = await server.registerAndLogin('reuser');
});

afterAll(() => server.close());

async function login(): Promise<Pair> {
  const { username, password } = user;
  const { access, refresh } = await server.client().auth.login.mutate({ username, password });

  return { access, refresh };
}

function refresh(token: string) {
  return wireMutation(server.url, 'auth.refresh', { refresh: token });
}

function me(access: string) {
  return wireQuery(server.url, 'auth.me', undefined, bearer(access));
}

describe('a retired refresh token after the grace window', () => {
  test('is UNAUTHORIZED and revokes the session: its newest refresh and access tokens stop working', async () => {
    const original = await login();
    const current = expectWireSuccess(await refresh(original.refresh)) as Pair;

    await sleep(GRACE_MS + 100);

    expectWireError(await refresh(original.refresh), 'UNAUTHORIZED');
    expectWireError(await refresh(current.refresh), 'UNAUTHORIZED');
    expectWireError(await me(current.access), 'UNAUTHORIZED');
  });

  test('leaves the user\'s other sessions working', async () => {
    const leaked = await login();
    const other = await login();
    expectWireSuccess(await refresh(leaked.refresh));

    await sleep(GRACE_MS + 100);
    expectWireError(await refresh(leaked.refresh), 'UNAUTHORIZED');

    expect((await me(other.access)).status).toBe(200);
    expectWireSuccess(await refresh(other.refresh));
  });
});

describe('within the grace window', () => {
  test('the same retired token gets a sibling instead', async () => {
    const original = await login();
    expectWireSuccess(await refresh(original.refresh));

    const sibling = expectWireSuccess(await refresh(original.refresh)) as Pair;

    expect((await me(sibling.access)).status).toBe(200);
  });
});
