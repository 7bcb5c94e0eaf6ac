import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { AppState } from '../src/http/app-state';
import { handleErrors } from '../src/http/handle-errors';
import { listen } from './support/listen';

describe('handleErrors()', () => {
  const emitted: unknown[] = [];
  let baseUrl: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const app = new Koa<AppState>();
    app.on('error', (error: unknown) => emitted.push(error));
    app.use(handleErrors());
    app.use(async (ctx, next) => {
      ctx.state.requestId = 'fixed-id';
      await next();
    });
    app.use(async (ctx) => {
      if (ctx.path === '/crash') throw new Error('database password is hunter2');
      ctx.throw(413, 'That body is too large');
    });

    ({ baseUrl, close } = await listen(app.callback()));
  });

  afterAll(async () => {
    await close();
  });

  it('answers an unexpected error with a generic 500 and the request id, and emits it for the log', async () => {
    const response = await fetch(`${baseUrl}/crash`);
    const text = await response.text();

    expect(response.status).toBe(500);
    expect(JSON.parse(text)).toEqual({
      error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error (request id fixed-id)', requestId: 'fixed-id' },
    });
    expect(text).not.toContain('hunter2');
    expect(emitted).toEqual([expect.objectContaining({ message: 'database password is hunter2' })]);
  });

  it('shows an exposed client error with its status and message, without emitting it', async () => {
    emitted.length = 0;

    const response = await fetch(`${baseUrl}/upload`);

    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: { code: 'PAYLOAD_TOO_LARGE', message: 'That body is too large', requestId: 'fixed-id' },
    });
    expect(emitted).toEqual([]);
  });
});
