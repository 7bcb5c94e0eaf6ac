import { createHmac } from 'node:crypto';

/**
 * Hand-made JWTs for attacking the server: same claims as a real token, with
 * another header, another algorithm or changed claims.
 */

export type Claims = Record<string, unknown>;

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function claimsOf(token: string): Claims {
  const payload = token.split('.')[1] ?? '';

  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Claims;
}

/** Seconds since the epoch, as JWT time claims count. */
export function nowInSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** A token with an empty signature whose header claims `alg` (`none` and its spellings). */
export function unsignedToken(claims: Claims, alg: string): string {
  return `${encode({ alg, typ: 'JWT' })}.${encode(claims)}.`;
}

/** A token really signed with `secret`, by HMAC-SHA256 (HS256) or HMAC-SHA512 (HS512). */
export function signedToken(claims: Claims, secret: string, alg: 'HS256' | 'HS512' = 'HS256'): string {
  const unsigned = `${encode({ alg, typ: 'JWT' })}.${encode(claims)}`;
  const hash = alg === 'HS256' ? 'sha256' : 'sha512';
  const signature = createHmac(hash, secret).update(unsigned).digest('base64url');

  return `${unsigned}.${signature}`;
}

/** The token with its payload replaced by `claims` and its original signature kept. */
export function withPayload(token: string, claims: Claims): string {
  const [header, , signature] = token.split('.');

  return `${header}.${encode(claims)}.${signature}`;
}

/** Milliseconds until the token's `exp` has passed by `marginMs`. */
export function msUntilExpired(token: string, marginMs = 50): number {
  const exp = claimsOf(token).exp as number;

  return Math.max(0, exp * 1000 + marginMs - Date.now());
}
