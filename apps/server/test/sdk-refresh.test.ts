import { setTimeout as sleep } from 'node:timers/promises';

import { createMemoryTokenStore, type NotesClient, type TokenStore } from '@scoped-notes/client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { msUntilExpired } from './support/forged-tokens';
import { expectRejection } from './support/sdk-errors';
import { startTestServer, type TestServer } from './support/test-server';
import { expectWireSuccess, wireMutation } from './support/trpc-wire';

// The SDK across a real expiry: access tokens live 2 s here. Every scenario logs
// in first, then the file waits once until all of those access tokens have expired.

type Tab = { client: NotesClient; requests: string[] };
type Scenario = { store: TokenStore; tabs: Tab[]; oldRefresh: string };

let server: TestServer;
let twoTabs: Scenario;
let oneTab: Scenario;
let endedElsewhere: Scenario;

/** An SDK client on `store` whose requests (procedure paths) are recorded. */
function tab(store: TokenStore): Tab {
  const requests: string[] = [];
  const recordingFetch: typeof fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    requests.push(new URL(url).pathname.replace('/trpc/', ''));

    return fetch(input, init);
  };

  return { client: server.client({ store, fetch: recordingFetch }), requests };
}

/** A user logged in, with one note, on a store that `tabCount` recording clients share. */
async function scenario(name: string, tabCount: number): Promise<Scenario> {
  const { username, password } = await server.registerAndLogin(name);
  const store = createMemoryTokenStore();
  const setUp = server.client({ store });

  await setUp.login({ username, password });
  await setUp.notes.create.mutate({ title: `${name}'s note`, body: '' });
  const tabs = Array.from({ length: tabCount }, () => tab(store));

  return { store, tabs, oldRefresh: store.get()?.refresh ?? '' };
}

function refreshesSent(tabs: Tab[]): number {
  return tabs.flatMap((each) => each.requests).filter((path) => path === 'auth.refresh').length;
}

beforeAll(async () => {
  server = await startTestServer({ ACCESS_TOKEN_TTL: '2' });
  [twoTabs, oneTab, endedElsewhere] = await Promise.all([
    scenario('twotabs', 2),
    scenario('onetab', 1),
    scenario('ended', 1),
  ]);

  const latest = [twoTabs, oneTab, endedElsewhere].map((each) => each.store.get()?.access ?? '');
  await sleep(Math.max(...latest.map((access) => msUntilExpired(access))));
});

afterAll(() => server.close());

describe('two clients sharing one token store, both with an expired access token (F-04)', () => {
  test('both calls at the same instant resolve with data after exactly one refresh', async () => {
    const [first, second] = twoTabs.tabs as [Tab, Tab];

    const [a, b] = await Promise.all([first.client.notes.list.query(), second.client.notes.list.query()]);

    expect(a.items.map((each) => each.title)).toEqual(["twotabs's note"]);
    expect(b).toEqual(a);
    expect(refreshesSent(twoTabs.tabs)).toBe(1);
  });

  test('the store ends holding a new refresh token that the server honours', async () => {
    const held = twoTabs.store.get();

    expect(held?.refresh).toBeDefined();
    expect(held?.refresh).not.toBe(twoTabs.oldRefresh);
    expectWireSuccess(await wireMutation(server.url, 'auth.refresh', { refresh: held?.refresh }));
  });
});

describe('one client with an expired access token', () => {
  test('five calls at once share one refresh and all resolve', async () => {
    const [only] = oneTab.tabs as [Tab];
    const { client } = only;

    const results = await Promise.all([
      client.notes.list.query(),
      client.notes.list.query({ limit: 1 }),
      client.auth.me.query(),
      client.notes.create.mutate({ title: 'written after expiry', body: '' }),
      client.notes.list.query({ limit: 5 }),
    ]);

    expect(results).toHaveLength(5);
    expect(refreshesSent(oneTab.tabs)).toBe(1);
    expect(only.requests.filter((path) => path !== 'auth.refresh').length).toBeLessThanOrEqual(10);
    expect((await client.notes.list.query()).items.map((each) => each.title)).toContain('written after expiry');
  });
});

describe('a refresh the server refuses', () => {
  test('surfaces UNAUTHORIZED, clears the tokens, and is tried once', async () => {
    const [only] = endedElsewhere.tabs as [Tab];
    await wireMutation(server.url, 'auth.logout', { refresh: endedElsewhere.oldRefresh });

    await expectRejection(only.client.notes.list.query(), 'UNAUTHORIZED');

    expect(only.client.isLoggedIn()).toBe(false);
    expect(refreshesSent(endedElsewhere.tabs)).toBe(1);
    expect(only.requests).toEqual(['notes.list', 'auth.refresh']);
  });

  test('afterwards a call answers UNAUTHORIZED without trying to refresh', async () => {
    const [only] = endedElsewhere.tabs as [Tab];
    only.requests.splice(0);

    await expectRejection(only.client.notes.list.query(), 'UNAUTHORIZED');

    expect(only.requests).toEqual(['notes.list']);
  });
});
