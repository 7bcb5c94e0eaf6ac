import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseEnv, startServer, type RunningServer } from '../src/index';
import { createLogger } from '../src/logger';

const run = promisify(execFile);
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
const serverRoot = fileURLToPath(new URL('..', import.meta.url));

describe('pnpm demo', () => {
  let server: RunningServer;

  beforeAll(async () => {
    const config = parseEnv({ PORT: '0', BCRYPT_COST: '4', EMBEDDED_MONGO: 'jongodb', JWT_SECRET: 'demo-test-secret-0123456789abcdef-0123' });
    server = await startServer(config, { log: createLogger('silent') });
  });

  afterAll(() => server.close());

  it('walks the reference flow against a running server and prints every step', async () => {
    const { stdout } = await run(process.execPath, [tsxCli, 'src/demo.ts', server.url], { cwd: serverRoot });

    expect(stdout).toContain('bob lists his notes: [] (empty)');
    for (const verb of ['gets', 'updates', 'deletes']) {
      expect(stdout).toContain(`bob ${verb} alice's note: NOT_FOUND`);
    }
    expect(stdout).toContain('refreshed the access token');
    expect(stdout).toContain('Walkthrough passed.');
  });

  it('fails loudly when no server answers', async () => {
    const failure = await run(process.execPath, [tsxCli, 'src/demo.ts', 'http://127.0.0.1:9'], { cwd: serverRoot }).then(
      () => null,
      (error: { code?: number; stderr?: string }) => error,
    );

    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('✗');
  });
});
