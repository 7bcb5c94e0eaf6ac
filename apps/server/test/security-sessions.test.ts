import { createHash } from 'node:crypto';

import mongoose, { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { restCaller, type RestCall } from './support/rest-calls';
import { sessionCalls, sessionIdOf, type Pair, type SessionCalls } from './support/session-calls';
import { startTestServer, type TestServer, type TestUser } from './support/test-server';
import { bearer, comparableError, expectFieldError, expectWireError, expectWireSuccess, wireMutation, wireQuery } from './support/trpc-wire';

// Issue 5's sessions: what a session stores, how long a login lasts, and what
// logout, logout everywhere, ending one session, a password change and account
// deletion do to every refresh and access token. Access tokens live 30 min here,
// so a refused one was revoked, never merely expired.

const SESSION_LIFETIME_SECONDS = 60;
const REFRESH_TOKEN_TTL_SECONDS = 24 * 60 * 60;

let server: TestServer;
let calls: SessionCalls;
let rest: RestCall;

beforeAll(async () => {
  server = await startTestServer({ REFRESH_GRACE_SECONDS: '1', SESSION_LIFETIME: String(SESSION_LIFETIME_SECONDS) });
  calls = sessionCalls(server.url);
  rest = restCaller(server.url);
});

afterAll(() => server.close());

const collection = (name: string) => mongoose.connection.collection(name);

/** How the server remembers a refresh token, computed here independently. */
const sha256 = (token: string) => createHash('sha256').update(token).digest('base64url');

async function sessionDocuments(userId: string) {
  return collection('sessions').find({ user: new Types.ObjectId(userId) }).toArray();
}

/** A new user, who holds one session already: the SDK client's login. */
function newUser(name: string): Promise<TestUser> {
  return server.registerAndLogin(name);
}

describe('what a session stores', () => {
  test('a hash of each refresh token, never a token; with its user agent and times', async () => {
    const user = await newUser('stored');
    const first = await calls.login(user, { 'user-agent': 'StoreTest/1.0' });
    const second = await calls.expectRefreshWorks(first.refresh);
    const third = await calls.expectRefreshWorks(second.refresh);

    const [stored, ...others] = (await sessionDocuments(user.user.id)).filter(
      (each) => each._id.toHexString() === sessionIdOf(first.refresh),
    );
    const text = JSON.stringify(stored);

    expect(others).toEqual([]);
    for (const token of [first, second, third].flatMap((pair) => [pair.access, pair.refresh])) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(token.split('.')[2]);
    }
    expect(stored?.liveTokenHashes).toEqual([sha256(third.refresh)]);
    expect(stored?.userAgent).toBe('StoreTest/1.0');
    expect(stored?.createdAt).toBeInstanceOf(Date);
  });

  test('expires through a TTL index on expiresAt, set to the refresh token lifetime', async () => {
    const user = await newUser('ttl');
    const pair = await calls.login(user);

    const indexes = await collection('sessions').indexes();
    const [stored] = (await sessionDocuments(user.user.id)).filter((each) => each._id.toHexString() === sessionIdOf(pair.refresh));

    expect(indexes).toContainEqual(expect.objectContaining({ key: { expiresAt: 1 }, expireAfterSeconds: 0 }));
    const expiresInMs = (stored?.expiresAt as Date).getTime() - Date.now();
    expect(expiresInMs).toBeGreaterThan((REFRESH_TOKEN_TTL_SECONDS - 60) * 1000);
    expect(expiresInMs).toBeLessThanOrEqual(REFRESH_TOKEN_TTL_SECONDS * 1000);
  });
});

describe('refresh reuse after the grace window (the rest is in refresh-reuse.test.ts)', () => {
  test('revokes every branch of the family: the winner\'s and the sibling\'s tokens alike', async () => {
    const user = await newUser('family');
    const root = await calls.login(user);
    const winner = await calls.expectRefreshWorks(root.refresh);
    const sibling = await calls.expectRefreshWorks(root.refresh);
    const grandchild = await calls.expectRefreshWorks(sibling.refresh);
    await new Promise((resolve) => setTimeout(resolve, 1100));

    await calls.expectRefreshRefused(root.refresh);

    for (const pair of [winner, grandchild]) {
      await calls.expectAccessRefused(pair.access);
      await calls.expectRefreshRefused(pair.refresh);
    }
    expect((await sessionDocuments(user.user.id)).map((each) => each._id.toHexString())).not.toContain(sessionIdOf(root.refresh));
  });
});

describe('the absolute lifetime of a login (SESSION_LIFETIME)', () => {
  test('is fixed at login: rotation never moves it', async () => {
    const user = await newUser('lifetime');
    const pair = await calls.login(user);
    const sessionId = new Types.ObjectId(sessionIdOf(pair.refresh));
    const before = await collection('sessions').findOne({ _id: sessionId });

    let current = pair;
    for (let round = 0; round < 3; round += 1) current = await calls.expectRefreshWorks(current.refresh);
    const after = await collection('sessions').findOne({ _id: sessionId });

    const lifetimeMs = (before?.absoluteExpiresAt as Date).getTime() - (before?.createdAt as Date).getTime();
    expect(Math.abs(lifetimeMs - SESSION_LIFETIME_SECONDS * 1000)).toBeLessThan(1000);
    expect(after?.absoluteExpiresAt).toEqual(before?.absoluteExpiresAt);
    expect(after?.revision).toBe(3);
  });

  test('once past, refresh is UNAUTHORIZED and the session is no longer listed', async () => {
    const user = await newUser('pastlife');
    const watcher = await calls.login(user);
    const pair = await calls.login(user);
    const fresh = await calls.expectRefreshWorks(pair.refresh);

    // Instead of waiting a minute: the login began SESSION_LIFETIME (and a second) ago.
    const shift = (SESSION_LIFETIME_SECONDS + 1) * 1000;
    const sessionId = new Types.ObjectId(sessionIdOf(pair.refresh));
    const stored = await collection('sessions').findOne({ _id: sessionId });
    await collection('sessions').updateOne(
      { _id: sessionId },
      {
        $set: {
          createdAt: new Date((stored?.createdAt as Date).getTime() - shift),
          absoluteExpiresAt: new Date((stored?.absoluteExpiresAt as Date).getTime() - shift),
        },
      },
    );

    await calls.expectRefreshRefused(fresh.refresh);
    const listed = expectWireSuccess(await calls.call('auth.sessions', watcher.access)) as Array<{ id: string }>;
    expect(listed.map((each) => each.id)).not.toContain(sessionIdOf(pair.refresh));
    await calls.expectRefreshWorks(watcher.refresh);
  });
});

describe('auth.logout', () => {
  test('stops the session\'s access token at once, and leaves the user\'s other sessions', async () => {
    const user = await newUser('logout');
    const ended = await calls.login(user);
    const kept = await calls.login(user);
    await calls.expectAccessWorks(ended.access);

    expect(expectWireSuccess(await wireMutation(server.url, 'auth.logout', { refresh: ended.refresh }))).toEqual({ ok: true });

    await calls.expectAccessRefused(ended.access);
    await calls.expectRefreshRefused(ended.refresh);
    await calls.expectAccessWorks(kept.access);
    await calls.expectRefreshWorks(kept.refresh);
  });

  test('refuses an access token in place of the refresh token, and ends nothing (F-03)', async () => {
    const user = await newUser('logoutconf');
    const pair = await calls.login(user);

    expectWireError(await wireMutation(server.url, 'auth.logout', { refresh: pair.access }), 'UNAUTHORIZED');

    await calls.expectAccessWorks(pair.access);
    await calls.expectRefreshWorks(pair.refresh);
  });

  test('over REST: POST /api/logout/ answers 200 and ends the session', async () => {
    const user = await newUser('restlogout');
    const pair = await calls.login(user);

    const answer = await rest('POST', '/api/logout/', { body: { refresh: pair.refresh } });

    expect(answer.status, answer.text).toBe(200);
    expect(answer.body).toEqual({ ok: true });
    await calls.expectAccessRefused(pair.access);
    expect((await rest('POST', '/api/logout/', { body: { refresh: pair.refresh } })).status).toBe(401);
  });
});

describe('auth.logoutAll', () => {
  test('ends every session of the user, the caller\'s included, and no one else\'s', async () => {
    const user = await newUser('everywhere');
    const bystander = await newUser('bystander');
    const pairs = [await calls.login(user), await calls.login(user), await calls.login(user)];
    const rotated = await calls.expectRefreshWorks((pairs[2] as Pair).refresh);
    const theirs = await calls.login(bystander);

    const answer = await wireMutation(server.url, 'auth.logoutAll', undefined, bearer((pairs[0] as Pair).access));
    expect(expectWireSuccess(answer)).toEqual({ ok: true });

    for (const pair of [...pairs, rotated]) {
      await calls.expectAccessRefused(pair.access);
      await calls.expectRefreshRefused(pair.refresh);
    }
    expect(await sessionDocuments(user.user.id)).toEqual([]);
    await calls.expectAccessWorks(theirs.access);
    await calls.expectRefreshWorks(theirs.refresh);
  });

  test('over REST: POST /api/logout-all/ needs no body', async () => {
    const user = await newUser('restall');
    const pair = await calls.login(user);

    const answer = await rest('POST', '/api/logout-all/', { token: pair.access });

    expect(answer.status, answer.text).toBe(200);
    await calls.expectAccessRefused(pair.access);
  });
});

describe('auth.sessions', () => {
  type Listed = { id: string; createdAt: string; lastUsedAt: string; userAgent: string | null; current: boolean };

  test('lists the user\'s own sessions, newest first, marking the caller\'s as current', async () => {
    const user = await newUser('lister');
    const other = await newUser('otherlister');
    const older = await calls.login(user, { 'user-agent': 'Older/1.0' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const newer = await calls.login(user, { 'user-agent': 'Newer/2.0' });
    await calls.login(other);

    const listed = expectWireSuccess(await calls.call('auth.sessions', older.access)) as Listed[];
    const ours = listed.filter((each) => [sessionIdOf(older.access), sessionIdOf(newer.access)].includes(each.id));

    // registerAndLogin's own login is a third session of this user.
    expect(listed).toHaveLength(3);
    expect(ours.map((each) => each.id)).toEqual([sessionIdOf(newer.access), sessionIdOf(older.access)]);
    expect(ours.map((each) => each.userAgent)).toEqual(['Newer/2.0', 'Older/1.0']);
    expect(listed.filter((each) => each.current).map((each) => each.id)).toEqual([sessionIdOf(older.access)]);
    for (const each of listed) {
      expect(Object.keys(each).sort()).toEqual(['createdAt', 'current', 'id', 'lastUsedAt', 'userAgent']);
      expect(new Date(each.createdAt).toISOString()).toBe(each.createdAt);
    }
    expect(JSON.stringify(listed)).not.toContain(older.refresh);
  });

  test('over REST: GET /api/sessions/', async () => {
    const user = await newUser('restlist');
    const pair = await calls.login(user);

    const answer = await rest('GET', '/api/sessions/', { token: pair.access });

    expect(answer.status, answer.text).toBe(200);
    expect((answer.body as Listed[]).find((each) => each.current)?.id).toBe(sessionIdOf(pair.access));
  });
});

describe('auth.revokeSession', () => {
  test('ends one of the user\'s sessions: its refresh and access tokens stop, the caller\'s do not', async () => {
    const user = await newUser('revoker');
    const caller = await calls.login(user);
    const lost = await calls.login(user);
    const lostLater = await calls.expectRefreshWorks(lost.refresh);

    const answer = await calls.call('auth.revokeSession', caller.access, { id: sessionIdOf(lost.access) }, true);

    expect(expectWireSuccess(answer)).toEqual({ ok: true });
    await calls.expectAccessRefused(lost.access);
    await calls.expectAccessRefused(lostLater.access);
    await calls.expectRefreshRefused(lostLater.refresh);
    await calls.expectAccessWorks(caller.access);
    await calls.expectRefreshWorks(caller.refresh);
  });

  test('another user\'s session id is NOT_FOUND exactly like an unknown or malformed one, and stays alive', async () => {
    const user = await newUser('prober');
    const victim = await newUser('victim');
    const caller = await calls.login(user);
    const theirs = await calls.login(victim);

    const revoke = (id: string) => calls.call('auth.revokeSession', caller.access, { id }, true);
    const foreign = expectWireError(await revoke(sessionIdOf(theirs.access)), 'NOT_FOUND');
    const unknown = expectWireError(await revoke(new Types.ObjectId().toHexString()), 'NOT_FOUND');
    const malformed = expectWireError(await revoke('not-a-session-id'), 'NOT_FOUND');

    expect(comparableError(foreign)).toEqual(comparableError(unknown));
    expect(comparableError(malformed)).toEqual(comparableError(unknown));
    await calls.expectAccessWorks(theirs.access);
    await calls.expectRefreshWorks(theirs.refresh);
  });

  test('over REST: DELETE /api/sessions/{id}/ answers 204, and 404 alike for foreign and unknown ids', async () => {
    const user = await newUser('restrevoke');
    const victim = await newUser('restvictim');
    const caller = await calls.login(user);
    const lost = await calls.login(user);
    const theirs = await calls.login(victim);

    const done = await rest('DELETE', `/api/sessions/${sessionIdOf(lost.access)}/`, { token: caller.access });
    const foreign = await rest('DELETE', `/api/sessions/${sessionIdOf(theirs.access)}/`, { token: caller.access });
    const unknown = await rest('DELETE', `/api/sessions/${new Types.ObjectId().toHexString()}/`, { token: caller.access });

    expect(done.status, done.text).toBe(204);
    expect(done.text).toBe('');
    await calls.expectAccessRefused(lost.access);
    expect(foreign.status).toBe(404);
    expect({ ...foreign.body.error, requestId: null }).toEqual({ ...unknown.body.error, requestId: null });
    await calls.expectAccessWorks(theirs.access);
  });
});

describe('auth.changePassword', () => {
  test('with a wrong current password is FORBIDDEN and changes nothing', async () => {
    const user = await newUser('wrongcur');
    const pair = await calls.login(user);

    const answer = await calls.call('auth.changePassword', pair.access, { currentPassword: 'not it at all', newPassword: 'a brand new password' }, true);

    expect(expectWireError(answer, 'FORBIDDEN').message).toBe('The password is incorrect');
    await calls.expectAccessWorks(pair.access);
    await calls.login(user);
    expectWireError(await wireMutation(server.url, 'auth.login', { username: user.username, password: 'a brand new password' }), 'UNAUTHORIZED');
  });

  test('refuses a new password over 72 bytes or under 8 characters, naming the field', async () => {
    const user = await newUser('badnew');
    const pair = await calls.login(user);
    const change = (newPassword: string) =>
      calls.call('auth.changePassword', pair.access, { currentPassword: user.password, newPassword }, true);

    expect(expectFieldError(await change('é'.repeat(37)), 'newPassword').message).toContain('72 bytes');
    expect(expectFieldError(await change('short'), 'newPassword').message).toContain('at least 8 characters');
    await calls.login(user);
  });

  test('ends every other session, refresh and access tokens alike, and keeps the caller\'s', async () => {
    const user = await newUser('changer');
    const caller = await calls.login(user);
    const others = [await calls.login(user), await calls.login(user)];
    const newPassword = 'a completely new passphrase';

    const answer = await calls.call('auth.changePassword', caller.access, { currentPassword: user.password, newPassword }, true);

    expect(expectWireSuccess(answer)).toEqual({ ok: true });
    for (const pair of others) {
      await calls.expectAccessRefused(pair.access);
      await calls.expectRefreshRefused(pair.refresh);
    }
    await calls.expectAccessWorks(caller.access);
    const next = await calls.expectRefreshWorks(caller.refresh);
    await calls.expectAccessWorks(next.access);

    expectWireError(await wireMutation(server.url, 'auth.login', { username: user.username, password: user.password }), 'UNAUTHORIZED');
    await calls.login({ username: user.username, password: newPassword });
  });

  test('over REST: POST /api/password/', async () => {
    const user = await newUser('restpw');
    const pair = await calls.login(user);

    const wrong = await rest('POST', '/api/password/', { token: pair.access, body: { currentPassword: 'nope nope', newPassword: 'x'.repeat(10) } });
    const right = await rest('POST', '/api/password/', { token: pair.access, body: { currentPassword: user.password, newPassword: 'y'.repeat(10) } });

    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('FORBIDDEN');
    expect(right.status, right.text).toBe(200);
    await calls.login({ username: user.username, password: 'y'.repeat(10) });
  });
});

describe('auth.deleteAccount', () => {
  async function userWithData(name: string) {
    const user = await newUser(name);
    const pairs = [await calls.login(user), await calls.login(user)];
    for (const title of ['first', 'second']) {
      expectWireSuccess(await calls.call('notes.create', (pairs[0] as Pair).access, { title, body: '' }, true));
    }

    return { user, pairs };
  }

  const owned = (name: string, userId: string) => collection(name).countDocuments({ [name === 'notes' ? 'owner' : 'user']: new Types.ObjectId(userId) });

  test('with a wrong password is FORBIDDEN and deletes nothing', async () => {
    const { user, pairs } = await userWithData('keeper');

    const answer = await calls.call('auth.deleteAccount', (pairs[0] as Pair).access, { password: 'wrong password' }, true);

    expectWireError(answer, 'FORBIDDEN');
    expect(await collection('users').countDocuments({ _id: new Types.ObjectId(user.user.id) })).toBe(1);
    expect(await owned('notes', user.user.id)).toBe(2);
    await calls.expectAccessWorks((pairs[1] as Pair).access);
  });

  test('deletes the user, their notes, sessions and events; no old token reads or writes anything', async () => {
    const { user, pairs } = await userWithData('leaver');
    const [caller, other] = pairs as [Pair, Pair];
    const bystander = await userWithData('stayer');

    const answer = await calls.call('auth.deleteAccount', caller.access, { password: user.password }, true);

    expect(expectWireSuccess(answer)).toEqual({ ok: true });
    expect(await collection('users').countDocuments({ _id: new Types.ObjectId(user.user.id) })).toBe(0);
    for (const name of ['notes', 'sessions', 'securityevents']) expect(await owned(name, user.user.id), name).toBe(0);

    for (const pair of [caller, other]) {
      await calls.expectAccessRefused(pair.access);
      expectWireError(await calls.call('notes.list', pair.access, {}), 'UNAUTHORIZED');
      expectWireError(await calls.call('notes.create', pair.access, { title: 'ghost', body: '' }, true), 'UNAUTHORIZED');
      await calls.expectRefreshRefused(pair.refresh);
    }
    expect(await owned('notes', user.user.id)).toBe(0);

    expect(await owned('notes', bystander.user.user.id)).toBe(2);
    await calls.expectAccessWorks((bystander.pairs[0] as Pair).access);
  });

  test('frees the username: it can be registered again, as a new account that starts empty', async () => {
    const { user, pairs } = await userWithData('reborn');
    await calls.call('auth.deleteAccount', (pairs[0] as Pair).access, { password: user.password }, true);

    const again = await wireMutation(server.url, 'auth.register', { username: user.username.toUpperCase(), password: 'another fine password' });
    const reborn = expectWireSuccess(again) as { id: string };
    const pair = await calls.login({ username: user.username, password: 'another fine password' });

    expect(reborn.id).not.toBe(user.user.id);
    await calls.expectAccessWorks(pair.access);
    expect(expectWireSuccess(await wireQuery(server.url, 'notes.list', {}, bearer(pair.access)))).toMatchObject({ items: [] });
    await calls.expectAccessRefused((pairs[1] as Pair).access);
  });

  test('over REST: POST /api/me/delete/ with the password; the old token then gets 401', async () => {
    const user = await newUser('restdelete');
    const pair = await calls.login(user);

    const answer = await rest('POST', '/api/me/delete/', { token: pair.access, body: { password: user.password } });

    expect(answer.status, answer.text).toBe(200);
    expect((await rest('GET', '/api/me/', { token: pair.access })).status).toBe(401);
    expect((await rest('POST', '/api/notes/', { token: pair.access, body: { title: 'ghost' } })).status).toBe(401);
  });
});
