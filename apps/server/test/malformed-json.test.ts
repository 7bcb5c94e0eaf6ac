import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { capturedLogger } from './support/log-lines';
import { expectRestError } from './support/rest-calls';
import { startTestServer, type TestServer, type TestUser } from './support/test-server';

// JSON that does not parse answers 400 with one fixed message. JSON.parse's own
// message quotes the text around the mistake, which here is the password: it must
// never reach the answer (or the log), over tRPC or REST.

const SECRET = 'SECRETpw12345';

/** Bodies that break next to the secret, where JSON.parse would quote it. */
const MALFORMED_BODIES = [
  `{"username":"priya","password":'${SECRET}'}`,
  `{"username":"priya","password":${SECRET}}`,
  `{"username":"priya","password":"${SECRET}`,
  `{"username":"priya","password":"${SECRET}",}`,
  `{"username":"priya","password":"${SECRET}"}}`,
  `{"username":"priya","password":"${SECRET}\\q"}`,
  `{"username":"priya","password":"${SECRET}\u0001"}`,
  `{"username":"priya" "password":"${SECRET}"}`,
  `${SECRET}`,
];

const MALFORMED_INPUTS = [
  `{"search":'${SECRET}'}`,
  `{"search":${SECRET}}`,
  `{"search":"${SECRET}"`,
  `{"search":"${SECRET}"}}`,
  `${SECRET}`,
];

const captured = capturedLogger();
let server: TestServer;
let alice: TestUser;

beforeAll(async () => {
  server = await startTestServer({}, { log: captured.log });
  alice = await server.registerAndLogin('malformed');
});

afterAll(() => server.close());

function post(path: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

type TrpcErrorAnswer = { error: { message: string; data: { code: string; httpStatus: number } } };

async function expectTrpcError(response: Response, status: number, code: string, message: string): Promise<void> {
  const text = await response.text();

  expect(response.status, text).toBe(status);
  expect((JSON.parse(text) as TrpcErrorAnswer).error).toMatchObject({ message, data: { code, httpStatus: status } });
  expect(text).not.toContain(SECRET.slice(0, 6));
}

describe('over tRPC', () => {
  test.each(MALFORMED_BODIES)('POST auth.login with %s: 400 "The body is not valid JSON"', async (body) => {
    await expectTrpcError(await post('/trpc/auth.login', body), 400, 'BAD_REQUEST', 'The body is not valid JSON');
  });

  test.each(MALFORMED_INPUTS)('GET notes.list?input=%s: 400 "The input is not valid JSON"', async (input) => {
    const response = await fetch(`${server.url}/trpc/notes.list?input=${encodeURIComponent(input)}`, {
      headers: { authorization: `Bearer ${alice.tokens().access}` },
    });

    await expectTrpcError(response, 400, 'BAD_REQUEST', 'The input is not valid JSON');
  });

  test('a malformed body to a protected procedure, with a token, says the same', async () => {
    const response = await post('/trpc/notes.create', `{"title":"t","body":'${SECRET}'}`, { authorization: `Bearer ${alice.tokens().access}` });

    await expectTrpcError(response, 400, 'BAD_REQUEST', 'The body is not valid JSON');
  });

  test('a refused Content-Type is not quoted back', async () => {
    const response = await fetch(`${server.url}/trpc/auth.login`, {
      method: 'PUT',
      headers: { 'content-type': `text/${SECRET}` },
      body: '{}',
    });
    const text = await response.text();

    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(text).not.toContain(SECRET.slice(0, 6));
  });

  test('the procedure still runs for well-formed JSON', async () => {
    const response = await post('/trpc/auth.login', JSON.stringify({ username: alice.username, password: alice.password }));

    expect(response.status).toBe(200);
  });
});

describe('over REST', () => {
  test.each(MALFORMED_BODIES)('POST /api/token/ with %s: 400 "The body is not a JSON object"', async (body) => {
    const response = await post('/api/token/', body);
    const text = await response.text();

    expectRestError({ status: response.status, headers: response.headers, text, body: JSON.parse(text) }, { status: 400, code: 'BAD_REQUEST' });
    expect(JSON.parse(text).error.message).toBe('The body is not a JSON object');
    expect(text).not.toContain(SECRET.slice(0, 6));
  });
});

test('the secret never reaches the log either', () => {
  expect(captured.lines.length).toBeGreaterThan(0);
  expect(captured.text()).not.toContain(SECRET.slice(0, 6));
});
