import { randomBytes } from 'node:crypto';

import type { PublicUser } from '@scoped-notes/api';
import { createNotesClient, type NotesClient, type NotesClientOptions, type Tokens } from '@scoped-notes/client';

import { parseEnv, startServer, type StartServerOptions } from '../../src/index';

/** The JWT secret every test server signs with, so tests can forge tokens with it. */
export const TEST_JWT_SECRET = 'integration-test-secret-0123456789-abcdefghij';

export const TEST_PASSWORD = 'correct horse battery staple';

export type TestUser = {
  client: NotesClient;
  user: PublicUser;
  username: string;
  password: string;
  /** The tokens the client holds right now. */
  tokens(): Tokens;
};

export type TestServer = {
  /** The server's base URL, such as `http://127.0.0.1:40123`. */
  url: string;
  secret: string;
  close(): Promise<void>;
  /** A new SDK client for this server with a store of its own unless one is given. */
  client(options?: Omit<NotesClientOptions, 'url'>): NotesClient;
  /** Registers a user under a unique name starting with `name` and logs a new client in. */
  registerAndLogin(name?: string): Promise<TestUser>;
};

const runId = randomBytes(3).toString('hex');
let usernamesMade = 0;

/** A username no other test (in any file, on a shared database) uses: `<prefix>-<run><n>`. */
export function uniqueUsername(prefix = 'user'): string {
  usernamesMade += 1;

  return `${prefix.slice(0, 20)}-${runId}${usernamesMade}`;
}

// A given URI without a database name gets a fresh one, so files sharing a server do not meet.
function withDatabaseName(uri: string, name: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]+)\/?(\?.*)?$/.exec(uri);

  return match ? `${match[1]}/${name}${match[2] ?? ''}` : uri;
}

/**
 * Tests use the embedded jongodb, whatever MONGODB_URI the shell has, unless
 * TEST_MONGODB_URI names a MongoDB to test against instead.
 */
function databaseEnv(): Record<string, string> {
  const external = process.env.TEST_MONGODB_URI;
  if (!external) return { EMBEDDED_MONGO: 'jongodb' };

  return { MONGODB_URI: withDatabaseName(external, `scoped-notes-test-${randomBytes(4).toString('hex')}`) };
}

// Contract tests register and fail logins by the dozen from 127.0.0.1; the rate
// limits would refuse them. Tests of the limits themselves pass their own values.
const GENEROUS_RATE_LIMITS = {
  RATE_LIMIT_LOGIN_PER_USERNAME: '100000/60',
  RATE_LIMIT_LOGIN_PER_ADDRESS: '100000/60',
  RATE_LIMIT_REGISTER_PER_ADDRESS: '100000/60',
  RATE_LIMIT_REFRESH_PER_ADDRESS: '100000/60',
};

/**
 * Starts the real server on a free port of 127.0.0.1 with test settings (bcrypt
 * cost 4, silent logs, a known secret, generous rate limits); `overrides` are
 * environment variables that replace them, and `options.log` a logger to read. One per test file: mongoose holds one
 * connection per process.
 */
export async function startTestServer(
  overrides: Record<string, string> = {},
  options: Pick<StartServerOptions, 'log'> = {},
): Promise<TestServer> {
  const config = parseEnv({
    PORT: '0',
    BCRYPT_COST: '4',
    LOG_LEVEL: 'silent',
    JWT_SECRET: TEST_JWT_SECRET,
    ...GENEROUS_RATE_LIMITS,
    ...databaseEnv(),
    ...overrides,
  });
  const server = await startServer(config, options);

  const client = (options: Omit<NotesClientOptions, 'url'> = {}) => createNotesClient({ ...options, url: server.url });

  async function registerAndLogin(name = 'user'): Promise<TestUser> {
    const username = uniqueUsername(name);
    const password = `${TEST_PASSWORD} ${randomBytes(4).toString('hex')}`;
    const loggedIn = client();

    await loggedIn.register({ username, password });
    const user = await loggedIn.login({ username, password });

    const tokens = () => {
      const current = loggedIn.store.get();
      if (!current) throw new Error(`${username} holds no tokens`);

      return current;
    };

    return { client: loggedIn, user, username, password, tokens };
  }

  return { url: server.url, secret: config.auth.jwtSecret, close: server.close, client, registerAndLogin };
}
