import { createActivityLog, type ActivityLog } from './auth/activity-log';
import { createPasswordService, type PasswordService } from './auth/password-service';
import { createRateLimits, DEFAULT_RATE_LIMITS, type RateLimitConfig, type RateLimits } from './auth/rate-limits';
import { createRevocationList, type RevocationList } from './auth/revocation-list';
import { createLateSweeps, type LateSweeps } from './auth/late-sweeps';
import { createSessionService, type SessionService } from './auth/session-service';
import { createTokenService, type TokenService } from './auth/token-service';
import { createCursorCodec, type CursorCodec } from './notes/cursor';

export type ServicesConfig = {
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  bcryptCost: number;
  /** Hashes at once; defaults to 3, one fewer than libuv's default thread pool. */
  bcryptConcurrency?: number;
  /** Longest expected wait for a hash before a request is refused; defaults to 10 s. */
  bcryptMaxWaitSeconds?: number;
  /** Defaults to 10 s. */
  rotationGraceSeconds?: number;
  /** Defaults to 30 days. */
  sessionLifetimeSeconds?: number;
  /** Defaults to 1 s. */
  revocationPollIntervalMs?: number;
  /** Defaults to 90 days. */
  activityRetentionDays?: number;
  /** Defaults to DEFAULT_RATE_LIMITS. */
  rateLimits?: RateLimitConfig;
};

export type Services = {
  tokens: TokenService;
  passwords: PasswordService;
  sessions: SessionService;
  revocations: RevocationList;
  activity: ActivityLog;
  rateLimits: RateLimits;
  /** Signs and checks note page cursors, with a key derived from the JWT secret. */
  cursors: CursorCodec;
  /** Second passes of account deletion, after every instance has seen the revocation. */
  lateSweeps: LateSweeps;
  /** Starts background work (the revocation poll) and makes the throwaway password hash; call once connected. */
  start(): Promise<void>;
  /** Stops the poll and runs the late sweeps still waiting; call before disconnecting. */
  stop(): Promise<void>;
};

const DEFAULT_BCRYPT_CONCURRENCY = 3;
const DEFAULT_BCRYPT_MAX_WAIT_SECONDS = 10;
const DEFAULT_ROTATION_GRACE_SECONDS = 10;
const DEFAULT_SESSION_LIFETIME_SECONDS = 30 * 24 * 60 * 60;

/**
 * Builds the long-lived services once per process, after the database connection is
 * open; every request's context shares them.
 */
export function createServices(config: ServicesConfig): Services {
  const tokens = createTokenService(config);
  const pollIntervalMs = config.revocationPollIntervalMs ?? 1000;
  const revocations = createRevocationList({ accessTokenTtlSeconds: config.accessTokenTtlSeconds, pollIntervalMs });
  // Two polls and a margin: by then every instance that is up has read the revocation.
  const lateSweeps = createLateSweeps(2 * pollIntervalMs + 1000);

  const passwords = createPasswordService({
    cost: config.bcryptCost,
    concurrency: config.bcryptConcurrency ?? DEFAULT_BCRYPT_CONCURRENCY,
    maxWaitSeconds: config.bcryptMaxWaitSeconds ?? DEFAULT_BCRYPT_MAX_WAIT_SECONDS,
  });

  return {
    tokens,
    passwords,
    sessions: createSessionService(tokens, {
      rotationGraceSeconds: config.rotationGraceSeconds ?? DEFAULT_ROTATION_GRACE_SECONDS,
      absoluteLifetimeSeconds: config.sessionLifetimeSeconds ?? DEFAULT_SESSION_LIFETIME_SECONDS,
    }),
    revocations,
    activity: createActivityLog({ retentionDays: config.activityRetentionDays ?? 90 }),
    rateLimits: createRateLimits(config.rateLimits ?? DEFAULT_RATE_LIMITS),
    cursors: createCursorCodec(config.jwtSecret),
    lateSweeps,
    start: async () => {
      await Promise.all([revocations.start(), passwords.warmUp()]);
    },
    stop: async () => {
      revocations.stop();
      await lateSweeps.stop();
    },
  };
}
