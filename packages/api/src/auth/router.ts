import { TRPCError } from '@trpc/server';
import { z } from 'zod';

import { UserModel, type UserRecord } from '../db/user-model';
import { invalidCredentials, invalidToken, isDuplicateKeyError } from '../errors';
import { createRouter, protectedProcedure, publicProcedure } from '../trpc';
import {
  loginInput,
  publicUser,
  refreshInput,
  registerInput,
  tokenPair,
  usernameKey,
} from './credentials';
import { toPublicUser } from './user-view';

function usernameTaken(): TRPCError {
  return new TRPCError({ code: 'CONFLICT', message: 'That username is already taken' });
}

export const authRouter = createRouter({
  register: publicProcedure
    .input(registerInput)
    .output(publicUser)
    .mutation(async ({ ctx, input }) => {
      const key = usernameKey(input.username);
      if (await UserModel.exists({ usernameKey: key })) throw usernameTaken();

      const passwordHash = await ctx.services.passwords.hash(input.password);

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
    .input(loginInput)
    .output(tokenPair.extend({ user: publicUser }))
    .mutation(async ({ ctx, input }) => {
      const user = await UserModel.findOne({ usernameKey: usernameKey(input.username) }).lean<UserRecord>();
      const valid = await ctx.services.passwords.verify(input.password, user?.passwordHash ?? null);

      if (!user || !valid) {
        ctx.log.info({ outcome: 'failed' }, 'login');
        throw invalidCredentials();
      }

      const profile = toPublicUser(user);
      const tokens = await ctx.services.sessions.start(profile, ctx.userAgent);
      ctx.log.info({ outcome: 'ok', userId: profile.id }, 'login');

      return { ...tokens, user: profile };
    }),

  refresh: publicProcedure
    .input(refreshInput)
    .output(tokenPair)
    .mutation(async ({ ctx, input }) => {
      const result = await ctx.services.sessions.rotate(input.refresh);

      if (result.outcome === 'reuse-detected') {
        ctx.log.warn({ userId: result.subject.userId }, 'refresh token reuse: session revoked');
      }
      if (result.outcome !== 'rotated') throw invalidToken();

      return result.tokens;
    }),

  logout: publicProcedure
    .input(refreshInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      if (!(await ctx.services.sessions.end(input.refresh))) throw invalidToken();

      return { ok: true as const };
    }),

  me: protectedProcedure.output(publicUser).query(async ({ ctx }) => {
    const user = await UserModel.findById(ctx.user.id).lean<UserRecord>();
    if (!user) throw invalidToken();

    return toPublicUser(user);
  }),
});
