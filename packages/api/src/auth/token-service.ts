import { createHash, createSecretKey, randomUUID, type KeyObject } from 'node:crypto';

import jwt from 'jsonwebtoken';
import { z } from 'zod';

export type TokenType = 'access' | 'refresh';

export type TokenSubject = { userId: string; username: string; sessionId: string };

export type TokenServiceConfig = {
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
};

export type TokenService = {
  sign(type: TokenType, subject: TokenSubject): string;
  verify(type: TokenType, token: string): TokenSubject | null;
  refreshTokenTtlSeconds: number;
};

const ALGORITHM = 'HS256';

const claimsSchema = z.object({
  sub: z.string().regex(/^[0-9a-f]{24}$/),
  sid: z.string().regex(/^[0-9a-f]{24}$/),
  username: z.string(),
  type: z.enum(['access', 'refresh']),
  // jsonwebtoken checks `exp` only when present; every token made here has one.
  exp: z.number(),
});

/** Hash under which a session remembers a refresh token (never the token itself). */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/**
 * HS256 JWTs with the algorithm pinned on verify, and a `type` claim so an access
 * token is refused where a refresh token belongs and the other way round.
 */
export function createTokenService(config: TokenServiceConfig): TokenService {
  // A KeyObject is built once; jsonwebtoken would otherwise rebuild it per call.
  const key: KeyObject = createSecretKey(Buffer.from(config.jwtSecret, 'utf8'));

  const ttl = (type: TokenType) =>
    type === 'access' ? config.accessTokenTtlSeconds : config.refreshTokenTtlSeconds;

  return {
    refreshTokenTtlSeconds: config.refreshTokenTtlSeconds,

    sign(type, subject) {
      const claims = { type, username: subject.username, sid: subject.sessionId };

      return jwt.sign(claims, key, {
        algorithm: ALGORITHM,
        subject: subject.userId,
        expiresIn: ttl(type),
        jwtid: randomUUID(),
      });
    },

    verify(type, token) {
      let payload: unknown;

      try {
        payload = jwt.verify(token, key, { algorithms: [ALGORITHM] });
      } catch {
        return null;
      }

      const claims = claimsSchema.safeParse(payload);
      if (!claims.success || claims.data.type !== type) return null;

      return { userId: claims.data.sub, username: claims.data.username, sessionId: claims.data.sid };
    },
  };
}
