import {
  TRPCClientError,
  type Operation,
  type OperationContext,
  type OperationResultEnvelope,
  type TRPCLink,
} from '@trpc/client';
import { observable, type Unsubscribable } from '@trpc/server/observable';

import type { AppRouter } from '@scoped-notes/api';

import { resolveHeaders, type HeadersOption } from './headers-option';
import { refreshTokens, type RefreshFunc } from './shared-refresh';
import type { TokenStore } from './token-store';

export interface AuthLinkOptions {
  store: TokenStore;
  headers?: HeadersOption;
  /** Calls `auth.refresh` on a client without this link, so a refresh is never refreshed. */
  refresh: RefreshFunc;
}

// A failed login, or a refresh or logout with a dead token, is an answer, not an expiry.
const PATHS_WITHOUT_REFRESH = new Set([
  'auth.login',
  'auth.register',
  'auth.refresh',
  'auth.logout',
]);

const HEADERS_CONTEXT_KEY = 'scopedNotesHeaders';

type Envelope = OperationResultEnvelope<unknown, TRPCClientError<AppRouter>>;

/** One try of the call, and which stored access token it carried (null: none of ours). */
type Attempt = { op: Operation; sentAccess: string | null; explicitAuthorization: boolean };

/**
 * Puts `Authorization: Bearer <access>` from the store on every call (headers the
 * caller passed win), and answers an UNAUTHORIZED with at most one refresh, shared
 * by every call that fails meanwhile, and one retry.
 */
export function authLink(options: AuthLinkOptions): TRPCLink<AppRouter> {
  return () =>
    ({ op, next }) => {
      if (op.type === 'subscription') return next(op);

      return observable((observer) => {
        let current: Unsubscribable | undefined;
        let closed = false;

        const send = (attempt: Attempt) =>
          new Promise<Envelope>((resolve, reject) => {
            if (closed) return reject(new Error('The call was cancelled'));

            current = next(attempt.op).subscribe({ next: resolve, error: reject });
          });

        const run = async (): Promise<Envelope> => {
          const first = await prepare(op, options);

          try {
            return await send(first);
          } catch (error) {
            if (!(await mayRetry(op, error, first, options))) throw error;

            return send(await prepare(op, options));
          }
        };

        run().then(
          (envelope) => {
            observer.next(envelope);
            observer.complete();
          },
          (error: unknown) => observer.error(TRPCClientError.from(toError(error))),
        );

        return () => {
          closed = true;
          current?.unsubscribe();
        };
      });
    };
}

/** The headers `httpLink` sends for an operation that went through `authLink`. */
export function headersFor(context: OperationContext): Record<string, string> {
  const headers = context[HEADERS_CONTEXT_KEY];

  return typeof headers === 'object' && headers !== null ? (headers as Record<string, string>) : {};
}

async function prepare(op: Operation, options: AuthLinkOptions): Promise<Attempt> {
  const callerHeaders = await resolveHeaders(options.headers);
  const explicitAuthorization = Object.keys(callerHeaders).some(
    (name) => name.toLowerCase() === 'authorization',
  );
  const sentAccess = explicitAuthorization ? null : (options.store.get()?.access ?? null);

  const headers = sentAccess
    ? { authorization: `Bearer ${sentAccess}`, ...callerHeaders }
    : callerHeaders;

  return {
    op: { ...op, context: { ...op.context, [HEADERS_CONTEXT_KEY]: headers } },
    sentAccess,
    explicitAuthorization,
  };
}

/**
 * Decides, after the first try failed, whether one retry may succeed: refreshes the
 * tokens (or joins the refresh already running) when that is what it takes.
 */
async function mayRetry(
  op: Operation,
  error: unknown,
  first: Attempt,
  { store, refresh }: AuthLinkOptions,
): Promise<boolean> {
  const unauthorized = error instanceof TRPCClientError && error.data?.code === 'UNAUTHORIZED';
  if (!unauthorized || first.explicitAuthorization || PATHS_WITHOUT_REFRESH.has(op.path)) {
    return false;
  }

  const before = store.get();
  if (!before) return false;
  // Another call refreshed while this one was out: its token is fresher than ours.
  if (before.access !== first.sentAccess) return true;

  const refreshed = await refreshTokens(store, refresh);
  const after = store.get();

  return after !== null && (refreshed || after.access !== first.sentAccess);
}

function toError(value: unknown): Error {
  return value instanceof Error ? value : new Error('The call failed');
}
