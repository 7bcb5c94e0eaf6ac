import { startDatabase, type RunningDatabase } from '@scoped-notes/embedded-mongo';
import mongoose, { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { capturedLogger } from './support/log-lines';
import { restCaller, type RestAnswer, type RestCall } from './support/rest-calls';
import { startTestServer, type TestServer, type TestUser } from './support/test-server';
import { bearer, expectNoLeak, wireMutation, wireQuery, type WireResponse } from './support/trpc-wire';

// With NODE_ENV=production, an error never carries a stack, a file path, a driver
// class or a raw driver message (F-16). An internal error answers a generic message
// with the request id, and the log has the details under that same id. The
// database is this file's own, so the last tests can stop it under the server.

const DRIVER_DETAILS = /Mongo\w*Error|MongooseError|ECONNREFUSED|topology|server selection|Output validation|at \S+ \(|\.ts:\d+/i;

let database: RunningDatabase;
let server: TestServer;
let rest: RestCall;
let user: TestUser;
const captured = capturedLogger();

beforeAll(async () => {
  database = await startDatabase({ embedded: 'jongodb' });
  server = await startTestServer({ NODE_ENV: 'production', MONGODB_URI: database.uri }, { log: captured.log });
  rest = restCaller(server.url);
  user = await server.registerAndLogin('prod');
});

afterAll(async () => {
  await server?.close();
  await database?.stop();
});

/** The log lines of one request, found by the id its answer carried. */
function logLinesOf(requestId: string | null) {
  return captured.lines.filter((line) => line.requestId === requestId && line.msg !== 'request');
}

function expectHygienicTrpc(answer: WireResponse, requestId: string | null): void {
  expect(answer.error?.data).not.toHaveProperty('stack');
  expect(answer.error?.data.requestId).toBe(requestId);
  expect(answer.text).not.toMatch(DRIVER_DETAILS);
  expectNoLeak(answer.text);
}

function expectHygienicRest(answer: RestAnswer): void {
  expect(answer.body.error.requestId).toBe(answer.headers.get('x-request-id'));
  expect(Object.keys(answer.body.error).sort()).toEqual(['code', 'fields', 'message', 'requestId']);
  expect(answer.text).not.toMatch(DRIVER_DETAILS);
  expectNoLeak(answer.text);
}

async function trpcWithId(call: (headers: Record<string, string>) => Promise<WireResponse>, requestId: string) {
  return call({ ...bearer(user.tokens().access), 'x-request-id': requestId });
}

describe('client errors in production', () => {
  test('BAD_REQUEST, NOT_FOUND and UNAUTHORIZED carry no stack, over tRPC and REST', async () => {
    const answers = [
      await trpcWithId((headers) => wireMutation(server.url, 'notes.create', { title: 'x'.repeat(201), body: '' }, headers), 'prod-bad-request'),
      await trpcWithId((headers) => wireQuery(server.url, 'notes.get', { id: new Types.ObjectId().toHexString() }, headers), 'prod-not-found'),
      await wireQuery(server.url, 'auth.me', undefined, { 'x-request-id': 'prod-unauthorized' }),
    ];

    expect(answers.map((answer) => answer.status)).toEqual([400, 404, 401]);
    answers.forEach((answer, index) => expectHygienicTrpc(answer, ['prod-bad-request', 'prod-not-found', 'prod-unauthorized'][index] ?? null));

    for (const answer of [
      await rest('POST', '/api/notes/', { token: user.tokens().access, body: { title: 'x'.repeat(201) } }),
      await rest('GET', `/api/notes/${new Types.ObjectId().toHexString()}/`, { token: user.tokens().access }),
      await rest('GET', '/api/me/'),
    ]) {
      expectHygienicRest(answer);
    }
  });
});

describe('an internal error in production', () => {
  // A user document the code cannot turn into an answer: the profile's output check fails.
  beforeAll(async () => {
    await mongoose.connection.collection('users').updateOne({ _id: new Types.ObjectId(user.user.id) }, { $set: { email: 12345 } });
  });

  test('over tRPC: a generic message with the request id, whose log line holds the cause', async () => {
    const answer = await trpcWithId((headers) => wireQuery(server.url, 'auth.me', undefined, headers), 'prod-internal-trpc');

    expect(answer.status).toBe(500);
    expect(answer.error?.message).toBe('Internal server error (request id prod-internal-trpc)');
    expect(answer.error?.data.code).toBe('INTERNAL_SERVER_ERROR');
    expectHygienicTrpc(answer, 'prod-internal-trpc');

    const [logged, ...more] = logLinesOf('prod-internal-trpc');
    expect(more).toEqual([]);
    expect(logged).toMatchObject({ level: 50, msg: 'procedure failed', path: 'auth.me', err: expect.objectContaining({ stack: expect.any(String) }) });
    expect(JSON.stringify(logged)).not.toContain(user.tokens().access);
  });

  test('over REST: the same, in the REST error body', async () => {
    const answer = await rest('GET', '/api/me/', { token: user.tokens().access, headers: { 'x-request-id': 'prod-internal-rest' } });

    expect(answer.status).toBe(500);
    expect(answer.body.error).toEqual({
      code: 'INTERNAL_SERVER_ERROR',
      message: 'Internal server error (request id prod-internal-rest)',
      requestId: 'prod-internal-rest',
      fields: null,
    });
    expectHygienicRest(answer);
    expect(logLinesOf('prod-internal-rest')).toEqual([expect.objectContaining({ level: 50, path: 'auth.me' })]);
  });
});

describe('the database stopped under the running server, in production', () => {
  beforeAll(async () => {
    await database.stop();
  });

  test('tRPC and REST answer a server error with a generic message and the request id that is in the log', async () => {
    const overTrpc = await trpcWithId((headers) => wireQuery(server.url, 'notes.list', {}, headers), 'prod-db-down-trpc');
    const overRest = await rest('GET', '/api/notes/', { token: user.tokens().access, headers: { 'x-request-id': 'prod-db-down-rest' } });

    console.info(`database stopped: tRPC answered ${overTrpc.status} "${overTrpc.error?.message}", REST ${overRest.status} "${overRest.body.error.message}"`);
    for (const [status, code] of [
      [overTrpc.status, overTrpc.error?.data.code],
      [overRest.status, overRest.body.error.code],
    ]) {
      expect([500, 503]).toContain(status);
      expect(['INTERNAL_SERVER_ERROR', 'SERVICE_UNAVAILABLE']).toContain(code);
    }
    expectHygienicTrpc(overTrpc, 'prod-db-down-trpc');
    expectHygienicRest(overRest);
    expect(overRest.body.error.requestId).toBe('prod-db-down-rest');

    for (const requestId of ['prod-db-down-trpc', 'prod-db-down-rest']) {
      expect(logLinesOf(requestId).filter((line) => line.level >= 40), requestId).toHaveLength(1);
    }
  });
});
