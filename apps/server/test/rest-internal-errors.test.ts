import type { Services } from '@scoped-notes/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createApp } from '../src/app';
import { capturedLogger } from './support/log-lines';
import { listen } from './support/listen';
import { expectRestError, restCaller, type RestCall } from './support/rest-calls';

// No database here: a token service that throws stands in for any internal failure.
const failingServices = {
  tokens: {
    verify() {
      throw new Error('MongoServerError: token store exploded at /internal/path/store.ts:12');
    },
  },
} as unknown as Services;

describe('REST internal errors', () => {
  const captured = capturedLogger();
  let call: RestCall;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const app = createApp({ config: { maxBodyBytes: 1024 }, services: failingServices, log: captured.log });
    let baseUrl: string;
    ({ baseUrl, close } = await listen(app.callback()));
    call = restCaller(baseUrl);
  });

  afterAll(async () => {
    await close();
  });

  it('answers 500 in the REST error body with a generic message, and logs the cause once', async () => {
    const requestId = 'rest-internal-failure';
    const answer = await call('GET', '/api/notes/', { token: 'some.access.token', headers: { 'X-Request-Id': requestId } });

    expectRestError(answer, { status: 500, code: 'INTERNAL_SERVER_ERROR' });
    expect(answer.body.error.message).toBe(`Internal server error (request id ${requestId})`);
    expect(answer.text).not.toMatch(/exploded|internal\/path|MongoServerError/);

    const errorLines = captured.lines.filter((line) => line.requestId === requestId && line.level === 50);
    expect(errorLines).toEqual([
      expect.objectContaining({ path: 'notes.list', err: expect.objectContaining({ message: expect.stringContaining('exploded') }) }),
    ]);
    expect(captured.text()).not.toContain('some.access.token');
  });

  it('logs a client error once, at info, with its code and procedure', async () => {
    const requestId = 'rest-client-error';
    await call('GET', '/api/me/', { headers: { 'X-Request-Id': requestId } });

    const lines = captured.lines.filter((line) => line.requestId === requestId && line.msg !== 'request');
    expect(lines).toEqual([expect.objectContaining({ level: 30, code: 'UNAUTHORIZED', path: 'auth.me' })]);
  });
});
