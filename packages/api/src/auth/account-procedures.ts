import { TRPCError } from '@trpc/server';
import { z } from 'zod';

import { SECURITY_EVENT_TYPES } from '../db/security-event-model';
import { UserModel, type UserRecord } from '../db/user-model';
import { createNoteAccess } from '../notes/note-access';
import { protectedProcedure, type AuthenticatedUser } from '../trpc';
import type { Context } from '../context';
import { newPasswordSchema, usernameKey } from './credentials';

const okOutput = z.object({ ok: z.literal(true) });

const AUTH_TAGS = ['auth'];
const WRONG_PASSWORD = 'The password is incorrect';

function wrongPassword(): TRPCError {
  // FORBIDDEN, not UNAUTHORIZED: the caller is logged in, and an SDK would take
  // UNAUTHORIZED as an expired token and try to refresh.
  return new TRPCError({ code: 'FORBIDDEN', message: WRONG_PASSWORD });
}

/** Re-checks the caller's password, counted like a failed login when wrong. */
async function confirmPassword(ctx: Context & { user: AuthenticatedUser }, password: string): Promise<UserRecord> {
  const key = usernameKey(ctx.user.username);
  await ctx.services.rateLimits.checkLogin(key, ctx.clientAddress);

  const user = await UserModel.findById(ctx.user.id).lean<UserRecord>();
  if (!user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Missing, invalid or expired token' });

  if (!(await ctx.services.passwords.verify(password, user.passwordHash))) {
    await ctx.services.rateLimits.recordFailedLogin(key, ctx.clientAddress);
    throw wrongPassword();
  }

  return user;
}

const activityOutput = z.array(
  z.object({
    id: z.string(),
    type: z.enum(SECURITY_EVENT_TYPES),
    at: z.string(),
    clientAddress: z.string().nullable(),
    userAgent: z.string().nullable(),
  }),
);

/** Password change, account deletion and the account's security history. */
export const accountProcedures = {
  changePassword: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/api/password/',
        tags: AUTH_TAGS,
        summary: 'Change your password; every other session ends, this one stays',
        errorResponses: { 403: WRONG_PASSWORD, 429: 'Too many wrong passwords, or the server is busy checking passwords' },
      },
    })
    .input(
      z
        .strictObject({ currentPassword: z.string().min(1).max(1024), newPassword: newPasswordSchema })
        .meta({ examples: [{ currentPassword: 'the-password-you-have', newPassword: 'a-new-long-password' }] }),
    )
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await confirmPassword(ctx, input.currentPassword);

      const passwordHash = await ctx.services.passwords.hash(input.newPassword);
      await UserModel.updateOne({ _id: ctx.user.id }, { $set: { passwordHash } });

      const ended = await ctx.services.sessions.revokeAll(ctx.user.id, ctx.user.sessionId);
      await ctx.services.revocations.revokeSessions(ended);
      await ctx.services.activity.record(ctx.user.id, 'password_changed', ctx);

      return { ok: true as const };
    }),

  // POST, not DELETE /api/me/: a DELETE carries no body in the REST mirror, and a
  // password must never travel in a query string.
  deleteAccount: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/api/me/delete/',
        tags: AUTH_TAGS,
        summary: 'Delete your account with its notes and sessions; your password is required',
        errorResponses: { 403: WRONG_PASSWORD, 429: 'Too many wrong passwords, or the server is busy checking passwords' },
      },
    })
    .input(
      z
        .strictObject({ password: z.string().min(1).max(1024) })
        .meta({ examples: [{ password: 'the-password-you-have' }] }),
    )
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await confirmPassword(ctx, input.password);

      const { user } = ctx;
      const removeUserData = async () => {
        await ctx.services.sessions.removeAll(user.id);
        await createNoteAccess(user).removeAll();
        await ctx.services.activity.forget(user.id);
      };

      // Access tokens first, then the user, so no login can start a session from here on
      // (a login already past its password check sees the user gone and drops its session).
      await ctx.services.revocations.revokeUser(user.id);
      await UserModel.deleteOne({ _id: user.id });
      await removeUserData();
      // Other instances may accept the access token until their next revocation poll.
      ctx.services.lateSweeps.schedule(removeUserData, ctx.log);
      ctx.log.info({}, 'account deleted');

      return { ok: true as const };
    }),

  activity: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/api/activity/',
        tags: AUTH_TAGS,
        summary: 'Your security events (logins, failed logins, revocations), newest first',
      },
    })
    .input(z.strictObject({ limit: z.number().int().min(1).max(100).default(50) }).default({ limit: 50 }))
    .output(activityOutput)
    .query(({ ctx, input }) => ctx.services.activity.list(ctx.user.id, input.limit)),
};
