import mongoose, { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { claimsOf } from './support/forged-tokens';
import { sessionCalls, type Pair, type SessionCalls } from './support/session-calls';
import { startTestServer, TEST_PASSWORD, uniqueUsername, type TestServer } from './support/test-server';
import { expectWireSuccess, wireMutation, type WireResponse } from './support/trpc-wire';

// Logins racing an account deletion or a password change. A login that read the
// user before the change finished must not come out of it with a session that
// outlives the change: the deletion or change ends every session, whenever made.

const LOGINS = 40;
const LOGIN_SPACING_MS = 2;
// The deletion or change is sent this far into the logins, so some start before it and some after.
const CHANGE_AFTER_LOGINS = 10;

let server: TestServer;
let calls: SessionCalls;

beforeAll(async () => {
  server = await startTestServer();
  calls = sessionCalls(server.url);
});

afterAll(async () => {
  await server?.close();
});

async function registerUser(): Promise<{ username: string; password: string; id: string }> {
  const user = { username: uniqueUsername('race'), password: TEST_PASSWORD };
  const answer = await wireMutation(server.url, 'auth.register', user);
  expectWireSuccess(answer);

  return { ...user, id: (answer.data as { id: string }).id };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** LOGINS logins a few ms apart, with `change` sent among them; every answer, and the change's. */
async function loginsAround(
  credentials: { username: string; password: string },
  change: () => Promise<WireResponse>,
): Promise<{ logins: WireResponse[]; change: WireResponse }> {
  const logins: Array<Promise<WireResponse>> = [];
  let changed: Promise<WireResponse> | undefined;

  for (let n = 0; n < LOGINS; n += 1) {
    if (n === CHANGE_AFTER_LOGINS) changed = change();
    logins.push(wireMutation(server.url, 'auth.login', { username: credentials.username, password: credentials.password }));
    await pause(LOGIN_SPACING_MS);
  }

  return { logins: await Promise.all(logins), change: await (changed as Promise<WireResponse>) };
}

const sessionsOf = (userId: string) =>
  mongoose.connection.collection('sessions').find({ user: new Types.ObjectId(userId) }).toArray();

const pairsFrom = (answers: WireResponse[]) =>
  answers.filter((answer) => answer.status === 200).map((answer) => answer.data as Pair);

describe('logins racing an account deletion', () => {
  test('no session of the deleted user survives, so no refresh token outlives the deletion', async () => {
    const user = await registerUser();
    const first = await calls.login(user);

    const { logins, change } = await loginsAround(user, () =>
      wireMutation(server.url, 'auth.deleteAccount', { password: user.password }, { authorization: `Bearer ${first.access}` }),
    );

    expectWireSuccess(change);
    expect(logins.every((answer) => answer.status === 200 || answer.status === 401), logins.map((a) => a.status).join(' ')).toBe(true);
    expect(await sessionsOf(user.id)).toEqual([]);

    for (const pair of pairsFrom(logins)) {
      expect(claimsOf(pair.access).sub).toBe(user.id);
      await calls.expectRefreshRefused(pair.refresh);
      await calls.expectAccessRefused(pair.access);
    }
  });
});

describe('logins with the old password racing a password change', () => {
  test('only the changing session is left; every login with the old password ends up with nothing', async () => {
    const user = await registerUser();
    const changer = await calls.login(user);
    const change = { currentPassword: user.password, newPassword: `${TEST_PASSWORD} changed` };

    const { logins, change: changed } = await loginsAround(user, () =>
      wireMutation(server.url, 'auth.changePassword', change, { authorization: `Bearer ${changer.access}` }),
    );

    expectWireSuccess(changed);
    const sessions = await sessionsOf(user.id);
    expect(sessions.map((session) => String(session._id))).toEqual([claimsOf(changer.access).sid]);

    for (const pair of pairsFrom(logins)) await calls.expectRefreshRefused(pair.refresh);
    await calls.expectRefreshWorks(changer.refresh);
  });
});
