import { TRPCError } from '@trpc/server';
import { z } from 'zod';

import { UserModel, type UserRecord } from '../db/user-model';
import { invalidCredentials, invalidToken, isDuplicateKeyError } from '../errors';
import { protectedProcedure, publicProcedure } from '../trpc';
import {
  loginInput,
  publicUser,
  refreshInput,
  registerInput,
  tokenPair,
  usernameKey,
} from './credentials';
import { isHashingBusy } from './hashing-queue';
import { toPublicUser } from './user-view';

const AUTH_TAGS = ['auth'];

function usernameTaken(): TRPCError {
  return new TRPCError({ code: 'CONFLICT', message: 'That username is already taken' });
}

/** Sign-up, login, refresh, logout and the caller's profile. */
export const credentialProcedures = {
  register: publicProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/api/register/',
        tags: AUTH_TAGS,
        summary: 'Create an account',
        protect: false,
        errorResponses: { 409: 'That username is already taken', 429: 'Too many sign-ups from this address, or the server is busy checking passwords' },
      },
      successStatus: 201,
    })
    .input(registerInput)
    .output(publicUser)
    .mutation(async ({ ctx, input }) => {
      // A sign-up the server is too busy to hash is turned away before it counts.
      ctx.services.passwords.assertRoom();
      await ctx.services.rateLimits.register(ctx.clientAddress);

      const key = usernameKey(input.username);
      if (await UserModel.exists({ usernameKey: key })) throw usernameTaken();

      const passwordHash = await ctx.services.passwords.hash(input.password).catch(async (error: unknown) => {
        // Turned away because the server is busy: not the client's attempt to count.
        if (isHashingBusy(error)) await ctx.services.rateLimits.refundRegistration(ctx.clientAddress);
        throw error;
      });

      try {
        const user = await UserModel.create({
          username: input.username,
          usernameKey: key,
          email: input.email,
          passwordHash,
        });
        ctx.log.info({ userId: user.id }, 'user registered');

        return toPublicUser(user);
      } catch (error) {
        // Two sign-ups for one name can both pass the check above; the unique index decides.
        if (isDuplicateKeyError(error)) throw usernameTaken();
        throw error;
      }
    }),

  login: publicProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/api/token/',
        tags: AUTH_TAGS,
        summary: 'Log in: get an access and a refresh token',
        protect: false,
        errorResponses: { 401: 'Invalid username or password', 429: 'Too many failed logins, or the server is busy checking passwords' },
      },
    })
    .input(loginInput)
    .output(tokenPair.extend({ user: publicUser }))
    .mutation(async ({ ctx, input }) => {
      const key = usernameKey(input.username);
      await ctx.services.rateLimits.checkLogin(key, ctx.clientAddress);

      const user = await UserModel.findOne({ usernameKey: key }).lean<UserRecord>();
      const valid = await ctx.services.passwords.verify(input.password, user?.passwordHash ?? null);

      if (!user || !valid) {
        await ctx.services.rateLimits.recordFailedLogin(key, ctx.clientAddress);
        if (user) await ctx.services.activity.record(user._id.toHexString(), 'login_failed', ctx);
        ctx.log.info({ outcome: 'failed' }, 'login');
        throw invalidCredentials();
      }

      const profile = toPublicUser(user);
      const tokens = await ctx.services.sessions.start(profile, ctx.userAgent);

      // An account deletion or password change may have finished while the password was
      // being checked, after it ended the user's sessions: this one must not outlive it.
      if (!(await UserModel.exists({ _id: user._id, passwordHash: user.passwordHash }))) {
        await ctx.services.sessions.end(tokens.refresh);
        throw invalidCredentials();
      }
      await ctx.services.activity.record(profile.id, 'login', ctx);
      ctx.log.info({ outcome: 'ok', userId: profile.id }, 'login');

      return { ...tokens, user: profile };
    }),

  refresh: publicProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/api/token/refresh/',
        tags: AUTH_TAGS,
        summary: 'Trade a refresh token for a new pair (the old refresh token stops working)',
        protect: false,
        errorResponses: { 401: 'Missing, invalid or expired token', 429: 'Too many refreshes from this address' },
      },
    })
    .input(refreshInput)
    .output(tokenPair)
    .mutation(async ({ ctx, input }) => {
      await ctx.services.rateLimits.refresh(ctx.clientAddress);

      const result = await ctx.services.sessions.rotate(input.refresh);

      if (result.outcome === 'reuse-detected') {
        const { userId, sessionId } = result.subject;
        await ctx.services.revocations.revokeSessions([sessionId]);
        await ctx.services.activity.record(userId, 'refresh_reuse_detected', ctx);
        ctx.log.warn({ userId }, 'refresh token reuse: session revoked');
      }
      if (result.outcome !== 'rotated') throw invalidToken();

      return result.tokens;
    }),

  logout: publicProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/api/logout/',
        tags: AUTH_TAGS,
        summary: 'Log out: end the session this refresh token belongs to, and its access tokens',
        protect: false,
        errorResponses: { 401: 'Missing, invalid or expired token' },
      },
    })
    .input(refreshInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      const ended = await ctx.services.sessions.end(input.refresh);
      if (!ended) throw invalidToken();

      await ctx.services.revocations.revokeSessions([ended.sessionId]);
      await ctx.services.activity.record(ended.userId, 'logout', ctx);

      return { ok: true as const };
    }),

  me: protectedProcedure
    .meta({ openapi: { method: 'GET', path: '/api/me/', tags: AUTH_TAGS, summary: 'Your profile' } })
    .output(publicUser)
    .query(async ({ ctx }) => {
    const user = await UserModel.findById(ctx.user.id).lean<UserRecord>();
    if (!user) throw invalidToken();

    return toPublicUser(user);
  }),
};
