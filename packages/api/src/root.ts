import { authRouter } from './auth/router';
import { notesRouter } from './notes/router';
import { createRouter } from './trpc';

export const appRouter = createRouter({
  auth: authRouter,
  notes: notesRouter,
});

export type AppRouter = typeof appRouter;
