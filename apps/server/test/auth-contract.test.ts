import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { expectRejection } from './support/sdk-errors';
import { startTestServer, TEST_PASSWORD, uniqueUsername, type TestServer } from './support/test-server';
import { comparableError, expectFieldError, expectWireError, wireMutation, wireQuery } from './support/trpc-wire';

// The auth rows of issue 2's contract table, through the SDK over HTTP.

const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]+$/;
const OBJECT_ID = /^[0-9a-f]{24}$/;

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(() => server.close());

describe('auth.register', () => {
  test('returns { id, username, email } and nothing else', async () => {
    const username = uniqueUsername('reg');
    const created = await server.client().register({ username, email: 'Reg.User@Example.COM', password: TEST_PASSWORD });

    expect(Object.keys(created).sort()).toEqual(['email', 'id', 'username']);
    expect(created).toEqual({ id: expect.stringMatching(OBJECT_ID), username, email: 'reg.user@example.com' });
  });

  test('email is optional and then null', async () => {
    const created = await server.client().register({ username: uniqueUsername('noemail'), password: TEST_PASSWORD });

    expect(created.email).toBeNull();
  });

  test('never answers with the password or its hash', async () => {
    const username = uniqueUsername('secret');
    const answer = await wireMutation(server.url, 'auth.register', { username, password: TEST_PASSWORD });

    expect(answer.status).toBe(200);
    expect(answer.text).not.toContain(TEST_PASSWORD);
    expect(answer.text).not.toMatch(/\$2[aby]\$/);
    expect(answer.text).not.toMatch(/hash/i);
  });

  test.each([
    ['username', { username: 'ab', password: TEST_PASSWORD }],
    ['username', { username: 'has space', password: TEST_PASSWORD }],
    ['username', { username: 'x'.repeat(33), password: TEST_PASSWORD }],
    ['username', { password: TEST_PASSWORD }],
    ['password', { username: 'valid-name', password: 'short' }],
    ['password', { username: 'valid-name' }],
    ['email', { username: 'valid-name', email: 'not-an-email', password: TEST_PASSWORD }],
    ['isAdmin', { username: 'valid-name', password: TEST_PASSWORD, isAdmin: true }],
  ])('BAD_REQUEST naming %s for %j', async (field, input) => {
    expectFieldError(await wireMutation(server.url, 'auth.register', input), field);
  });

  test('CONFLICT for a username already taken, and the first account is kept', async () => {
    const username = uniqueUsername('taken');
    await server.client().register({ username, password: TEST_PASSWORD });

    const error = await expectRejection(server.client().register({ username, password: `${TEST_PASSWORD} other` }), 'CONFLICT');

    expect(error.message).toBe('That username is already taken');
    await expect(server.client().login({ username, password: TEST_PASSWORD })).resolves.toMatchObject({ username });
  });
});

describe('auth.login', () => {
  test('returns { access, refresh, user } with the registered user', async () => {
    const username = uniqueUsername('login');
    const client = server.client();
    const registered = await client.register({ username, password: TEST_PASSWORD });

    const answer = await client.auth.login.mutate({ username, password: TEST_PASSWORD });

    expect(Object.keys(answer).sort()).toEqual(['access', 'refresh', 'user']);
    expect(answer.access).toMatch(JWT_SHAPE);
    expect(answer.refresh).toMatch(JWT_SHAPE);
    expect(answer.access).not.toBe(answer.refresh);
    expect(answer.user).toEqual(registered);
  });

  test('the login helper keeps both tokens in the store', async () => {
    const { client } = await server.registerAndLogin('helper');

    expect(client.isLoggedIn()).toBe(true);
    expect(client.store.get()).toEqual({ access: expect.stringMatching(JWT_SHAPE), refresh: expect.stringMatching(JWT_SHAPE) });
  });

  test('answers an unknown user, a wrong password and a malformed name alike', async () => {
    const { username } = await server.registerAndLogin('known');

    const unknown = await wireMutation(server.url, 'auth.login', { username: uniqueUsername('nobody'), password: TEST_PASSWORD });
    const wrongPassword = await wireMutation(server.url, 'auth.login', { username, password: 'not the password' });
    const malformedName = await wireMutation(server.url, 'auth.login', { username: 'no such; name', password: TEST_PASSWORD });

    expect(expectWireError(unknown, 'UNAUTHORIZED').message).toBe('Invalid username or password');
    expectWireError(wrongPassword, 'UNAUTHORIZED');
    expectWireError(malformedName, 'UNAUTHORIZED');
    expect(comparableError(wrongPassword.error)).toEqual(comparableError(unknown.error));
    expect(comparableError(malformedName.error)).toEqual(comparableError(unknown.error));
  });

  test('a failed login through the SDK stores no tokens', async () => {
    const client = server.client();

    await expectRejection(client.login({ username: uniqueUsername('ghost'), password: TEST_PASSWORD }), 'UNAUTHORIZED');

    expect(client.isLoggedIn()).toBe(false);
  });

  test.each([
    ['username', { password: TEST_PASSWORD }],
    ['password', { username: 'someone' }],
    ['password', { username: 'someone', password: '' }],
  ])('BAD_REQUEST naming %s for %j', async (field, input) => {
    expectFieldError(await wireMutation(server.url, 'auth.login', input), field);
  });
});

describe('auth.me', () => {
  test('returns { id, username, email } of the caller', async () => {
    const { client, user } = await server.registerAndLogin('me');

    const me = await client.auth.me.query();

    expect(Object.keys(me).sort()).toEqual(['email', 'id', 'username']);
    expect(me).toEqual(user);
  });

  test('UNAUTHORIZED without a token', async () => {
    const error = await expectRejection(server.client().auth.me.query(), 'UNAUTHORIZED');

    expect(error.data?.httpStatus).toBe(401);
  });
});

describe('auth.refresh', () => {
  test('returns a new { access, refresh } pair, and the new access token works', async () => {
    const { client, user, tokens } = await server.registerAndLogin('refresh');
    const before = tokens();

    const pair = await server.client().auth.refresh.mutate({ refresh: before.refresh });

    expect(Object.keys(pair).sort()).toEqual(['access', 'refresh']);
    expect(pair.access).not.toBe(before.access);
    expect(pair.refresh).not.toBe(before.refresh);

    client.store.set(pair);
    await expect(client.auth.me.query()).resolves.toEqual(user);
  });

  test('UNAUTHORIZED for something that is not a token', async () => {
    await expectRejection(server.client().auth.refresh.mutate({ refresh: 'not-a-token' }), 'UNAUTHORIZED');
  });

  test('BAD_REQUEST naming refresh when it is missing or empty', async () => {
    expectFieldError(await wireMutation(server.url, 'auth.refresh', {}), 'refresh');
    expectFieldError(await wireMutation(server.url, 'auth.refresh', { refresh: '' }), 'refresh');
  });
});

describe('auth.logout', () => {
  test('ends the session: its refresh token is refused afterwards', async () => {
    const { tokens } = await server.registerAndLogin('logout');
    const { refresh } = tokens();

    await expect(server.client().auth.logout.mutate({ refresh })).resolves.toEqual({ ok: true });

    await expectRejection(server.client().auth.refresh.mutate({ refresh }), 'UNAUTHORIZED');
  });

  test('the SDK helper clears the store and revokes the session', async () => {
    const { client, tokens } = await server.registerAndLogin('sdklogout');
    const { refresh } = tokens();

    await client.logout();

    expect(client.isLoggedIn()).toBe(false);
    await expectRejection(server.client().auth.refresh.mutate({ refresh }), 'UNAUTHORIZED');
  });

  test('leaves the user\'s other sessions alone', async () => {
    const { username, password, tokens } = await server.registerAndLogin('twosessions');
    const other = server.client();
    await other.login({ username, password });

    await server.client().auth.logout.mutate({ refresh: tokens().refresh });

    await expect(other.auth.refresh.mutate({ refresh: other.store.get()?.refresh ?? '' })).resolves.toMatchObject({
      access: expect.stringMatching(JWT_SHAPE),
    });
  });

  test('UNAUTHORIZED for an access token or garbage in place of the refresh token', async () => {
    const { tokens } = await server.registerAndLogin('badlogout');

    await expectRejection(server.client().auth.logout.mutate({ refresh: tokens().access }), 'UNAUTHORIZED');
    await expectRejection(server.client().auth.logout.mutate({ refresh: 'garbage' }), 'UNAUTHORIZED');
    await expect(server.client().auth.refresh.mutate({ refresh: tokens().refresh })).resolves.toBeDefined();
  });
});

describe('the procedures are plain JSON over HTTP', () => {
  test('a query is a GET with the input in the URL, answered as { result: { data } }', async () => {
    const { tokens, user } = await server.registerAndLogin('wire');

    const answer = await wireQuery(server.url, 'auth.me', undefined, { authorization: `Bearer ${tokens().access}` });

    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ result: { data: user } });
  });
});
