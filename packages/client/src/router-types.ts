import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

import type { AppRouter } from '@scoped-notes/api';

/** The input of every procedure: `RouterInputs['notes']['create']`. */
export type RouterInputs = inferRouterInputs<AppRouter>;

/** The output of every procedure: `RouterOutputs['notes']['list']`. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** A note as the API returns it; dates are ISO strings. */
export type Note = RouterOutputs['notes']['get'];

/** A user as the API returns it, never with a password or token. */
export type User = RouterOutputs['auth']['me'];
