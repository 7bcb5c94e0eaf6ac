import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runMain, type MainProcess } from './support/main-process';

const run = promisify(execFile);
const serverRoot = fileURLToPath(new URL('..', import.meta.url));
const tsupCli = createRequire(import.meta.url).resolve('tsup/dist/cli-default.js');

describe('the production build (pnpm build, then NODE_ENV=production node dist/main.js)', () => {
  let main: MainProcess;
  let url: string;

  beforeAll(async () => {
    await run(process.execPath, [tsupCli], { cwd: serverRoot });

    main = runMain(
      { NODE_ENV: 'production', PORT: '0', EMBEDDED_MONGO: 'jongodb', BCRYPT_COST: '4', JWT_SECRET: 'a-production-secret-of-at-least-32-bytes!' },
      ['dist/main.js'],
    );
    // Generous: the bundle, jongodb and the index builds all start from cold here.
    url = (await main.waitForLine((line) => typeof line.url === 'string', 60_000)).url as string;
  }, 120_000);

  afterAll(() => {
    main?.child.kill('SIGKILL');
  });

  it('serves the API from plain JavaScript and passes the demo walkthrough', async () => {
    expect((await fetch(`${url}/health`)).status).toBe(200);

    const { stdout } = await run(process.execPath, ['dist/demo.js', url], { cwd: serverRoot });

    expect(stdout).toContain('Walkthrough passed.');
  });

  it('serves the REST mirror and its docs page', async () => {
    expect((await fetch(`${url}/api/openapi.json`)).status).toBe(200);
    expect((await fetch(`${url}/api/docs`)).status).toBe(200);
  });

  it('exits 0 on SIGTERM', async () => {
    main.child.kill('SIGTERM');

    expect(await main.exited).toBe(0);
  });
});
