import { TRPCError, type inferProcedureBuilderResolverOptions } from '@trpc/server';
import { describe, expect, expectTypeOf, test } from 'vitest';

import { createRevocationList } from '../src/auth/revocation-list';
import { createTokenService } from '../src/auth/token-service';
import { createContext, type Context } from '../src/context';
import type { ApiLogger } from '../src/logger';
import type { Services } from '../src/services';
import { createRouter, protectedProcedure, publicProcedure, type AuthenticatedUser } from '../src/trpc';

// Inside a protected procedure `ctx.user` is there, in the types (checked by
// `tsc --noEmit`, which the typecheck runs over test/) and at run time (F-15).

const tokens = createTokenService({ jwtSecret: 'protected-context-test-secret', accessTokenTtlSeconds: 60, refreshTokenTtlSeconds: 600 });
const revocations = createRevocationList({ accessTokenTtlSeconds: 60, pollIntervalMs: 1000 });

// The middleware reads only these two services, neither of which needs a database here.
const services = { tokens, revocations } as Pick<Services, 'tokens' | 'revocations'> as Services;

const silentLog: ApiLogger = { info() {}, warn() {}, error() {}, child: () => silentLog };

const subject = { userId: 'a'.repeat(24), username: 'priya', sessionId: 'b'.repeat(24) };

const probe = createRouter({
  whoAmI: protectedProcedure.query(({ ctx }) => {
    expectTypeOf(ctx.user).toEqualTypeOf<AuthenticatedUser>();
    expectTypeOf(ctx.user).not.toBeNullable();

    // No `!` and no `?.`: the compiler knows the user is there.
    return { id: ctx.user.id, username: ctx.user.username, sessionId: ctx.user.sessionId };
  }),

  anonymous: publicProcedure.query(({ ctx }) => {
    // @ts-expect-error a public procedure's context has no user
    return ctx.user;
  }),
});

function contextWith(authorization: string | undefined): Context {
  return createContext({ services, authorization, requestId: 'test', log: silentLog, clientAddress: '127.0.0.1', userAgent: undefined });
}

async function codeOf(call: Promise<unknown>): Promise<string | null> {
  return call.then(
    () => null,
    (error: unknown) => (error instanceof TRPCError ? error.code : 'not a TRPCError'),
  );
}

describe('protectedProcedure', () => {
  test('types ctx.user as a non-nullable AuthenticatedUser for every resolver built on it', () => {
    type ProtectedContext = inferProcedureBuilderResolverOptions<typeof protectedProcedure>['ctx'];

    expectTypeOf<ProtectedContext['user']>().toEqualTypeOf<AuthenticatedUser>();
    expectTypeOf<ProtectedContext['user']>().not.toBeNullable();
    expectTypeOf<Context>().not.toHaveProperty('user');
  });

  test('hands the resolver the user the access token names', async () => {
    const caller = probe.createCaller(contextWith(`Bearer ${tokens.sign('access', subject)}`));

    await expect(caller.whoAmI()).resolves.toEqual({ id: subject.userId, username: subject.username, sessionId: subject.sessionId });
  });

  test.each([
    ['no header', undefined],
    ['"Bearer "', 'Bearer '],
    ['"Basic abc"', 'Basic abc'],
    ['"Bearer a.b"', 'Bearer a.b'],
    ['a refresh token', `Bearer ${tokens.sign('refresh', subject)}`],
  ])('refuses %s with UNAUTHORIZED before the resolver runs', async (_, authorization) => {
    const caller = probe.createCaller(contextWith(authorization));

    expect(await codeOf(caller.whoAmI())).toBe('UNAUTHORIZED');
  });

  test('a public procedure runs without a user', async () => {
    await expect(probe.createCaller(contextWith(undefined)).anonymous()).resolves.toBeUndefined();
  });
});
