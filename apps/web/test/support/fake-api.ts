import type { NotesErrorInfo } from '@scoped-notes/client';

/**
 * A stand-in for the server's HTTP answers in component tests, speaking tRPC's
 * wire format so the real SDK (refresh and all) runs on top of it. The real
 * server is exercised by the end-to-end tests.
 */

type ErrorCode = NonNullable<NotesErrorInfo['code']>;

export interface RefusalExtras {
  /** More of the error's `data`, such as `currentVersion` on a CONFLICT. */
  data?: Record<string, unknown>;
  /** HTTP headers of the answer, such as `Retry-After`. */
  headers?: Record<string, string>;
}

/** Throw this from a handler to answer with a tRPC error. */
export class Refusal {
  constructor(
    readonly code: ErrorCode,
    readonly fields?: Record<string, string[]>,
    readonly extras: RefusalExtras = {},
  ) {}
}

/** `authorization` is the request's Authorization header, to tell users apart. */
type Handler = (input: unknown, request: { authorization: string | null }) => unknown;

/** One request: `signal` is the one the SDK passed (was it cancelled?), `at` when it was sent. */
export type FakeApiCall = { path: string; input: unknown; signal: AbortSignal | null; at: number };

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
};

function json(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...headers, 'content-type': 'application/json' } });
}

function readInput(url: URL, init: RequestInit | undefined): unknown {
  if (init?.method === 'POST') return init.body ? JSON.parse(String(init.body)) : undefined;

  const raw = url.searchParams.get('input');

  return raw === null ? undefined : JSON.parse(raw);
}

/** `fetch` for `createNotesClient`, answering each procedure with its handler; `calls` records them. */
export function createFakeApi(handlers: Record<string, Handler>) {
  const calls: FakeApiCall[] = [];

  const fetch = async (resource: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(resource));
    const path = url.pathname.replace(/^\/trpc\//, '');
    const input = readInput(url, init);
    const authorization = new Headers(init?.headers).get('authorization');
    calls.push({ path, input, signal: init?.signal ?? null, at: Date.now() });

    const handler = handlers[path];
    if (!handler) throw new Error(`the fake API has no handler for ${path}`);

    try {
      return json({ result: { data: await handler(input, { authorization }) } }, 200);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;

      const httpStatus = HTTP_STATUS[error.code] ?? 500;
      const data = { code: error.code, httpStatus, path, fields: error.fields, ...error.extras.data };
      const body = { error: { message: 'refused by the fake API', code: -32000, data } };

      return json(body, httpStatus, error.extras.headers);
    }
  };

  return { fetch, calls, callsTo: (path: string) => calls.filter((each) => each.path === path) };
}
