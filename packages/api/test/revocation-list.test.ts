import { setTimeout as sleep } from 'node:timers/promises';

import { startDatabase, type RunningDatabase } from '@scoped-notes/embedded-mongo';
import { TRPCError } from '@trpc/server';
import mongoose, { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { createRevocationList, type RevocationList } from '../src/auth/revocation-list';
import { createTokenService } from '../src/auth/token-service';
import { createContext } from '../src/context';
import { connectDatabase, disconnectDatabase } from '../src/db/connection';
import type { ApiLogger } from '../src/logger';
import type { Services } from '../src/services';
import { createRouter, protectedProcedure } from '../src/trpc';

// The in-memory revocation list: written to MongoDB, mirrored by every instance,
// and read by the auth middleware without any database access of its own.

const ACCESS_TTL_SECONDS = 60;
const POLL_MS = 100;

let database: RunningDatabase;

beforeAll(async () => {
  database = await startDatabase({ embedded: 'jongodb' });
  await connectDatabase(database.uri);
});

afterAll(async () => {
  await disconnectDatabase();
  await database.stop();
});

const newList = () => createRevocationList({ accessTokenTtlSeconds: ACCESS_TTL_SECONDS, pollIntervalMs: POLL_MS });
const newSubject = () => ({
  userId: new Types.ObjectId().toHexString(),
  username: 'priya',
  sessionId: new Types.ObjectId().toHexString(),
});

describe('revocations shared through the database', () => {
  test('another instance sees a revoked session or user after its next reload, not before', async () => {
    const [here, there] = [newList(), newList()];
    const [session, user] = [newSubject(), newSubject()];

    await here.revokeSessions([session.sessionId]);
    await here.revokeUser(user.userId);

    expect(here.isRevoked(session)).toBe(true);
    expect(here.isRevoked({ ...user, sessionId: new Types.ObjectId().toHexString() })).toBe(true);
    expect(there.isRevoked(session)).toBe(false);

    await there.reload();

    expect(there.isRevoked(session)).toBe(true);
    expect(there.isRevoked(user)).toBe(true);
    expect(there.isRevoked(newSubject())).toBe(false);
  });

  test('a reload that read the collection before a revocation was stored does not forget it', async () => {
    const list = newList();
    const subject = newSubject();

    // The reload's query goes out first; the revocation is remembered, then stored.
    const reloading = list.reload();
    const revoking = list.revokeSessions([subject.sessionId]);
    await Promise.all([reloading, revoking]);

    expect(list.isRevoked(subject)).toBe(true);
    await list.reload();
    expect(list.isRevoked(subject)).toBe(true);
  });

  test('entries expire through a TTL index once every token they stop has expired', async () => {
    const list = newList();
    const subject = newSubject();

    await list.revokeSessions([subject.sessionId]);
    const stored = await mongoose.connection.collection('revocations').findOne({ session: new Types.ObjectId(subject.sessionId) });
    const indexes = await mongoose.connection.collection('revocations').indexes();

    expect(indexes).toContainEqual(expect.objectContaining({ key: { expiresAt: 1 }, expireAfterSeconds: 0 }));
    const lifetimeMs = (stored?.expiresAt as Date).getTime() - (stored?.at as Date).getTime();
    expect(lifetimeMs).toBeGreaterThanOrEqual(ACCESS_TTL_SECONDS * 1000);
  });
});

describe('the auth middleware with the database gone', () => {
  const tokens = createTokenService({ jwtSecret: 'revocation-list-test-secret', accessTokenTtlSeconds: ACCESS_TTL_SECONDS, refreshTokenTtlSeconds: 600 });
  const silentLog: ApiLogger = { info() {}, warn() {}, error() {}, child: () => silentLog };
  const probe = createRouter({ whoAmI: protectedProcedure.query(({ ctx }) => ctx.user.id) });

  let list: RevocationList;
  const [revoked, deleted, valid] = [newSubject(), newSubject(), newSubject()];

  const call = (subject: typeof valid) => {
    const services = { tokens, revocations: list } as Pick<Services, 'tokens' | 'revocations'> as Services;
    const authorization = `Bearer ${tokens.sign('access', subject)}`;
    const ctx = createContext({ services, authorization, requestId: 'test', log: silentLog, clientAddress: '127.0.0.1', userAgent: undefined });

    return probe.createCaller(ctx).whoAmI().then(
      (id) => ({ ok: id }),
      (error: unknown) => ({ refused: error instanceof TRPCError ? error.code : String(error) }),
    );
  };

  beforeAll(async () => {
    const writer = newList();
    await writer.revokeSessions([revoked.sessionId]);
    await writer.revokeUser(deleted.userId);

    list = newList();
    await list.start();
    await database.stop();
  });

  afterAll(() => list.stop());

  test('still refuses revoked tokens and accepts valid ones, at memory speed, across failed polls', async () => {
    // Several polls fail meanwhile; none may empty the list.
    await sleep(POLL_MS * 4);

    const started = performance.now();
    const answers = await Promise.all([call(revoked), call(deleted), call(valid)]);
    const elapsedMs = performance.now() - started;

    expect(answers).toEqual([{ refused: 'UNAUTHORIZED' }, { refused: 'UNAUTHORIZED' }, { ok: valid.userId }]);
    expect(elapsedMs).toBeLessThan(200);
  });
});
