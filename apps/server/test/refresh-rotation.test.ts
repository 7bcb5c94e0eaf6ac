import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { startTestServer, type TestServer, type TestUser } from './support/test-server';
import { bearer, expectWireError, expectWireSuccess, wireMutation, wireQuery, type WireResponse } from './support/trpc-wire';

// auth.refresh rotates the refresh token. A token rotated less than 10 s ago still
// gets a sibling (another tab sent it at the same moment); logout ends them all.
// What happens after the grace window is in refresh-reuse.test.ts.

type Pair = { access: string; refresh: string };

let server: TestServer;
let user: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  user = await server.registerAndLogin('rotator');
});

afterAll(() => server.close());

/** A new session for the test user: the refresh token a login hands out. */
async function login(): Promise<Pair> {
  const { username, password } = user;
  const { access, refresh } = await server.client().auth.login.mutate({ username, password });

  return { access, refresh };
}

function refresh(token: string): Promise<WireResponse> {
  return wireMutation(server.url, 'auth.refresh', { refresh: token });
}

async function refreshed(token: string): Promise<Pair> {
  return expectWireSuccess(await refresh(token)) as Pair;
}

async function expectAccessWorks(access: string): Promise<void> {
  const answer = await wireQuery(server.url, 'auth.me', undefined, bearer(access));

  expect(expectWireSuccess(answer)).toEqual(user.user);
}

describe('rotation', () => {
  test('the new pair works: its access token reaches the API and its refresh token rotates again', async () => {
    const first = await login();

    const second = await refreshed(first.refresh);
    await expectAccessWorks(second.access);
    const third = await refreshed(second.refresh);

    await expectAccessWorks(third.access);
    expect(new Set([first.refresh, second.refresh, third.refresh]).size).toBe(3);
  });

  test('a token rotated a moment ago gets a sibling, and both branches keep working', async () => {
    const { refresh: original } = await login();

    const winner = await refreshed(original);
    const sibling = await refreshed(original);

    expect(sibling.refresh).not.toBe(winner.refresh);
    await expectAccessWorks(sibling.access);
    await expectAccessWorks((await refreshed(winner.refresh)).access);
    await expectAccessWorks((await refreshed(sibling.refresh)).access);
  });
});

describe('two tabs refreshing one token at the same moment (F-04)', () => {
  test('both succeed, every token handed out still refreshes, and the newest access token works', async () => {
    const { refresh: shared } = await login();

    const answers = await Promise.all([refresh(shared), refresh(shared)]);

    for (const answer of answers) expect(answer.status).toBe(200);
    const pairs = answers.map((answer) => answer.data as Pair);
    expect(pairs[0]?.refresh).not.toBe(pairs[1]?.refresh);

    const next = await Promise.all(pairs.map((pair) => refreshed(pair.refresh)));
    for (const pair of next) await expectAccessWorks(pair.access);
  });
});

describe('logout', () => {
  test('ends every token of the session: the current one, the retired one and a sibling', async () => {
    const { refresh: original } = await login();
    const current = await refreshed(original);
    const sibling = await refreshed(original);

    expect(expectWireSuccess(await wireMutation(server.url, 'auth.logout', { refresh: current.refresh }))).toEqual({ ok: true });

    for (const token of [current.refresh, original, sibling.refresh]) {
      expectWireError(await refresh(token), 'UNAUTHORIZED');
    }
  });

  test('leaves the user\'s other sessions working', async () => {
    const ended = await login();
    const kept = await login();

    await wireMutation(server.url, 'auth.logout', { refresh: ended.refresh });

    expectWireError(await refresh(ended.refresh), 'UNAUTHORIZED');
    await expectAccessWorks((await refreshed(kept.refresh)).access);
  });
});
