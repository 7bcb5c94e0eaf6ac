import { describe, expect, test } from 'vitest';

import { registerInput, usernameKey } from '../src/auth/credentials';

const valid = { username: 'priya', password: 'correct horse battery' };

describe('registration input', () => {
  test('usernames are NFKC-normalised and keyed case-insensitively', () => {
    const fullWidth = registerInput.parse({ ...valid, username: 'Ｐｒｉｙａ' });

    expect(fullWidth.username).toBe('Priya');
    expect(usernameKey('Ｐｒｉｙａ')).toBe(usernameKey('priya'));
    expect(usernameKey('NOTEUSER')).toBe('noteuser');
  });

  test.each(['ab', 'a'.repeat(33), 'has space', 'semi;colon', 'émile', ''])(
    'username %j is refused',
    (username) => {
      expect(registerInput.safeParse({ ...valid, username }).success).toBe(false);
    },
  );

  test('passwords are measured in UTF-8 bytes, not characters', () => {
    expect(registerInput.safeParse({ ...valid, password: 'A'.repeat(72) }).success).toBe(true);
    expect(registerInput.safeParse({ ...valid, password: 'A'.repeat(73) }).success).toBe(false);
    // 18 emoji are 72 bytes; 19 are 76 though only 19 characters.
    expect(registerInput.safeParse({ ...valid, password: '😀'.repeat(18) }).success).toBe(true);
    expect(registerInput.safeParse({ ...valid, password: '😀'.repeat(19) }).success).toBe(false);
  });

  test('short passwords and passwords with a NUL byte are refused', () => {
    expect(registerInput.safeParse({ ...valid, password: 'short' }).success).toBe(false);
    expect(registerInput.safeParse({ ...valid, password: 'abcdefgh\u0000tail' }).success).toBe(false);
  });

  test('emails are trimmed, lower-cased and validated; empty means none', () => {
    expect(registerInput.parse({ ...valid, email: '  Priya@Example.COM ' }).email).toBe('priya@example.com');
    expect(registerInput.parse({ ...valid, email: '' }).email).toBeNull();
    expect(registerInput.parse(valid).email).toBeNull();
    expect(registerInput.safeParse({ ...valid, email: 'not-an-email' }).success).toBe(false);
  });

  test('unknown keys and operator objects are refused', () => {
    expect(registerInput.safeParse({ ...valid, isAdmin: true }).success).toBe(false);
    expect(registerInput.safeParse({ ...valid, username: { $gt: '' } }).success).toBe(false);
  });
});

describe('passwords with lone surrogates', () => {
  test('are refused: they would hash like other passwords', () => {
    for (const password of ['abcdefgh\ud800', 'abcdefgh\udfff', '\udc00abcdefgh']) {
      expect(registerInput.safeParse({ username: 'priya', password }).success).toBe(false);
    }
    expect(registerInput.safeParse({ username: 'priya', password: 'abcdefgh😀' }).success).toBe(true);
  });
});
