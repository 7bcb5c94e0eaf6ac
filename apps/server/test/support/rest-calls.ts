import { expect } from 'vitest';

/**
 * Plain `fetch` calls to the REST mirror, as curl or a mobile app would make them:
 * no SDK, JSON in and out.
 */

export type RestAnswer = {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed JSON body, or undefined when there is none. */
  body: any;
};

export type RestOptions = {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
};

export type RestCall = (method: string, path: string, options?: RestOptions) => Promise<RestAnswer>;

export function restCaller(baseUrl: string): RestCall {
  return async (method, path, { token, body, headers = {} } = {}) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();

    return { status: response.status, headers: response.headers, text, body: text ? JSON.parse(text) : undefined };
  };
}

export type RestErrorExpectation = { status: number; code: string; fields?: string[] };

/**
 * The one documented REST error body: `{ error: { code, message, requestId, fields } }`,
 * with the request id of the X-Request-Id header and no stack or source path.
 */
export function expectRestError(answer: RestAnswer, { status, code, fields }: RestErrorExpectation): void {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
  expect(answer.body).toEqual({
    error: {
      code,
      message: expect.any(String),
      requestId: answer.headers.get('x-request-id'),
      fields: fields ? expect.any(Object) : null,
    },
  });
  if (fields) expect(Object.keys(answer.body.error.fields).sort()).toEqual([...fields].sort());
  expect(answer.text).not.toMatch(/stack|node_modules|\.ts\b|\bat \S+ \(|mongo/i);
}
