import { fileURLToPath } from 'node:url';

import { expect } from 'vitest';

/**
 * Raw tRPC v11 calls over HTTP, for what the SDK's types forbid: extra keys,
 * objects where strings belong, forged headers. No data transformer: plain JSON.
 */

export type WireError = {
  message: string;
  code: number;
  data: {
    code: string;
    httpStatus: number;
    path: string;
    requestId: string | null;
    fields: Record<string, string[]> | null;
  };
};

export type WireResponse = {
  status: number;
  text: string;
  /** `result.data` of a successful answer. */
  data?: unknown;
  error?: WireError;
};

export type RequestHeaders = Record<string, string>;

const HTTP_STATUS: Record<string, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_REQUESTS: 429,
};

// What an error body must never carry: stack frames, source paths, driver names or codes.
const LEAKS = [/stack/i, /node_modules/, /\.[cm]?[jt]s\b/, /\bat \S+ \(/, /mongo/i, /E11000/, /duplicate key/i];
const REPOSITORY_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export function bearer(token: string): RequestHeaders {
  return { authorization: `Bearer ${token}` };
}

async function answerOf(response: Response): Promise<WireResponse> {
  const text = await response.text();
  const body = JSON.parse(text) as { result?: { data?: unknown }; error?: WireError };

  return { status: response.status, text, data: body.result?.data, error: body.error };
}

export async function wireQuery(baseUrl: string, path: string, input?: unknown, headers: RequestHeaders = {}): Promise<WireResponse> {
  const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;

  return answerOf(await fetch(`${baseUrl}/trpc/${path}${query}`, { headers }));
}

export async function wireMutation(baseUrl: string, path: string, input: unknown, headers: RequestHeaders = {}): Promise<WireResponse> {
  const response = await fetch(`${baseUrl}/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(input),
  });

  return answerOf(response);
}

/** Fails the test if `text` carries a stack, a source path or a database detail. */
export function expectNoLeak(text: string): void {
  for (const pattern of LEAKS) expect(text, `matched ${pattern}`).not.toMatch(pattern);
  expect(text).not.toContain(REPOSITORY_ROOT);
}

/** Asserts a tRPC error with `code` and its HTTP status and a body that leaks nothing; returns the error. */
export function expectWireError(answer: WireResponse, code: string): WireError {
  expect(answer.error?.data.code, answer.text).toBe(code);
  expect(answer.status).toBe(HTTP_STATUS[code]);
  expect(answer.error?.data.httpStatus).toBe(HTTP_STATUS[code]);
  expectNoLeak(answer.text);

  return answer.error as WireError;
}

/** Asserts a BAD_REQUEST whose `fields` and message both name `field`. */
export function expectFieldError(answer: WireResponse, field: string): WireError {
  const error = expectWireError(answer, 'BAD_REQUEST');

  expect(Object.keys(error.data.fields ?? {})).toContain(field);
  expect(error.message).toContain(field);

  return error;
}

/** The error without its request id, which differs per request: the part a caller could compare. */
export function comparableError(error: WireError | undefined): unknown {
  if (!error) return undefined;

  return { ...error, data: { ...error.data, requestId: null } };
}

export function expectWireSuccess(answer: WireResponse): unknown {
  expect(answer.status, answer.text).toBe(200);

  return answer.data;
}
