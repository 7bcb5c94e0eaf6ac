import { TRPCError } from '@trpc/server';
import mongoose from 'mongoose';
import { RateLimiterMongo, RateLimiterRes } from 'rate-limiter-flexible';

export type RateLimitRule = { points: number; durationSeconds: number };

export type RateLimitConfig = {
  failedLoginsPerUsername: RateLimitRule;
  failedLoginsPerAddress: RateLimitRule;
  registrationsPerAddress: RateLimitRule;
  refreshesPerAddress: RateLimitRule;
};

export const DEFAULT_RATE_LIMITS: RateLimitConfig = {
  failedLoginsPerUsername: { points: 10, durationSeconds: 15 * 60 },
  failedLoginsPerAddress: { points: 50, durationSeconds: 15 * 60 },
  registrationsPerAddress: { points: 30, durationSeconds: 60 * 60 },
  refreshesPerAddress: { points: 120, durationSeconds: 60 },
};

export type RateLimits = ReturnType<typeof createRateLimits>;

function tooManyRequests(retryAfterSeconds: number): TRPCError {
  return new TRPCError({
    code: 'TOO_MANY_REQUESTS',
    message: `Too many attempts: try again in ${retryAfterSeconds} s`,
    cause: new RetryAfter(retryAfterSeconds),
  });
}

/** Carried as the cause of TOO_MANY_REQUESTS so hosts can send `Retry-After`. */
export class RetryAfter extends Error {
  constructor(readonly seconds: number) {
    super(`retry after ${seconds} s`);
    this.name = 'RetryAfter';
  }
}

const secondsUntil = (result: RateLimiterRes) => Math.max(1, Math.ceil(result.msBeforeNext / 1000));

/**
 * Counters kept in MongoDB (rate-limiter-flexible), so every server instance on one
 * database shares them. Failed logins are counted only when they fail, and checked
 * before any password work, so a locked-out guesser costs no bcrypt time.
 */
export function createRateLimits(config: RateLimitConfig) {
  const limiter = (keyPrefix: string, rule: RateLimitRule) =>
    new RateLimiterMongo({
      storeClient: mongoose.connection,
      tableName: 'rate_limits',
      keyPrefix,
      points: rule.points,
      duration: rule.durationSeconds,
    });

  const failedByUsername = limiter('login_user', config.failedLoginsPerUsername);
  const failedByAddress = limiter('login_addr', config.failedLoginsPerAddress);
  const registrations = limiter('register_addr', config.registrationsPerAddress);
  const refreshes = limiter('refresh_addr', config.refreshesPerAddress);

  async function consume(limit: RateLimiterMongo, key: string): Promise<void> {
    try {
      await limit.consume(key);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;

      // The refused attempt added a point too; only attempts let through count, so a
      // point given back later (see refundRegistration) reopens exactly one.
      await limit.reward(key, 1);
      throw tooManyRequests(secondsUntil(rejection));
    }
  }

  async function ensureNotBlocked(limit: RateLimiterMongo, key: string): Promise<void> {
    const state = await limit.get(key);
    if (state && state.consumedPoints >= limit.points) throw tooManyRequests(secondsUntil(state));
  }

  return {
    async checkLogin(usernameKey: string, address: string): Promise<void> {
      await ensureNotBlocked(failedByUsername, usernameKey);
      await ensureNotBlocked(failedByAddress, address);
    },

    async recordFailedLogin(usernameKey: string, address: string): Promise<void> {
      await Promise.allSettled([failedByUsername.consume(usernameKey), failedByAddress.consume(address)]);
    },

    register: (address: string) => consume(registrations, address),

    /** Gives back the point of a sign-up the server turned away for its own reasons (busy). */
    async refundRegistration(address: string): Promise<void> {
      // A window that has ended has nothing to give back; rewarding it would open a free one.
      const state = await registrations.get(address);
      if (state && state.consumedPoints > 0) await registrations.reward(address, 1);
    },

    refresh: (address: string) => consume(refreshes, address),
  };
}
