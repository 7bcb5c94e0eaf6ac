import { randomBytes } from 'node:crypto';

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
};

export type ServerConfig = {
  nodeEnv: NodeEnv;
  host: string;
  port: number;
  logLevel: LogLevel;
  maxBodyBytes: number;
  auth: AuthConfig;
  database: DatabaseConfig;
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

// Deployment files often write `NAME=` to mean "not set".
const blankAsUnset = (value: unknown) => (value === '' ? undefined : value);

function wholeNumber(min: number, max: number, fallback: number) {
  const message = `must be a whole number from ${min} to ${max}`;

  return z.preprocess(
    blankAsUnset,
    z
      .string()
      .optional()
      .transform((raw, ctx) => {
        if (raw === undefined) return fallback;

        const value = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
        if (Number.isSafeInteger(value) && value >= min && value <= max) return value;

        ctx.addIssue({ code: 'custom', message });

        return z.NEVER;
      }),
  );
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
  MONGODB_URI: z.preprocess(
    blankAsUnset,
    z
      .string()
      .regex(/^mongodb(\+srv)?:\/\/\S+$/, { error: 'must be a mongodb:// or mongodb+srv:// connection string' })
      .optional(),
  ),
  EMBEDDED_MONGO: oneOf(EMBEDDED_MONGO_MODES, 'auto'),
  MONGOMS_SYSTEM_BINARY: z.preprocess(blankAsUnset, z.string().optional()),
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
    auth: {
      jwtSecret,
      jwtSecretGenerated: env.JWT_SECRET === undefined,
      accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL,
      refreshTokenTtlSeconds: env.REFRESH_TOKEN_TTL,
      bcryptCost: env.BCRYPT_COST,
    },
    database: {
      uri: env.MONGODB_URI,
      embedded: env.EMBEDDED_MONGO,
      mongodBinary: env.MONGOMS_SYSTEM_BINARY,
      searchPath: env.PATH,
    },
  };
}

/**
 * Validates an environment and turns it into the server's configuration.
 * Pure apart from the random secret made when JWT_SECRET is unset outside production.
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
