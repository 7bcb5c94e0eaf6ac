import type { Services } from '@scoped-notes/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createApp } from '../src/app';
import { capturedLogger } from './support/log-lines';
import { listen } from './support/listen';

// No database in this file: what is tested here must not need one.
const failingServices = {
  tokens: {
    verify() {
      throw new Error('token store exploded at /internal/path');
    },
  },
} as unknown as Services;

describe('createApp({ config, services, log })', () => {
  const captured = capturedLogger();
  let baseUrl: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const app = createApp({ config: { maxBodyBytes: 1024 }, services: failingServices, log: captured.log });
    ({ baseUrl, close } = await listen(app.callback()));
  });

  afterAll(async () => {
    await close();
  });

  it('answers /health with 503 while the database is not connected', async () => {
    const response = await fetch(`${baseUrl}/health`);

    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'degraded', database: 'disconnected' });
  });

  it('answers an unknown path with a 404 JSON body carrying the request id', async () => {
    const response = await fetch(`${baseUrl}/nowhere`);
    const requestId = response.headers.get('x-request-id');

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'No such endpoint', requestId },
    });
  });

  it('echoes a safe X-Request-Id and replaces an unsafe one with a UUID', async () => {
    const safe = await fetch(`${baseUrl}/health`, { headers: { 'X-Request-Id': 'client-42.retry_1' } });
    const unsafe = await fetch(`${baseUrl}/health`, { headers: { 'X-Request-Id': 'bad id\twith spaces' } });
    const tooLong = await fetch(`${baseUrl}/health`, { headers: { 'X-Request-Id': 'a'.repeat(65) } });

    expect(safe.headers.get('x-request-id')).toBe('client-42.retry_1');
    expect(unsafe.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(tooLong.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs one line per request with method, path without query, status, time and id, and no headers', async () => {
    const requestId = 'log-line-check';
    await fetch(`${baseUrl}/nowhere?secret=query-value`, {
      headers: { 'X-Request-Id': requestId, Authorization: 'Bearer header-token-value' },
    });

    const requestLines = captured.lines.filter((each) => each.requestId === requestId && each.msg === 'request');
    expect(requestLines).toHaveLength(1);
    expect(requestLines[0]).toMatchObject({ method: 'GET', path: '/nowhere', status: 404, ms: expect.any(Number) });
    expect(captured.text()).not.toContain('query-value');
    expect(captured.text()).not.toContain('header-token-value');
  });

  it('hides an internal failure from the client and logs its cause with the stack', async () => {
    const requestId = 'internal-failure';
    const response = await fetch(`${baseUrl}/trpc/notes.list`, {
      headers: { 'X-Request-Id': requestId, Authorization: 'Bearer some.access.token' },
    });
    const text = await response.text();

    expect(response.status).toBe(500);
    expect(text).toContain(requestId);
    expect(text).not.toContain('exploded');
    expect(text).not.toContain('/internal/path');

    const errorLines = captured.lines.filter((each) => each.requestId === requestId && each.level === 50);
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatchObject({
      path: 'notes.list',
      err: { message: 'token store exploded at /internal/path', stack: expect.stringContaining('app.test.ts') },
    });
    expect(captured.text()).not.toContain('some.access.token');
  });

  it('logs a client error once, at info, with its code and path', async () => {
    const requestId = 'client-error';
    await fetch(`${baseUrl}/trpc/notes.list`, { headers: { 'X-Request-Id': requestId } });

    const procedureLines = captured.lines.filter((each) => each.requestId === requestId && each.msg !== 'request');
    expect(procedureLines).toEqual([
      expect.objectContaining({ level: 30, code: 'UNAUTHORIZED', path: 'notes.list' }),
    ]);
  });

  it('refuses a body over MAX_BODY_BYTES with PAYLOAD_TOO_LARGE', async () => {
    const response = await fetch(`${baseUrl}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'someone', password: 'x'.repeat(4096) }),
    });
    const body = (await response.json()) as { error: { data: { code: string } } };

    expect(response.status).toBe(413);
    expect(body.error.data.code).toBe('PAYLOAD_TOO_LARGE');
    expect(captured.text()).not.toContain('x'.repeat(100));
  });

  it('answers other methods on /health with 405', async () => {
    const response = await fetch(`${baseUrl}/health`, { method: 'POST' });

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
  });
});
