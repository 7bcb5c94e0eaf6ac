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
      auth: {
        jwtSecret: expect.any(String),
        jwtSecretGenerated: true,
        accessTokenTtlSeconds: 1800,
        refreshTokenTtlSeconds: 86_400,
        bcryptCost: 12,
      },
      database: { uri: undefined, embedded: 'auto', mongodBinary: undefined, searchPath: '' },
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
      MONGODB_URI: 'mongodb://db.example:27017/notes',
      EMBEDDED_MONGO: 'jongodb',
      MONGOMS_SYSTEM_BINARY: '/opt/mongo/bin/mongod',
      PATH: '/usr/bin:/bin',
    });

    expect(config).toEqual({
      nodeEnv: 'test',
      host: '0.0.0.0',
      port: 0,
      logLevel: 'silent',
      maxBodyBytes: 2048,
      auth: {
        jwtSecret: 'given-secret',
        jwtSecretGenerated: false,
        accessTokenTtlSeconds: 60,
        refreshTokenTtlSeconds: 120,
        bcryptCost: 4,
      },
      database: {
        uri: 'mongodb://db.example:27017/notes',
        embedded: 'jongodb',
        mongodBinary: '/opt/mongo/bin/mongod',
        searchPath: '/usr/bin:/bin',
      },
    });
  });

  it('treats a blank value as unset', () => {
    const config = parseEnv({ PORT: '', HOST: '', JWT_SECRET: '', NODE_ENV: '', MONGODB_URI: '' });

    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.nodeEnv).toBe('development');
    expect(config.database.uri).toBeUndefined();
    expect(config.auth.jwtSecretGenerated).toBe(true);
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
