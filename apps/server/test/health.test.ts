import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseEnv } from '../src/env';
import { startServer, type RunningServer } from '../src/server';
import { capturedLogger } from './support/log-lines';

describe('GET /health on a started server', () => {
  const { log, lines } = capturedLogger();
  let server: RunningServer;

  beforeAll(async () => {
    const config = parseEnv({ PORT: '0', NODE_ENV: 'test', BCRYPT_COST: '4', EMBEDDED_MONGO: 'jongodb' });
    server = await startServer(config, { log });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('answers 200 with the database connected', async () => {
    const response = await fetch(`${server.url}/health`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'connected' });
  });

  it('said at start-up which database it uses and that its data does not survive a restart', () => {
    const line = lines.find((each) => each.msg?.startsWith('database:'));

    expect(line).toMatchObject({ database: { kind: 'jongodb', persistent: false } });
    expect(line?.msg).toContain('does NOT survive a restart');
    expect(server.database).toMatchObject({ kind: 'jongodb', persistent: false });
  });

  it('warned that the generated JWT secret ends sessions on restart', () => {
    const warning = lines.find((each) => each.level === 40 && each.msg?.includes('JWT_SECRET'));

    expect(warning?.msg).toContain('do not survive a restart');
  });

  it('serves the tRPC router at /trpc with the procedure status', async () => {
    const response = await fetch(`${server.url}/trpc/notes.list`);
    const body = (await response.json()) as { error: { data: { code: string } } };

    expect(response.status).toBe(401);
    expect(body.error.data.code).toBe('UNAUTHORIZED');
  });

  it('answers a successful procedure with 200', async () => {
    const response = await fetch(`${server.url}/trpc/auth.register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'health-check-user', password: 'a long enough password', email: 'hc@example.com' }),
    });

    expect(response.status).toBe(200);
  });
});
