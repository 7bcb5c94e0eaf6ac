import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { EnvError, parseEnv } from '../src/env';

function problemsOf(source: Record<string, string | undefined>): EnvError {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error;
    throw error;
  }

  throw new Error('parseEnv accepted an environment it should have refused');
}

const PRODUCTION_SECRET = 's'.repeat(32);

describe('parseEnv(source)', () => {
  it('fills in the documented defaults for an empty environment', () => {
    const config = parseEnv({});

    expect(config).toEqual({
      nodeEnv: 'development',
      host: '127.0.0.1',
      port: 3000,
      logLevel: 'info',
      maxBodyBytes: 1024 * 1024,
      trustProxyHops: 0,
      corsOrigins: [],
      auth: {
        jwtSecret: expect.any(String),
        jwtSecretGenerated: true,
        accessTokenTtlSeconds: 1800,
        refreshTokenTtlSeconds: 86_400,
        bcryptCost: 12,
        // libuv's 4 threads, one kept free, and no more hashes at once than cores.
        bcryptConcurrency: Math.min(availableParallelism(), 3),
        bcryptMaxWaitSeconds: 10,
        rotationGraceSeconds: 10,
        sessionLifetimeSeconds: 30 * 24 * 60 * 60,
        rateLimits: {
          failedLoginsPerUsername: { points: 10, durationSeconds: 900 },
          failedLoginsPerAddress: { points: 50, durationSeconds: 900 },
          registrationsPerAddress: { points: 30, durationSeconds: 3600 },
          refreshesPerAddress: { points: 120, durationSeconds: 60 },
        },
      },
      database: { uri: undefined, embedded: 'auto', mongodBinary: undefined, searchPath: '' },
      webDistDir: fileURLToPath(new URL('../../web/dist', import.meta.url)),
    });
  });

  it('reads every variable it knows', () => {
    const config = parseEnv({
      NODE_ENV: 'test',
      HOST: '0.0.0.0',
      PORT: '0',
      LOG_LEVEL: 'silent',
      MAX_BODY_BYTES: '2048',
      JWT_SECRET: 'given-secret',
      ACCESS_TOKEN_TTL: '60',
      REFRESH_TOKEN_TTL: '120',
      BCRYPT_COST: '4',
      BCRYPT_CONCURRENCY: '5',
      BCRYPT_MAX_WAIT_SECONDS: '30',
      UV_THREADPOOL_SIZE: '8',
      MONGODB_URI: 'mongodb://db.example:27017/notes',
      EMBEDDED_MONGO: 'jongodb',
      MONGOMS_SYSTEM_BINARY: '/opt/mongo/bin/mongod',
      PATH: '/usr/bin:/bin',
      WEB_DIST_DIR: '/srv/notes-web',
      REFRESH_GRACE_SECONDS: '0',
      SESSION_LIFETIME: '3600',
      RATE_LIMIT_LOGIN_PER_USERNAME: '3/60',
      RATE_LIMIT_LOGIN_PER_ADDRESS: '5/60',
      RATE_LIMIT_REGISTER_PER_ADDRESS: '7/120',
      RATE_LIMIT_REFRESH_PER_ADDRESS: '9/30',
      TRUST_PROXY: '1',
      CORS_ORIGINS: 'https://app.example.com, http://localhost:5173/',
    });

    expect(config).toEqual({
      nodeEnv: 'test',
      host: '0.0.0.0',
      port: 0,
      logLevel: 'silent',
      maxBodyBytes: 2048,
      trustProxyHops: 1,
      corsOrigins: ['https://app.example.com', 'http://localhost:5173'],
      auth: {
        jwtSecret: 'given-secret',
        jwtSecretGenerated: false,
        accessTokenTtlSeconds: 60,
        refreshTokenTtlSeconds: 120,
        bcryptCost: 4,
        bcryptConcurrency: 5,
        bcryptMaxWaitSeconds: 30,
        rotationGraceSeconds: 0,
        sessionLifetimeSeconds: 3600,
        rateLimits: {
          failedLoginsPerUsername: { points: 3, durationSeconds: 60 },
          failedLoginsPerAddress: { points: 5, durationSeconds: 60 },
          registrationsPerAddress: { points: 7, durationSeconds: 120 },
          refreshesPerAddress: { points: 9, durationSeconds: 30 },
        },
      },
      database: {
        uri: 'mongodb://db.example:27017/notes',
        embedded: 'jongodb',
        mongodBinary: '/opt/mongo/bin/mongod',
        searchPath: '/usr/bin:/bin',
      },
      webDistDir: '/srv/notes-web',
    });
  });

  it.each([
    ['RATE_LIMIT_LOGIN_PER_USERNAME', '10'],
    ['RATE_LIMIT_LOGIN_PER_ADDRESS', '0/900'],
    ['RATE_LIMIT_REFRESH_PER_ADDRESS', 'ten/60'],
    ['TRUST_PROXY', 'yes'],
    ['CORS_ORIGINS', 'not a url'],
    ['REFRESH_GRACE_SECONDS', '-1'],
    ['BCRYPT_CONCURRENCY', '0'],
    ['BCRYPT_CONCURRENCY', 'two'],
    ['BCRYPT_MAX_WAIT_SECONDS', '0'],
    ['UV_THREADPOOL_SIZE', '2000'],
  ])('names %s when its value %j is malformed', (variable, value) => {
    expect(() => parseEnv({ [variable]: value })).toThrow(variable);
  });

  it('sizes BCRYPT_CONCURRENCY from UV_THREADPOOL_SIZE when unset: one thread kept free, at most one hash per core', () => {
    const concurrencyWith = (threads: string) => parseEnv({ UV_THREADPOOL_SIZE: threads }).auth.bcryptConcurrency;

    expect(concurrencyWith('1')).toBe(1);
    expect(concurrencyWith('2')).toBe(1);
    expect(concurrencyWith('3')).toBe(Math.min(availableParallelism(), 2));
    expect(concurrencyWith('1024')).toBe(availableParallelism());
    expect(parseEnv({ UV_THREADPOOL_SIZE: '1', BCRYPT_CONCURRENCY: '4' }).auth.bcryptConcurrency).toBe(4);
  });

  it('treats a blank value as unset', () => {
    const config = parseEnv({ PORT: '', HOST: '', JWT_SECRET: '', NODE_ENV: '', MONGODB_URI: '' });

    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.nodeEnv).toBe('development');
    expect(config.database.uri).toBeUndefined();
    expect(config.auth.jwtSecretGenerated).toBe(true);
  });

  it('resolves a relative WEB_DIST_DIR against the working directory', () => {
    expect(parseEnv({ WEB_DIST_DIR: 'build/web' }).webDistDir).toBe(resolve('build/web'));
  });

  it('makes a fresh random 48-byte secret and flags it when JWT_SECRET is unset outside production', () => {
    const first = parseEnv({ NODE_ENV: 'development' });
    const second = parseEnv({ NODE_ENV: 'test' });

    expect(first.auth.jwtSecretGenerated).toBe(true);
    expect(Buffer.from(first.auth.jwtSecret, 'base64url')).toHaveLength(48);
    expect(second.auth.jwtSecret).not.toBe(first.auth.jwtSecret);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '65536'],
    ['PORT', '-1'],
    ['HOST', 'local host'],
    ['LOG_LEVEL', 'loud'],
    ['NODE_ENV', 'staging'],
    ['EMBEDDED_MONGO', 'docker'],
    ['MAX_BODY_BYTES', '1.5'],
    ['MAX_BODY_BYTES', '10'],
    ['ACCESS_TOKEN_TTL', '0'],
    ['REFRESH_TOKEN_TTL', '30m'],
    ['BCRYPT_COST', '3'],
    ['BCRYPT_COST', '16'],
    ['MONGODB_URI', 'postgres://db.example/notes'],
  ])('refuses %s=%s and names the variable', (variable, value) => {
    const error = problemsOf({ [variable]: value });

    expect(error.problems.map((each) => each.variable)).toEqual([variable]);
    expect(error.message).toContain(`${variable}: `);
  });

  it('accepts the edges of each range', () => {
    const config = parseEnv({ PORT: '65535', BCRYPT_COST: '15', MAX_BODY_BYTES: '1024' });

    expect([config.port, config.auth.bcryptCost, config.maxBodyBytes]).toEqual([65_535, 15, 1024]);
    expect(parseEnv({ BCRYPT_COST: '4' }).auth.bcryptCost).toBe(4);
  });

  it('lists every bad variable at once', () => {
    const error = problemsOf({ PORT: 'x', BCRYPT_COST: '99', LOG_LEVEL: 'chatty' });

    expect(error.problems.map((each) => each.variable).sort()).toEqual(['BCRYPT_COST', 'LOG_LEVEL', 'PORT']);
  });

  describe('CORS_ORIGINS', () => {
    it.each([
      'localhost:5173',
      'file:///x',
      'mailto:x',
      'null',
      'data:text/plain,x',
      'javascript:alert(1)',
      'ftp://files.example.com',
      'https://app.example.com/app',
      'https://app.example.com/?next=1',
      'https://app.example.com/#top',
      'https://someone:pw@app.example.com',
      'https://*.example.com',
      'https://app.example.com, file:///x',
      'https://app.example.com?',
      'https://app.example.com#',
      'https://app.example.com/?',
      'http:/app.example.com',
      'http:app.example.com',
    ])('refuses %s, naming CORS_ORIGINS and not the value', (value) => {
      const error = problemsOf({ CORS_ORIGINS: value });

      expect(error.problems.map((each) => each.variable)).toEqual(['CORS_ORIGINS']);
      expect(error.message).toContain('CORS_ORIGINS: ');
      expect(error.message).not.toContain(value);
    });

    it('takes http and https origins, with or without a port and one trailing slash, as browsers send them', () => {
      const config = parseEnv({ CORS_ORIGINS: 'https://App.Example.com:443/, http://localhost:5173, http://127.0.0.1:8080/, http://[::1]:3000' });

      expect(config.corsOrigins).toEqual(['https://app.example.com', 'http://localhost:5173', 'http://127.0.0.1:8080', 'http://[::1]:3000']);
    });
  });

  it('refuses a refresh token that does not outlive the access token', () => {
    const error = problemsOf({ ACCESS_TOKEN_TTL: '600', REFRESH_TOKEN_TTL: '600' });

    expect(error.problems).toEqual([{ variable: 'REFRESH_TOKEN_TTL', message: 'must be longer than ACCESS_TOKEN_TTL' }]);
  });

  it('never repeats a secret or a connection string in its message', () => {
    const error = problemsOf({
      NODE_ENV: 'production',
      JWT_SECRET: 'too-short-but-secret',
      MONGODB_URI: 'http://admin:hunter2@db.example/notes',
    });

    expect(error.problems.map((each) => each.variable).sort()).toEqual(['JWT_SECRET', 'MONGODB_URI']);
    expect(error.message).not.toContain('too-short-but-secret');
    expect(error.message).not.toContain('hunter2');
  });

  describe('in production', () => {
    it('refuses to start without JWT_SECRET', () => {
      const error = problemsOf({ NODE_ENV: 'production' });

      expect(error.problems).toEqual([{ variable: 'JWT_SECRET', message: expect.stringContaining('required') }]);
    });

    it('refuses a JWT_SECRET shorter than 32 bytes', () => {
      const error = problemsOf({ NODE_ENV: 'production', JWT_SECRET: 's'.repeat(31) });

      expect(error.problems).toEqual([{ variable: 'JWT_SECRET', message: expect.stringContaining('32 bytes') }]);
    });

    it('counts bytes, not characters', () => {
      const sixteenTwoByteCharacters = 'é'.repeat(16);

      expect(parseEnv({ NODE_ENV: 'production', JWT_SECRET: sixteenTwoByteCharacters }).auth.jwtSecret).toBe(
        sixteenTwoByteCharacters,
      );
    });

    it('uses a long enough JWT_SECRET as given', () => {
      const config = parseEnv({ NODE_ENV: 'production', JWT_SECRET: PRODUCTION_SECRET });

      expect(config.auth).toMatchObject({ jwtSecret: PRODUCTION_SECRET, jwtSecretGenerated: false });
    });
  });
});
