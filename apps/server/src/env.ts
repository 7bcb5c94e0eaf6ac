import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { DEFAULT_RATE_LIMITS, type RateLimitConfig, type RateLimitRule } from '@scoped-notes/api';
import { EMBEDDED_MONGO_MODES, type DatabaseConfig } from '@scoped-notes/embedded-mongo';
import { z } from 'zod';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const NODE_ENVS = ['development', 'test', 'production'] as const;

export type LogLevel = (typeof LOG_LEVELS)[number];
export type NodeEnv = (typeof NODE_ENVS)[number];


export type AuthConfig = {
  jwtSecret: string;
  /** True when no JWT_SECRET was given and a random one was made for this process. */
  jwtSecretGenerated: boolean;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  bcryptCost: number;
  /** Hashes at once (BCRYPT_CONCURRENCY). */
  bcryptConcurrency: number;
  bcryptMaxWaitSeconds: number;
  rotationGraceSeconds: number;
  sessionLifetimeSeconds: number;
  rateLimits: RateLimitConfig;
};

export type ServerConfig = {
  nodeEnv: NodeEnv;
  host: string;
  port: number;
  logLevel: LogLevel;
  maxBodyBytes: number;
  /** How many proxies in front of the server append to X-Forwarded-For (0: ignore the header). */
  trustProxyHops: number;
  /** Origins allowed to call the API from a browser. */
  corsOrigins: string[];
  auth: AuthConfig;
  database: DatabaseConfig;
  /** Absolute path of the built web app; served at `/` when it holds an index.html. */
  webDistDir: string;
};

export type EnvProblem = { variable: string; message: string };

/** Thrown by `parseEnv`; its message lists every bad variable and never a value. */
export class EnvError extends Error {
  readonly problems: EnvProblem[];

  constructor(problems: EnvProblem[]) {
    const lines = problems.map((each) => `  - ${each.variable}: ${each.message}`);
    super(`Invalid environment:\n${lines.join('\n')}`);
    this.name = 'EnvError';
    this.problems = problems;
  }
}

const MIN_PRODUCTION_SECRET_BYTES = 32;
const GENERATED_SECRET_BYTES = 48;
const MEBIBYTE = 1024 * 1024;
const LIBUV_DEFAULT_THREADS = 4;
// apps/web/dist, seen from apps/server/src.
const DEFAULT_WEB_DIST_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

// Deployment files often write `NAME=` to mean "not set".
const blankAsUnset = (value: unknown) => (value === '' ? undefined : value);

/** An optional variable read by `parse` (null when malformed), or `fallback` when unset. */
function parsedOr<T>(fallback: T, parse: (raw: string) => T | null, message: string) {
  return z.preprocess(
    blankAsUnset,
    z
      .string()
      .optional()
      .transform((raw, ctx) => {
        if (raw === undefined) return fallback;

        const value = parse(raw.trim());
        if (value !== null) return value;

        ctx.addIssue({ code: 'custom', message });

        return z.NEVER;
      }),
  );
}

function wholeNumberFrom(min: number, max: number) {
  return (raw: string) => {
    const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;

    return Number.isSafeInteger(value) && value >= min && value <= max ? value : null;
  };
}

function wholeNumber(min: number, max: number, fallback: number) {
  return parsedOr(fallback, wholeNumberFrom(min, max), `must be a whole number from ${min} to ${max}`);
}

/**
 * One hash per core, and always one pool thread left for the file and DNS work
 * that shares libuv's thread pool with bcrypt.
 */
function defaultHashingConcurrency(threadPoolSize: number): number {
  return Math.max(1, Math.min(availableParallelism(), threadPoolSize - 1));
}

/** `points/seconds`, e.g. `10/900`: at most 10 in any 15 minutes. */
function rateLimit(fallback: RateLimitRule) {
  const parse = (raw: string): RateLimitRule | null => {
    const match = /^(\d{1,7})\/(\d{1,7})$/.exec(raw);
    const rule = match ? { points: Number(match[1]), durationSeconds: Number(match[2]) } : null;

    return rule && rule.points >= 1 && rule.durationSeconds >= 1 ? rule : null;
  };

  return parsedOr(fallback, parse, 'must be POINTS/SECONDS with both at least 1, such as 10/900');
}

/**
 * The origin an entry of CORS_ORIGINS names: an http or https URL with nothing past
 * the host and port but one `/`. Anything else would become an origin no browser
 * sends, or the opaque origin "null" that sandboxed frames and files share.
 */
// Written out in full: the URL parser would quietly mend `http:a.com` or a bare `?` or `#`.
const ORIGIN_SHAPE = /^https?:\/\/[^/?#\s]+\/?$/i;

function httpOrigin(entry: string): string | null {
  const url = ORIGIN_SHAPE.test(entry) && URL.canParse(entry) ? new URL(entry) : null;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return null;

  // The shape has ruled out a path, query and fragment; a user name can still hide before an @.
  if (url.username || url.password || url.hostname.includes('*') || url.origin === 'null') return null;

  return url.origin;
}

function httpOrigins(raw: string): string[] | null {
  const origins = raw.split(',').map((entry) => entry.trim()).filter(Boolean).map(httpOrigin);

  return origins.every((origin) => origin !== null) ? origins : null;
}

function oneOf<const T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) {
  const message = `must be one of ${values.join(', ')}`;

  return z.preprocess(blankAsUnset, z.enum(values, { error: message }).default(fallback));
}

const environmentSchema = z.object({
  NODE_ENV: oneOf(NODE_ENVS, 'development'),
  HOST: z.preprocess(
    blankAsUnset,
    z.string().regex(/^\S+$/, { error: 'must be a host name or IP address without spaces' }).default('127.0.0.1'),
  ),
  PORT: wholeNumber(0, 65_535, 3000),
  LOG_LEVEL: oneOf(LOG_LEVELS, 'info'),
  MAX_BODY_BYTES: wholeNumber(1024, 64 * MEBIBYTE, MEBIBYTE),
  JWT_SECRET: z.preprocess(blankAsUnset, z.string().optional()),
  ACCESS_TOKEN_TTL: wholeNumber(1, 7 * 24 * 60 * 60, 30 * 60),
  REFRESH_TOKEN_TTL: wholeNumber(1, 365 * 24 * 60 * 60, 24 * 60 * 60),
  BCRYPT_COST: wholeNumber(4, 15, 12),
  BCRYPT_CONCURRENCY: parsedOr<number | undefined>(undefined, wholeNumberFrom(1, 1024), 'must be a whole number from 1 to 1024'),
  BCRYPT_MAX_WAIT_SECONDS: wholeNumber(1, 600, 10),
  // Read by libuv itself; the server only needs its value to size BCRYPT_CONCURRENCY.
  UV_THREADPOOL_SIZE: wholeNumber(1, 1024, LIBUV_DEFAULT_THREADS),
  REFRESH_GRACE_SECONDS: wholeNumber(0, 300, 10),
  SESSION_LIFETIME: wholeNumber(60, 365 * 24 * 60 * 60, 30 * 24 * 60 * 60),
  RATE_LIMIT_LOGIN_PER_USERNAME: rateLimit(DEFAULT_RATE_LIMITS.failedLoginsPerUsername),
  RATE_LIMIT_LOGIN_PER_ADDRESS: rateLimit(DEFAULT_RATE_LIMITS.failedLoginsPerAddress),
  RATE_LIMIT_REGISTER_PER_ADDRESS: rateLimit(DEFAULT_RATE_LIMITS.registrationsPerAddress),
  RATE_LIMIT_REFRESH_PER_ADDRESS: rateLimit(DEFAULT_RATE_LIMITS.refreshesPerAddress),
  TRUST_PROXY: wholeNumber(0, 10, 0),
  CORS_ORIGINS: parsedOr<string[]>(
    [],
    httpOrigins,
    'must be a comma-separated list of http:// or https:// origins (scheme, host and optional port, no path), such as https://app.example.com',
  ),
  MONGODB_URI: z.preprocess(
    blankAsUnset,
    z
      .string()
      .regex(/^mongodb(\+srv)?:\/\/\S+$/, { error: 'must be a mongodb:// or mongodb+srv:// connection string' })
      .optional(),
  ),
  EMBEDDED_MONGO: oneOf(EMBEDDED_MONGO_MODES, 'auto'),
  MONGOMS_SYSTEM_BINARY: z.preprocess(blankAsUnset, z.string().optional()),
  WEB_DIST_DIR: z.preprocess(blankAsUnset, z.string().optional()),
  PATH: z.string().default(''),
});

type Environment = z.infer<typeof environmentSchema>;

/** The secret rule needs NODE_ENV and JWT_SECRET together, so it runs on the raw source. */
function jwtSecretProblems(source: Record<string, string | undefined>): EnvProblem[] {
  if (source.NODE_ENV !== 'production') return [];

  const secret = blankAsUnset(source.JWT_SECRET);
  if (typeof secret === 'string' && Buffer.byteLength(secret) >= MIN_PRODUCTION_SECRET_BYTES) return [];

  const message =
    secret === undefined
      ? `is required when NODE_ENV is production (at least ${MIN_PRODUCTION_SECRET_BYTES} bytes)`
      : `must be at least ${MIN_PRODUCTION_SECRET_BYTES} bytes when NODE_ENV is production`;

  return [{ variable: 'JWT_SECRET', message }];
}

function ttlProblems(env: Environment): EnvProblem[] {
  if (env.REFRESH_TOKEN_TTL > env.ACCESS_TOKEN_TTL) return [];

  return [{ variable: 'REFRESH_TOKEN_TTL', message: 'must be longer than ACCESS_TOKEN_TTL' }];
}

function toConfig(env: Environment): ServerConfig {
  const jwtSecret = env.JWT_SECRET ?? randomBytes(GENERATED_SECRET_BYTES).toString('base64url');

  return {
    nodeEnv: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    logLevel: env.LOG_LEVEL,
    maxBodyBytes: env.MAX_BODY_BYTES,
    trustProxyHops: env.TRUST_PROXY,
    corsOrigins: env.CORS_ORIGINS,
    auth: {
      jwtSecret,
      jwtSecretGenerated: env.JWT_SECRET === undefined,
      accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL,
      refreshTokenTtlSeconds: env.REFRESH_TOKEN_TTL,
      bcryptCost: env.BCRYPT_COST,
      bcryptConcurrency: env.BCRYPT_CONCURRENCY ?? defaultHashingConcurrency(env.UV_THREADPOOL_SIZE),
      bcryptMaxWaitSeconds: env.BCRYPT_MAX_WAIT_SECONDS,
      rotationGraceSeconds: env.REFRESH_GRACE_SECONDS,
      sessionLifetimeSeconds: env.SESSION_LIFETIME,
      rateLimits: {
        failedLoginsPerUsername: env.RATE_LIMIT_LOGIN_PER_USERNAME,
        failedLoginsPerAddress: env.RATE_LIMIT_LOGIN_PER_ADDRESS,
        registrationsPerAddress: env.RATE_LIMIT_REGISTER_PER_ADDRESS,
        refreshesPerAddress: env.RATE_LIMIT_REFRESH_PER_ADDRESS,
      },
    },
    database: {
      uri: env.MONGODB_URI,
      embedded: env.EMBEDDED_MONGO,
      mongodBinary: env.MONGOMS_SYSTEM_BINARY,
      searchPath: env.PATH,
    },
    webDistDir: resolve(env.WEB_DIST_DIR ?? DEFAULT_WEB_DIST_DIR),
  };
}

/**
 * Validates an environment and turns it into the server's configuration.
 * Pure apart from the random secret made when JWT_SECRET is unset outside production,
 * and the working directory a relative WEB_DIST_DIR is resolved against.
 * @throws {EnvError} naming every bad variable.
 */
export function parseEnv(source: Record<string, string | undefined>): ServerConfig {
  const result = environmentSchema.safeParse(source);
  const schemaProblems = result.success
    ? ttlProblems(result.data)
    : result.error.issues.map((issue) => ({ variable: String(issue.path[0]), message: issue.message }));

  const problems = [...schemaProblems, ...jwtSecretProblems(source)];
  if (!result.success || problems.length > 0) throw new EnvError(problems);

  return toConfig(result.data);
}

/** The one place that reads `process.env`. */
export function loadEnv(): ServerConfig {
  return parseEnv(process.env);
}
