import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the stub received. */
export interface StubRequest {
  path: string;
  method: string;
  authorization: string | undefined;
  headers: IncomingHttpHeaders;
  input: unknown;
}

export interface StubAnswer {
  status: number;
  body: unknown;
}

export type StubHandler = (request: StubRequest) => StubAnswer | Promise<StubAnswer>;

export interface StubServer {
  /** Base URL such as `http://127.0.0.1:41234`, without `/trpc`. */
  url: string;
  requests: StubRequest[];
  /** How many requests reached `path`. */
  count(path: string): number;
  close(): Promise<void>;
}

/** A success answer in tRPC's wire format. */
export function ok(data: unknown): StubAnswer {
  return { status: 200, body: { result: { data } } };
}

/** An error answer in tRPC's wire format, as the real server sends it. */
export function trpcError(
  path: string,
  code: 'UNAUTHORIZED' | 'BAD_REQUEST' | 'INTERNAL_SERVER_ERROR',
  message: string,
  fields: Record<string, string[]> | null = null,
): StubAnswer {
  const wire = {
    UNAUTHORIZED: { jsonRpc: -32001, httpStatus: 401 },
    BAD_REQUEST: { jsonRpc: -32600, httpStatus: 400 },
    INTERNAL_SERVER_ERROR: { jsonRpc: -32603, httpStatus: 500 },
  }[code];

  return {
    status: wire.httpStatus,
    body: {
      error: {
        message,
        code: wire.jsonRpc,
        data: { code, httpStatus: wire.httpStatus, path, requestId: 'stub', fields },
      },
    },
  };
}

export function unauthorized(path: string): StubAnswer {
  return trpcError(path, 'UNAUTHORIZED', 'Missing, invalid or expired token');
}

/**
 * Starts an HTTP server on 127.0.0.1 with an ephemeral port that answers tRPC calls
 * (`GET /trpc/<path>?input=…` and `POST /trpc/<path>`) from `handlers`, keyed by
 * procedure path, and records every request.
 */
export async function startStubServer(handlers: Record<string, StubHandler>): Promise<StubServer> {
  const requests: StubRequest[] = [];

  const server = createServer((req, res) => {
    void handle(req, res);
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const request = await readRequest(req);
    requests.push(request);

    const handler = handlers[request.path];
    const answer = handler
      ? await handler(request)
      : { status: 404, body: { error: { message: 'No such procedure', code: -32004 } } };

    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer.body));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    count: (path) => requests.filter((request) => request.path === path).length,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function readRequest(req: IncomingMessage): Promise<StubRequest> {
  const url = new URL(req.url ?? '/', 'http://stub');
  const path = url.pathname.replace(/^\/trpc\//, '');

  let raw = '';
  for await (const chunk of req) raw += String(chunk);

  const query = url.searchParams.get('input');
  const text = req.method === 'GET' ? query : raw;

  return {
    path,
    method: req.method ?? '',
    authorization: req.headers.authorization,
    headers: req.headers,
    input: text ? (JSON.parse(text) as unknown) : undefined,
  };
}

/** Resolves after `ms` milliseconds, to hold an answer while other calls arrive. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
