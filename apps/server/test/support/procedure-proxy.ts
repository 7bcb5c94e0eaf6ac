import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

import { listen } from './listen';

/** What the proxy does to one tRPC procedure's calls: hold the answer back, or answer in the server's place. */
export type ProcedureMeddling = {
  delayMs?: number;
  answer?: { status: number; body: unknown };
};

export type ProcedureProxy = { baseUrl: string; close(): Promise<void> };

// Hop-by-hop headers, and those fetch has already acted on (it decompresses).
const UNFORWARDED = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding']);

function forwardedHeaders(headers: Iterable<[string, string | string[] | undefined]>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of headers) {
    if (value !== undefined && !UNFORWARDED.has(name.toLowerCase())) kept[name] = String(value);
  }

  return kept;
}

async function bodyOf(request: IncomingMessage): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);

  return chunks.length > 0 ? new Uint8Array(Buffer.concat(chunks)) : undefined;
}

/** `notes.get` for `/trpc/notes.get?input=…`; null for anything outside `/trpc/`. */
function procedureOf(url: string): string | null {
  const { pathname } = new URL(url, 'http://proxy');

  return pathname.startsWith('/trpc/') ? pathname.slice('/trpc/'.length) : null;
}

/**
 * An HTTP proxy on 127.0.0.1 in front of `targetUrl` that passes every request on,
 * except that the calls of the procedures named in `meddling` are answered late or
 * by the proxy itself: a server that answers out of order, or misbehaves.
 */
export async function startProcedureProxy(
  targetUrl: string,
  meddling: Record<string, ProcedureMeddling>,
): Promise<ProcedureProxy> {
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const procedure = procedureOf(request.url ?? '/');
    const rule = procedure === null ? undefined : meddling[procedure];
    const body = await bodyOf(request);

    if (rule?.answer) {
      response.writeHead(rule.answer.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(rule.answer.body));
      return;
    }

    const upstream = await fetch(new URL(request.url ?? '/', targetUrl), {
      method: request.method,
      headers: forwardedHeaders(Object.entries(request.headers)),
      body,
    });
    const answer = Buffer.from(await upstream.arrayBuffer());
    if (rule?.delayMs) await sleep(rule.delayMs);

    response.writeHead(upstream.status, forwardedHeaders(upstream.headers.entries()));
    response.end(answer);
  };

  return listen((request, response) => {
    handle(request, response).catch(() => response.destroy());
  });
}
