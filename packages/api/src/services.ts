import { createPasswordService, type PasswordService } from './auth/password-service';
import { createSessionService, type SessionService } from './auth/session-service';
import { createTokenService, type TokenService } from './auth/token-service';

export type ServicesConfig = {
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  bcryptCost: number;
  /** Defaults to 10 s. */
  rotationGraceSeconds?: number;
  /** Defaults to 30 days. */
  sessionLifetimeSeconds?: number;
};

export type Services = {
  tokens: TokenService;
  passwords: PasswordService;
  sessions: SessionService;
};

const DEFAULT_ROTATION_GRACE_SECONDS = 10;
const DEFAULT_SESSION_LIFETIME_SECONDS = 30 * 24 * 60 * 60;

/** Builds the long-lived services once per process; every request's context shares them. */
export function createServices(config: ServicesConfig): Services {
  const tokens = createTokenService(config);

  return {
    tokens,
    passwords: createPasswordService(config.bcryptCost),
    sessions: createSessionService(tokens, {
      rotationGraceSeconds: config.rotationGraceSeconds ?? DEFAULT_ROTATION_GRACE_SECONDS,
      absoluteLifetimeSeconds: config.sessionLifetimeSeconds ?? DEFAULT_SESSION_LIFETIME_SECONDS,
    }),
  };
}
