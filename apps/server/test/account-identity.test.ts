import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { expectFieldRejection, expectRejection } from './support/sdk-errors';
import { startTestServer, TEST_PASSWORD, uniqueUsername, type TestServer } from './support/test-server';
import { expectWireError, wireMutation, type WireResponse } from './support/trpc-wire';

// One person, one account: usernames compare without case or look-alike forms
// (F-07), concurrent sign-ups cannot make two (F-08), and a password is the whole
// password, not its first 72 bytes (F-06).

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(() => server.close());

/** The full-width look-alike of an ASCII string (`A` → `Ａ`), which NFKC folds back. */
function fullWidth(text: string): string {
  return text.replace(/[!-~]/g, (character) => String.fromCharCode(character.charCodeAt(0) + 0xfee0));
}

function register(username: string, password = TEST_PASSWORD): Promise<WireResponse> {
  return wireMutation(server.url, 'auth.register', { username, password });
}

/** How many accounts the database holds under this name, case-folded. The server runs in this process. */
function accountsNamed(username: string): Promise<number> {
  return mongoose.connection.collection('users').countDocuments({ usernameKey: username.toLowerCase() });
}

describe('usernames differing only in case or form are one account (F-07)', () => {
  let registered: { id: string; username: string };

  beforeAll(async () => {
    registered = await server.client().register({ username: uniqueUsername('NoteUser'), password: TEST_PASSWORD });
  });

  test.each([
    ['lower case', (name: string) => name.toLowerCase()],
    ['upper case', (name: string) => name.toUpperCase()],
    ['mixed case', (name: string) => [...name].map((c, i) => (i % 2 ? c.toUpperCase() : c.toLowerCase())).join('')],
    ['full-width letters', fullWidth],
    ['surrounding spaces', (name: string) => `  ${name.toLowerCase()} `],
  ])('registering it again in %s is CONFLICT', async (_, variant) => {
    const error = expectWireError(await register(variant(registered.username)), 'CONFLICT');

    expect(error.message).toBe('That username is already taken');
  });

  test('exactly one account exists', async () => {
    expect(await accountsNamed(registered.username)).toBe(1);
  });

  test('logging in with another case reaches the same account, whose notes carry the registered name', async () => {
    const client = server.client();

    const user = await client.login({ username: registered.username.toUpperCase(), password: TEST_PASSWORD });
    const note = await client.notes.create.mutate({ title: 'whose?', body: '' });

    expect(user).toMatchObject({ id: registered.id, username: registered.username });
    expect(note.owner).toBe(registered.username);
  });
});

describe('concurrent sign-ups for one name (F-08)', () => {
  test.each([
    ['the same spelling', (name: string) => name],
    ['mixed spellings', (name: string, index: number) => (index % 3 === 0 ? name : index % 3 === 1 ? name.toUpperCase() : fullWidth(name))],
  ])('ten at once with %s: exactly one succeeds, the others are CONFLICT', async (_, spell) => {
    const name = uniqueUsername('racer');
    const passwords = Array.from({ length: 10 }, (__, index) => `${TEST_PASSWORD} #${index}`);

    const answers = await Promise.all(passwords.map((password, index) => register(spell(name, index), password)));

    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    for (const answer of answers.filter((each) => each.status !== 200)) expectWireError(answer, 'CONFLICT');
    expect(await accountsNamed(name)).toBe(1);

    const winner = passwords[answers.findIndex((answer) => answer.status === 200)];
    await expect(server.client().login({ username: name, password: winner ?? '' })).resolves.toBeDefined();
  });
});

describe('passwords are limited to 72 bytes, counted in UTF-8 (F-06)', () => {
  test.each([
    ['73 ASCII characters', 'A'.repeat(73)],
    ['72 ASCII characters and a tail', `${'A'.repeat(72)}tail-one`],
    ['20 emoji (20 characters, 80 bytes)', '😀'.repeat(20)],
  ])('%s are BAD_REQUEST naming the byte limit', async (_, password) => {
    const error = await expectFieldRejection(server.client().register({ username: uniqueUsername('longpw'), password }), 'password');

    expect(error.message).toContain('72 bytes');
  });

  test('a password with a NUL character is BAD_REQUEST', async () => {
    await expectFieldRejection(server.client().register({ username: uniqueUsername('nulpw'), password: 'abcdefgh\u0000tail' }), 'password');
  });

  test.each([
    ['72 ASCII characters', 'A'.repeat(72), `${'A'.repeat(72)}tail-two`],
    ['18 emoji (72 bytes)', '😀'.repeat(18), `${'😀'.repeat(18)}xyzxyzxy`],
  ])('%s are accepted, and a longer password with the same first 72 bytes does not log in', async (_, password, longer) => {
    const username = uniqueUsername('edgepw');
    await server.client().register({ username, password });

    await expect(server.client().login({ username, password })).resolves.toMatchObject({ username });
    const error = await expectRejection(server.client().login({ username, password: longer }), 'UNAUTHORIZED');
    expect(error.message).toBe('Invalid username or password');
  });
});
