import { TRPCError } from '@trpc/server';
import { z } from 'zod';

import { protectedProcedure } from '../trpc';

const okOutput = z.object({ ok: z.literal(true) });

const sessionOutput = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});

function sessionNotFound(): TRPCError {
  return new TRPCError({ code: 'NOT_FOUND', message: 'Session not found' });
}

/** The caller's logins: list them, end one, or end them all. */
export const sessionProcedures = {
  sessions: protectedProcedure.output(z.array(sessionOutput)).query(async ({ ctx }) => {
    const sessions = await ctx.services.sessions.list(ctx.user.id);

    return sessions.map((session) => ({ ...session, current: session.id === ctx.user.sessionId }));
  }),

  revokeSession: protectedProcedure
    .input(z.strictObject({ id: z.string().min(1).max(64) }))
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      // Another user's session id answers exactly as a missing one.
      if (!(await ctx.services.sessions.revoke(ctx.user.id, input.id))) throw sessionNotFound();

      await ctx.services.revocations.revokeSessions([input.id]);
      await ctx.services.activity.record(ctx.user.id, 'session_revoked', ctx);

      return { ok: true as const };
    }),

  logoutAll: protectedProcedure.output(okOutput).mutation(async ({ ctx }) => {
    const ended = await ctx.services.sessions.revokeAll(ctx.user.id);

    await ctx.services.revocations.revokeSessions([...ended, ctx.user.sessionId]);
    await ctx.services.activity.record(ctx.user.id, 'logout_all', ctx);

    return { ok: true as const };
  }),
};
