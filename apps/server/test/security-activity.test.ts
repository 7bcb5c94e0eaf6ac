import { setTimeout as sleep } from 'node:timers/promises';

import mongoose, { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { restCaller } from './support/rest-calls';
import { sessionCalls, sessionIdOf, type Pair, type SessionCalls } from './support/session-calls';
import { startTestServer, type TestServer, type TestUser } from './support/test-server';
import { expectWireError, expectWireSuccess, wireMutation } from './support/trpc-wire';

// auth.activity: a user's own security events, newest first, each with the time,
// client address and user agent, and never a token. One proxy is trusted here, so
// each step can come from an address of its own (the right-most X-Forwarded-For).

const GRACE_MS = 1000;
const RETENTION_DAYS = 90;

type Event = { id: string; type: string; at: string; clientAddress: string | null; userAgent: string | null };

let server: TestServer;
let calls: SessionCalls;

beforeAll(async () => {
  server = await startTestServer({ TRUST_PROXY: '1', REFRESH_GRACE_SECONDS: String(GRACE_MS / 1000) });
  calls = sessionCalls(server.url);
});

afterAll(() => server.close());

/** The headers of a request from `address` with browser `agent`, through the one trusted proxy. */
const from = (address: string, agent: string) => ({ 'x-forwarded-for': address, 'user-agent': agent });

async function activityOf(access: string, input: unknown = {}): Promise<Event[]> {
  return expectWireSuccess(await calls.call('auth.activity', access, input)) as Event[];
}

describe('a user\'s security history', () => {
  let user: TestUser;
  let other: TestUser;
  const tokensSeen: string[] = [];
  let viewer: Pair;

  // Each step as the user (or an attacker) would take it, from its own address and agent.
  beforeAll(async () => {
    [user, other] = await Promise.all([server.registerAndLogin('historian'), server.registerAndLogin('neighbour')]);
    const { username, password } = user;
    const remember = (pair: Pair) => {
      tokensSeen.push(pair.access, pair.refresh);

      return pair;
    };

    const main = remember(await calls.login(user, from('203.0.113.1', 'Agent/login')));

    const failed = await wireMutation(server.url, 'auth.login', { username, password: 'guess' }, from('203.0.113.2', 'Agent/failed'));
    expectWireError(failed, 'UNAUTHORIZED');

    const leaked = remember(await calls.login(user, from('203.0.113.3', 'Agent/leaked')));
    remember(await calls.expectRefreshWorks(leaked.refresh));
    await sleep(GRACE_MS + 100);
    expectWireError(await wireMutation(server.url, 'auth.refresh', { refresh: leaked.refresh }, from('203.0.113.4', 'Agent/reuse')), 'UNAUTHORIZED');

    const doomed = remember(await calls.login(user, from('203.0.113.5', 'Agent/doomed')));
    await wireMutation(server.url, 'auth.revokeSession', { id: sessionIdOf(doomed.access) }, { ...from('203.0.113.6', 'Agent/revoke'), authorization: `Bearer ${main.access}` });

    const newPassword = 'the new history password';
    await wireMutation(server.url, 'auth.changePassword', { currentPassword: password, newPassword }, { ...from('203.0.113.7', 'Agent/password'), authorization: `Bearer ${main.access}` });

    const short = remember(await calls.login({ username, password: newPassword }, from('203.0.113.8', 'Agent/short')));
    expectWireSuccess(await wireMutation(server.url, 'auth.logout', { refresh: short.refresh }, from('203.0.113.9', 'Agent/logout')));
    // A second logout with the same token is refused and must not add an event.
    expectWireError(await wireMutation(server.url, 'auth.logout', { refresh: short.refresh }, from('203.0.113.99', 'Agent/again')), 'UNAUTHORIZED');

    await wireMutation(server.url, 'auth.logoutAll', undefined, { ...from('203.0.113.10', 'Agent/all'), authorization: `Bearer ${main.access}` });

    viewer = remember(await calls.login({ username, password: newPassword }, from('203.0.113.11', 'Agent/viewer')));
  });

  test('lists every kind of event, newest first, with the address and agent of each', async () => {
    const events = await activityOf(viewer.access);

    expect(events.map(({ type, clientAddress, userAgent }) => [type, clientAddress, userAgent])).toEqual([
      ['login', '203.0.113.11', 'Agent/viewer'],
      ['logout_all', '203.0.113.10', 'Agent/all'],
      ['logout', '203.0.113.9', 'Agent/logout'],
      ['login', '203.0.113.8', 'Agent/short'],
      ['password_changed', '203.0.113.7', 'Agent/password'],
      ['session_revoked', '203.0.113.6', 'Agent/revoke'],
      ['login', '203.0.113.5', 'Agent/doomed'],
      ['refresh_reuse_detected', '203.0.113.4', 'Agent/reuse'],
      ['login', '203.0.113.3', 'Agent/leaked'],
      ['login_failed', '203.0.113.2', 'Agent/failed'],
      ['login', '203.0.113.1', 'Agent/login'],
      // registerAndLogin's own login, from the test runner itself.
      ['login', '127.0.0.1', expect.any(String)],
    ]);
    const times = events.map((event) => Date.parse(event.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  test('never holds or shows a token, in the database or in the answer', async () => {
    const answer = await calls.call('auth.activity', viewer.access, {});
    const stored = await mongoose.connection.collection('securityevents').find({ user: new Types.ObjectId(user.user.id) }).toArray();

    expect(stored.length).toBeGreaterThanOrEqual(12);
    const storedText = JSON.stringify(stored);
    for (const token of tokensSeen) {
      for (const part of [token, token.split('.')[2] as string]) {
        expect(storedText).not.toContain(part);
        expect(answer.text).not.toContain(part);
      }
    }
  });

  test('is the user\'s own: another user sees only their own single login', async () => {
    const theirs = await activityOf(other.tokens().access);
    const ours = new Set((await activityOf(viewer.access)).map((event) => event.id));

    expect(theirs.map((event) => event.type)).toEqual(['login']);
    expect(theirs.some((event) => ours.has(event.id))).toBe(false);
  });

  test('honours limit, and over REST: GET /api/activity/?limit=2', async () => {
    expect(await activityOf(viewer.access, { limit: 3 })).toHaveLength(3);

    const answer = await restCaller(server.url)('GET', '/api/activity/?limit=2', { token: viewer.access });

    expect(answer.status, answer.text).toBe(200);
    expect((answer.body as Event[]).map((event) => event.type)).toEqual(['login', 'logout_all']);
  });

  test('old events expire through a TTL index, after the retention period', async () => {
    const collection = mongoose.connection.collection('securityevents');
    const indexes = await collection.indexes();
    const newest = await collection.findOne({ user: new Types.ObjectId(user.user.id) }, { sort: { at: -1 } });

    expect(indexes).toContainEqual(expect.objectContaining({ key: { expiresAt: 1 }, expireAfterSeconds: 0 }));
    const retentionMs = (newest?.expiresAt as Date).getTime() - (newest?.at as Date).getTime();
    expect(retentionMs).toBe(RETENTION_DAYS * 24 * 60 * 60 * 1000);
  });
});
