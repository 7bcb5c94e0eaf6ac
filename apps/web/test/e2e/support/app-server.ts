import { parseEnv, startServer, type RunningServer } from '@scoped-notes/server';

/** Short enough that a test can wait one out; the SDK must refresh behind the user's back. */
export const ACCESS_TOKEN_TTL_SECONDS = 2;

/** The real server, with the embedded database, serving the built app at `/`. */
export function startAppServer(webDistDir: string): Promise<RunningServer> {
  const config = parseEnv({
    PORT: '0',
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    BCRYPT_COST: '4',
    EMBEDDED_MONGO: 'jongodb',
    ACCESS_TOKEN_TTL: String(ACCESS_TOKEN_TTL_SECONDS),
    JWT_SECRET: 'e2e-only-secret-that-is-long-enough-0123456789',
    WEB_DIST_DIR: webDistDir,
  });

  return startServer(config, { drainTimeoutMs: 1000 });
}

/** Sleeps past the access token's expiry (JWT times are whole seconds, hence the margin). */
export function outliveAccessToken(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ACCESS_TOKEN_TTL_SECONDS * 1000 + 1200));
}
