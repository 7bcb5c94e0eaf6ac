import { createHmac } from 'node:crypto';

import jwt from 'jsonwebtoken';
import { describe, expect, test } from 'vitest';

import { createTokenService } from '../src/auth/token-service';

const SECRET = 'test-secret-that-is-long-enough-for-hs256-use';
const subject = { userId: 'a'.repeat(24), username: 'priya', sessionId: 'b'.repeat(24) };
const tokens = createTokenService({ jwtSecret: SECRET, accessTokenTtlSeconds: 60, refreshTokenTtlSeconds: 600 });

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

function payloadOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
}

function signWith(header: object, payload: object, algorithm: 'sha256' | 'sha512'): string {
  const unsigned = `${encode(header)}.${encode(payload)}`;
  const signature = createHmac(algorithm, SECRET).update(unsigned).digest('base64url');

  return `${unsigned}.${signature}`;
}

describe('token service', () => {
  test('a token verifies as its own type and not as the other', () => {
    const access = tokens.sign('access', subject);
    const refresh = tokens.sign('refresh', subject);

    expect(tokens.verify('access', access)).toEqual(subject);
    expect(tokens.verify('refresh', refresh)).toEqual(subject);
    expect(tokens.verify('refresh', access)).toBeNull();
    expect(tokens.verify('access', refresh)).toBeNull();
  });

  test('unsigned tokens are refused whatever the case of "none"', () => {
    const payload = payloadOf(tokens.sign('access', subject));

    for (const alg of ['none', 'None', 'NONE']) {
      const forged = `${encode({ alg, typ: 'JWT' })}.${encode(payload)}.`;
      expect(tokens.verify('access', forged)).toBeNull();
    }
  });

  test('a real signature with another algorithm than HS256 is refused', () => {
    const payload = payloadOf(tokens.sign('access', subject));
    const hs512 = signWith({ alg: 'HS512', typ: 'JWT' }, payload, 'sha512');
    const hs256 = signWith({ alg: 'HS256', typ: 'JWT' }, payload, 'sha256');

    expect(tokens.verify('access', hs512)).toBeNull();
    expect(tokens.verify('access', hs256)).toEqual(subject);
  });

  test('a tampered payload or signature is refused', () => {
    const [header, payload, signature] = tokens.sign('access', subject).split('.');
    const otherUser = encode({ ...payloadOf(`x.${payload}.x`), sub: 'c'.repeat(24) });

    expect(tokens.verify('access', `${header}.${otherUser}.${signature}`)).toBeNull();
    expect(tokens.verify('access', `${header}.${payload}.${signature?.slice(0, -2)}AA`)).toBeNull();
  });

  test('expired, not-yet-valid, never-expiring, untyped and malformed tokens are refused', () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: subject.userId, sid: subject.sessionId, username: subject.username, type: 'access' };

    const expired = jwt.sign({ ...claims, exp: now - 1 }, SECRET, { algorithm: 'HS256' });
    const notYet = jwt.sign({ ...claims, nbf: now + 60, exp: now + 120 }, SECRET, { algorithm: 'HS256' });
    const neverExpires = jwt.sign(claims, SECRET, { algorithm: 'HS256' });
    const untyped = jwt.sign({ sub: subject.userId, sid: subject.sessionId, username: 'priya' }, SECRET, { algorithm: 'HS256' });
    const freshNbf = jwt.sign({ ...claims, iat: now, nbf: now, exp: now + 60 }, SECRET, { algorithm: 'HS256' });

    expect(tokens.verify('access', expired)).toBeNull();
    expect(tokens.verify('access', notYet)).toBeNull();
    expect(tokens.verify('access', untyped)).toBeNull();
    expect(tokens.verify('access', neverExpires)).toBeNull();
    expect(tokens.verify('access', freshNbf)).toEqual(subject);

    for (const junk of ['', 'a.b', 'a.b.c', 'not a token', `${'x'.repeat(500)}.y.z`]) {
      expect(tokens.verify('access', junk)).toBeNull();
    }
  });

  test('a token signed with another secret is refused', () => {
    const other = createTokenService({ jwtSecret: `${SECRET}-other`, accessTokenTtlSeconds: 60, refreshTokenTtlSeconds: 60 });

    expect(tokens.verify('access', other.sign('access', subject))).toBeNull();
  });
});
