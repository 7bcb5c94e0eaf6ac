import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

import { startDatabase, type RunningDatabase } from '@scoped-notes/embedded-mongo';
import mongoose, { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { runMain, type MainProcess } from './support/main-process';
import { sessionCalls, type Pair, type SessionCalls } from './support/session-calls';
import { TEST_JWT_SECRET, TEST_PASSWORD, uniqueUsername } from './support/test-server';
import { expectWireError, expectWireSuccess, wireMutation } from './support/trpc-wire';

// Two server processes (`node --import tsx src/main.ts`, as `pnpm start` runs it) on one database. A
// revocation made through one must stop access tokens on the other within 5 s
// (each instance re-reads the revocations every second), and rate limits are
// counted once for both.

const REVOCATION_DEADLINE_MS = 5000;
const POLL_MS = 25;
const LOGIN_LIMIT = 5;

let database: RunningDatabase;
const instances: Array<{ main: MainProcess; url: string; calls: SessionCalls }> = [];

async function startInstance(uri: string) {
  const main = runMain({
    PORT: '0',
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    MONGODB_URI: uri,
    JWT_SECRET: TEST_JWT_SECRET,
    BCRYPT_COST: '4',
    RATE_LIMIT_LOGIN_PER_USERNAME: `${LOGIN_LIMIT}/60`,
    RATE_LIMIT_LOGIN_PER_ADDRESS: '100000/60',
    RATE_LIMIT_REGISTER_PER_ADDRESS: '100000/60',
    RATE_LIMIT_REFRESH_PER_ADDRESS: '100000/60',
  });
  const listening = await main.waitForLine((line) => typeof line.url === 'string');
  const url = listening.url as string;

  return { main, url, calls: sessionCalls(url) };
}

beforeAll(async () => {
  database = await startDatabase({ embedded: 'jongodb' });
  instances.push(...(await Promise.all([startInstance(database.uri), startInstance(database.uri)])));
});

afterAll(async () => {
  for (const { main } of instances) main.child.kill('SIGTERM');
  await Promise.all(instances.map(({ main }) => main.exited));
  await database?.stop();
});

const instance = (index: 0 | 1) => {
  const found = instances[index];
  if (!found) throw new Error(`instance ${index} did not start`);

  return found;
};

async function registerOn(index: 0 | 1): Promise<{ username: string; password: string }> {
  const user = { username: uniqueUsername('multi'), password: TEST_PASSWORD };
  expectWireSuccess(await wireMutation(instance(index).url, 'auth.register', user));

  return user;
}

/**
 * Polls `notes.list` on an instance until every token is refused; returns how long
 * that took. Fails once the deadline passes. Not `auth.me`: it reads the user from
 * the database, so it would notice a deleted account without any revocation.
 */
async function msUntilRefused(index: 0 | 1, accessTokens: string[]): Promise<number> {
  const started = performance.now();
  const pending = new Set(accessTokens);

  while (pending.size > 0) {
    for (const token of [...pending]) {
      if ((await instance(index).calls.call('notes.list', token, {})).status === 401) pending.delete(token);
    }
    if (pending.size === 0) break;
    if (performance.now() - started > REVOCATION_DEADLINE_MS) throw new Error(`still accepted after ${REVOCATION_DEADLINE_MS} ms`);
    await sleep(POLL_MS);
  }

  return performance.now() - started;
}

describe('revocation reaches the other instance', () => {
  test('logout everywhere on B: A refuses the old access tokens within 5 s', async () => {
    const user = await registerOn(0);
    const [first, second] = [await instance(0).calls.login(user), await instance(0).calls.login(user)] as [Pair, Pair];
    await instance(0).calls.expectAccessWorks(first.access);
    await instance(0).calls.expectAccessWorks(second.access);

    expectWireSuccess(await instance(1).calls.call('auth.logoutAll', second.access, undefined, true));
    const delay = await msUntilRefused(0, [first.access, second.access]);

    console.info(`logout everywhere on B -> refused on A after ${delay.toFixed(0)} ms`);
    expect(delay).toBeLessThan(REVOCATION_DEADLINE_MS);
    await instance(1).calls.expectAccessRefused(second.access);
    await instance(0).calls.expectRefreshRefused(first.refresh);
  });

  test('a password change on A: B refuses the other sessions\' access tokens, and keeps the caller\'s', async () => {
    const user = await registerOn(1);
    const caller = await instance(0).calls.login(user);
    const other = await instance(1).calls.login(user);
    await instance(1).calls.expectAccessWorks(other.access);

    const change = { currentPassword: user.password, newPassword: 'changed on instance A' };
    expectWireSuccess(await instance(0).calls.call('auth.changePassword', caller.access, change, true));
    const delay = await msUntilRefused(1, [other.access]);

    console.info(`password change on A -> other session refused on B after ${delay.toFixed(0)} ms`);
    await instance(1).calls.expectAccessWorks(caller.access);
  });

  test('account deletion on B: A refuses to read or create with the deleted user\'s token', async () => {
    const user = await registerOn(0);
    const pair = await instance(0).calls.login(user);
    expectWireSuccess(await instance(0).calls.call('notes.create', pair.access, { title: 'before', body: '' }, true));

    expectWireSuccess(await instance(1).calls.call('auth.deleteAccount', pair.access, { password: user.password }, true));
    const delay = await msUntilRefused(0, [pair.access]);

    console.info(`account deletion on B -> refused on A after ${delay.toFixed(0)} ms`);
    expectWireError(await instance(0).calls.call('notes.create', pair.access, { title: 'after', body: '' }, true), 'UNAUTHORIZED');
    expectWireError(await instance(0).calls.call('notes.list', pair.access, {}), 'UNAUTHORIZED');
  });
});

/** The user id an access token names (its `sub`), read without checking it. */
function userIdOf(accessToken: string): string {
  const payload = JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sub: string };

  return payload.sub;
}

describe('account deletion on one instance while another still accepts the token', () => {
  // Two revocation polls and a margin (services.ts), and some slack for a loaded machine.
  const LATE_SWEEP_MS = 3000;

  test('what the other instance wrote in that moment is removed by the second pass', async () => {
    const user = await registerOn(0);
    const pair = await instance(0).calls.login(user);
    const owner = new Types.ObjectId(userIdOf(pair.access));

    expectWireSuccess(await instance(1).calls.call('auth.deleteAccount', pair.access, { password: user.password }, true));
    // Sent at once: instance A has most likely not polled yet, and takes it.
    const lateWrite = await instance(0).calls.call('notes.create', pair.access, { title: 'written after deletion', body: '' }, true);
    expect([200, 401], lateWrite.text).toContain(lateWrite.status);
    console.info(`a create on A right after deletion on B answered ${lateWrite.status}`);

    const connection = await mongoose.createConnection(database.uri).asPromise();
    try {
      const notes = connection.collection('notes');
      const events = connection.collection('securityevents');

      await sleep(LATE_SWEEP_MS + 2000);
      expect(await notes.countDocuments({ owner })).toBe(0);
      expect(await events.countDocuments({ user: owner })).toBe(0);
    } finally {
      await connection.close();
    }
  });
});

describe('rate limits', () => {
  test('count failed logins on both instances together', async () => {
    const user = await registerOn(0);
    const fail = (index: 0 | 1, n: number) => wireMutation(instance(index).url, 'auth.login', { ...user, password: `wrong-${n}` });

    for (let n = 1; n <= LOGIN_LIMIT; n += 1) expectWireError(await fail(n % 2 ? 0 : 1, n), 'UNAUTHORIZED');

    expectWireError(await fail(0, 100), 'TOO_MANY_REQUESTS');
    expectWireError(await fail(1, 101), 'TOO_MANY_REQUESTS');
    expectWireError(await wireMutation(instance(1).url, 'auth.login', user), 'TOO_MANY_REQUESTS');
  });
});
