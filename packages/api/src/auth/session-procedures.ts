import { TRPCError } from '@trpc/server';
import { z } from 'zod';

import { protectedProcedure } from '../trpc';

const okOutput = z.object({ ok: z.literal(true) });

const AUTH_TAGS = ['auth'];
const SESSION_NOT_FOUND = 'Session not found';

const sessionOutput = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});

function sessionNotFound(): TRPCError {
  return new TRPCError({ code: 'NOT_FOUND', message: SESSION_NOT_FOUND });
}

/** The caller's logins: list them, end one, or end them all. */
export const sessionProcedures = {
  sessions: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/api/sessions/',
        tags: AUTH_TAGS,
        summary: 'Your active sessions (logins), newest first; `current` marks the one calling',
      },
    })
    .output(z.array(sessionOutput))
    .query(async ({ ctx }) => {
      const sessions = await ctx.services.sessions.list(ctx.user.id);

      return sessions.map((session) => ({ ...session, current: session.id === ctx.user.sessionId }));
    }),

  revokeSession: protectedProcedure
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/api/sessions/{id}/',
        tags: AUTH_TAGS,
        summary: 'End one of your sessions: its refresh and access tokens stop working',
        errorResponses: { 404: SESSION_NOT_FOUND },
      },
      successStatus: 204,
    })
    .input(z.strictObject({ id: z.string().min(1).max(64) }))
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      // Another user's session id answers exactly as a missing one.
      if (!(await ctx.services.sessions.revoke(ctx.user.id, input.id))) throw sessionNotFound();

      await ctx.services.revocations.revokeSessions([input.id]);
      await ctx.services.activity.record(ctx.user.id, 'session_revoked', ctx);

      return { ok: true as const };
    }),

  logoutAll: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/api/logout-all/',
        tags: AUTH_TAGS,
        summary: 'Log out everywhere: end every session of yours, this one included',
      },
    })
    .output(okOutput)
    .mutation(async ({ ctx }) => {
      const ended = await ctx.services.sessions.revokeAll(ctx.user.id);

      await ctx.services.revocations.revokeSessions([...ended, ctx.user.sessionId]);
      await ctx.services.activity.record(ctx.user.id, 'logout_all', ctx);

      return { ok: true as const };
    }),
};
