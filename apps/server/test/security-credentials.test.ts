import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { expectRestError, restCaller, type RestCall } from './support/rest-calls';
import { startTestServer, TEST_PASSWORD, uniqueUsername, type TestServer } from './support/test-server';
import { expectFieldError, expectWireSuccess, wireMutation } from './support/trpc-wire';

// Credentials over both transports: password length in characters and UTF-8 bytes
// (F-06), one account per name whatever its case or form (F-07, F-08), emails
// normalised. account-identity.test.ts covers the tRPC side of F-06 to F-08; this
// file adds the REST mirror, the lower bound and password changes.

let server: TestServer;
let rest: RestCall;

beforeAll(async () => {
  server = await startTestServer();
  rest = restCaller(server.url);
});

afterAll(() => server.close());

const register = (body: unknown) => rest('POST', '/api/register/', { body });

describe('passwords: at least 8 characters, at most 72 bytes of UTF-8', () => {
  test.each([
    ['7 characters', 'abcdefg', 'at least 8 characters'],
    ['4 emoji: 8 UTF-16 units but 4 characters', '😀'.repeat(4), 'at least 8 characters'],
    ['73 ASCII characters', 'A'.repeat(73), 'at most 72 bytes in UTF-8'],
    ['72 ASCII characters and a tail (F-06)', `${'A'.repeat(72)}tail-one`, 'at most 72 bytes in UTF-8'],
    ['20 emoji: 20 characters, 80 bytes (F-06)', '😀'.repeat(20), 'at most 72 bytes in UTF-8'],
    ['37 "é": 37 characters, 74 bytes', 'é'.repeat(37), 'at most 72 bytes in UTF-8'],
  ])('%s: REST 400 naming the password and the rule', async (_, password, rule) => {
    const answer = await register({ username: uniqueUsername('pwrule'), password });

    expectRestError(answer, { status: 400, code: 'BAD_REQUEST', fields: ['password'] });
    expect(answer.body.error.fields.password).toEqual([`Password must be ${rule}`]);
    expect(answer.body.error.message).toContain(rule);
  });

  test.each([
    ['8 emoji', '😀'.repeat(8)],
    ['18 emoji: exactly 72 bytes', '😀'.repeat(18)],
    ['36 "é": exactly 72 bytes', 'é'.repeat(36)],
  ])('%s: accepted, and only the exact password logs in', async (_, password) => {
    const username = uniqueUsername('pwedge');
    expect((await register({ username, password })).status).toBe(201);

    expect((await rest('POST', '/api/token/', { body: { username, password } })).status).toBe(200);
    expect((await rest('POST', '/api/token/', { body: { username, password: `${password}x` } })).status).toBe(401);
  });

  test('a password change applies the same rules to the new password (F-06)', async () => {
    const user = await server.registerAndLogin('pwchange');
    const change = (newPassword: string) =>
      wireMutation(server.url, 'auth.changePassword', { currentPassword: user.password, newPassword }, { authorization: `Bearer ${user.tokens().access}` });

    expect(expectFieldError(await change(`${'A'.repeat(72)}tail-two`), 'newPassword').message).toContain('72 bytes');
    expect(expectFieldError(await change('😀'.repeat(4)), 'newPassword').message).toContain('8 characters');

    // Neither attempt changed anything: the old password still logs in.
    expect((await rest('POST', '/api/token/', { body: { username: user.username, password: user.password } })).status).toBe(200);
  });
});

describe('usernames: NFKC, compared without case (F-07)', () => {
  test('REST sign-ups in other cases and forms are 409, and one account exists', async () => {
    const username = uniqueUsername('NoteUser');
    expect((await register({ username, password: TEST_PASSWORD })).status).toBe(201);

    const fullWidth = username.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const spongeCase = [...username].map((c, i) => (i % 2 ? c.toUpperCase() : c.toLowerCase())).join('');
    for (const variant of [username.toLowerCase(), username.toUpperCase(), spongeCase, fullWidth]) {
      const answer = await register({ username: variant, password: TEST_PASSWORD });

      expectRestError(answer, { status: 409, code: 'CONFLICT' });
      expect(answer.body.error.message).toBe('That username is already taken');
    }
    expect(await mongoose.connection.collection('users').countDocuments({ usernameKey: username.toLowerCase() })).toBe(1);
  });

  test.each(['ab', 'x'.repeat(33), 'émile', 'has space', 'semi;colon'])('%j is outside the documented set: 400 naming username', async (username) => {
    const answer = await register({ username, password: TEST_PASSWORD });

    expectRestError(answer, { status: 400, code: 'BAD_REQUEST', fields: ['username'] });
    expect(answer.body.error.fields.username[0]).toMatch(/3–32 characters/);
  });
});

describe('emails', () => {
  test('are trimmed and lower-cased; an invalid one is 400 naming email', async () => {
    const created = await register({ username: uniqueUsername('mailer'), email: '  Mixed.Case@Example.ORG ', password: TEST_PASSWORD });
    const invalid = await register({ username: uniqueUsername('mailer'), email: 'not an address', password: TEST_PASSWORD });

    expect(created.status, created.text).toBe(201);
    expect(created.body.email).toBe('mixed.case@example.org');
    expectRestError(invalid, { status: 400, code: 'BAD_REQUEST', fields: ['email'] });
  });
});

describe('concurrent REST sign-ups for one name, mixed case (F-08)', () => {
  test('exactly one 201, every other answer 409, no driver detail anywhere', async () => {
    const name = uniqueUsername('restracer');
    const spellings = Array.from({ length: 10 }, (_, index) => (index % 2 ? name.toUpperCase() : name));

    const answers = await Promise.all(spellings.map((username) => register({ username, password: TEST_PASSWORD })));

    expect(answers.map((answer) => answer.status).sort()).toEqual([201, ...Array(9).fill(409)]);
    for (const answer of answers.filter((each) => each.status === 409)) expectRestError(answer, { status: 409, code: 'CONFLICT' });
    expect(answers.map((answer) => answer.text).join('\n')).not.toMatch(/E11000|duplicate key|index|users/i);
    expect(await mongoose.connection.collection('users').countDocuments({ usernameKey: name.toLowerCase() })).toBe(1);
  });
});

test('a login in another case reaches the one account (F-07)', async () => {
  const username = uniqueUsername('CasedUser');
  const created = expectWireSuccess(await wireMutation(server.url, 'auth.register', { username, password: TEST_PASSWORD })) as { id: string };

  const answer = await rest('POST', '/api/token/', { body: { username: username.toLowerCase(), password: TEST_PASSWORD } });

  expect(answer.status).toBe(200);
  expect(answer.body.user).toEqual({ id: created.id, username, email: null });
});
