import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { restCaller, type RestCall } from './support/rest-calls';
import { wireQuery } from './support/trpc-wire';
import { startTestServer, type TestServer } from './support/test-server';
import { REST_OPERATIONS } from './support/rest-operations-list';

type Operation = {
  operationId: string;
  security?: unknown[];
  requestBody?: { content: Record<string, { schema: unknown; example?: unknown }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown; example?: unknown }> }>;
};
type Document = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown> };
};

const METHOD_ORDER = ['post', 'get', 'put', 'patch', 'delete'];

describe('GET /api/openapi.json', () => {
  let server: TestServer;
  let call: RestCall;
  let document: Document;

  beforeAll(async () => {
    server = await startTestServer();
    call = restCaller(server.url);

    const answer = await call('GET', '/api/openapi.json');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    document = answer.body;
  });

  afterAll(async () => {
    await server.close();
  });

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
    );

  it('is a valid OpenAPI 3.1 document whose references all resolve', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document));

    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    expect(() => validator.resolveRefs()).not.toThrow();
  });

  it('lists every path of the REST table with its method', () => {
    const listed = operations().map(({ path, method }) => `${method.toUpperCase()} ${path}`);

    expect(listed.sort()).toEqual([...REST_OPERATIONS].sort());
  });

  it('declares the bearer scheme and requires it everywhere but sign-up, login, refresh and logout', () => {
    expect(document.components.securitySchemes).toEqual({
      bearerAuth: expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }),
    });

    for (const { path, method, operation } of operations()) {
      const isPublic = ['/api/register', '/api/token', '/api/token/refresh', '/api/logout'].includes(path);
      expect(operation.security, `${method} ${path}`).toEqual(isPublic ? undefined : [{ bearerAuth: [] }]);
    }
  });

  it('documents the real success statuses, examples and the one error body', () => {
    expect(Object.keys(document.paths['/api/register']!.post!.responses)).toContain('201');
    expect(Object.keys(document.paths['/api/notes']!.post!.responses)).toContain('201');
    expect(document.paths['/api/notes/{id}']!.delete!.responses['204']).toEqual({ description: expect.any(String) });
    expect(document.paths['/api/notes/{id}']!.get!.responses['404']!.description).toBe('Note not found');
    expect(document.paths['/api/register']!.post!.responses['409']).toBeDefined();
    expect(document.paths['/api/notes']!.post!.responses['413']).toBeDefined();
    expect(document.paths['/api/notes']!.post!.responses['415']).toBeDefined();

    for (const { path, method, operation } of operations()) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400) continue;

        const json = response.content?.['application/json'];
        expect(json?.schema, `${method} ${path} ${status}`).toEqual({ $ref: '#/components/schemas/ErrorBody' });
        expect(json?.example).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
      }

      const body = operation.requestBody?.content['application/json'];
      if (body) expect(body.example, `${method} ${path}`).toEqual(expect.any(Object));
    }
    expect(document.components.schemas).toHaveProperty('ErrorBody');
    expect(Object.keys(document.components.schemas).filter((name) => name.startsWith('error.'))).toEqual([]);
  });

  it('has every operation answer over REST, called with its own example body', async () => {
    const token = { access: '', noteId: '' };
    // Ending a session and logging out everywhere come last: the token must work until then.
    const endsSessions = (path: string) => ['/api/sessions/{id}', '/api/logout-all'].indexOf(path);
    // Sign-up and login first, so the examples (the same user) yield a token; delete last.
    const ordered = operations().sort(
      (a, b) =>
        Number(b.path === '/api/register') - Number(a.path === '/api/register') ||
        Number(b.path === '/api/token') - Number(a.path === '/api/token') ||
        endsSessions(a.path) - endsSessions(b.path) ||
        METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method),
    );

    /** A session of the example user other than the token's own, made by logging in again. */
    async function otherSessionId(): Promise<string> {
      await call('POST', '/api/token/', { body: document.paths['/api/token']!.post!.requestBody!.content['application/json']!.example });
      const sessions = (await call('GET', '/api/sessions/', { token: token.access })).body as Array<{ id: string; current: boolean }>;

      return sessions.find((session) => !session.current)?.id ?? '';
    }

    for (const { path, method, operation } of ordered) {
      if (path.includes('{id}') && !token.noteId) {
        token.noteId = (await call('POST', '/api/notes/', { token: token.access, body: { title: 'for the path check' } })).body.id;
      }

      const id = path.startsWith('/api/sessions/') ? await otherSessionId() : token.noteId;
      const url = `${path.replace('{id}', id)}/`;
      const body = operation.requestBody?.content['application/json']?.example;
      const answer = await call(method.toUpperCase(), url, { token: token.access || undefined, body });

      expect([404, 405, 500], `${method} ${url}: ${answer.text}`).not.toContain(answer.status);
      expect(answer.status, `${method} ${url}: ${answer.text}`).toBeLessThan(500);
      if (path === '/api/token') token.access = answer.body.access;
    }

    expect(token.access).not.toBe('');
  });

  it('leaves tRPC validation as it was after REST calls (limit stays a number, not "5")', async () => {
    const answer = await call('GET', '/api/notes/?limit=5', { token: await loginAsExampleUser() });
    expect(answer.status).toBe(200);

    const overTrpc = await wireQuery(server.url, 'notes.list', { limit: '5' }, { authorization: `Bearer ${await loginAsExampleUser()}` });
    expect(overTrpc.status).toBe(400);
    expect(overTrpc.error?.data.fields).toHaveProperty('limit');
  });

  async function loginAsExampleUser(): Promise<string> {
    const exampleOf = (path: string) => document.paths[path]!.post!.requestBody!.content['application/json']!.example;
    await call('POST', '/api/register/', { body: exampleOf('/api/register') });

    return (await call('POST', '/api/token/', { body: exampleOf('/api/token') })).body.access;
  }
});

describe('GET /api/docs', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.close();
  });

  it('serves the page and its Swagger UI files from the server itself', async () => {
    for (const path of ['/api/docs', '/api/docs/']) {
      const page = await fetch(`${server.url}${path}`);
      const html = await page.text();

      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(html).toContain('/api/docs/swagger-ui-bundle.js');
      expect(html).not.toMatch(/https?:\/\//);
    }

    for (const [file, type] of [
      ['swagger-ui-bundle.js', /javascript/],
      ['swagger-ui.css', /^text\/css/],
      ['start.js', /javascript/],
    ] as const) {
      const response = await fetch(`${server.url}/api/docs/${file}`);

      expect(response.status, file).toBe(200);
      expect(response.headers.get('content-type')).toMatch(type);
      expect((await response.text()).length).toBeGreaterThan(100);
    }
  });

  it('serves only the files it names, and answers other methods with 405', async () => {
    expect((await fetch(`${server.url}/api/docs/package.json`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/docs/..%2F..%2Fpackage.json`)).status).toBe(404);

    const post = await fetch(`${server.url}/api/docs`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect((await fetch(`${server.url}/api/openapi.json`, { method: 'DELETE' })).status).toBe(405);
  });
});
