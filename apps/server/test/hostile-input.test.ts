import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { expectRestError, restCaller, type RestCall } from './support/rest-calls';
import { startTestServer, type TestServer, type TestUser } from './support/test-server';
import { bearer, wireMutation, wireQuery } from './support/trpc-wire';

// Inputs found by a newcomer's break-it session: each once answered 500.
describe('hostile but well-formed input is a 4xx, never a 500', () => {
  let server: TestServer;
  let rest: RestCall;
  let user: TestUser;

  beforeAll(async () => {
    server = await startTestServer();
    rest = restCaller(server.url);
    user = await server.registerAndLogin('hostile');
  });

  afterAll(() => server.close());

  it.each(['toString', 'constructor', 'valueOf', 'hasOwnProperty', '__proto__'])(
    'an unknown key named %s is BAD_REQUEST naming it, over tRPC and REST',
    async (key) => {
      const body = `{"username":"x","password":"y","${key}":1}`;
      const wire = await fetch(`${server.url}/trpc/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const restAnswer = await rest('GET', `/api/notes/?${key}=1`, { token: user.tokens().access });

      expect(wire.status).toBe(400);
      // A query string cannot carry `__proto__` as a key of an object: it is dropped.
      expect(restAnswer.status).toBe(key === '__proto__' ? 200 : 400);
    },
  );

  it('takes titles and bodies of emoji up to their limits in characters', async () => {
    const title = '😀'.repeat(200);
    const body = '😀'.repeat(100_000);

    const created = await user.client.notes.create.mutate({ title, body });
    const updated = await user.client.notes.update.mutate({ id: created.id, title: '🎉'.repeat(150) });

    expect(created.title).toBe(title);
    expect(created.body).toBe(body);
    expect(updated.title).toBe('🎉'.repeat(150));
    expect((await wireMutation(server.url, 'notes.create', { title: '😀'.repeat(201) }, bearer(user.tokens().access))).status).toBe(400);
  });

  it('refuses deeply nested JSON with a 400 over REST and tRPC', async () => {
    const nested = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const body = `{"username":"x","password":"y","extra":${nested}}`;

    const restAnswer = await fetch(`${server.url}/api/token/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const wire = await fetch(`${server.url}/trpc/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

    expect(restAnswer.status).toBe(400);
    expect(wire.status).toBe(400);
    expectRestError(
      { status: restAnswer.status, headers: restAnswer.headers, text: await restAnswer.clone().text(), body: await restAnswer.json() },
      { status: 400, code: 'BAD_REQUEST' },
    );
  });

  it('still reads notes after all of it', async () => {
    expect((await wireQuery(server.url, 'notes.list', {}, bearer(user.tokens().access))).status).toBe(200);
  });
});
