import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startProcedureProxy, type ProcedureMeddling } from './support/procedure-proxy';
import { startTestServer, type TestServer } from './support/test-server';

const run = promisify(execFile);
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
const serverRoot = fileURLToPath(new URL('..', import.meta.url));

type DemoRun = { code: number; stdout: string; stderr: string };

async function runDemo(url: string): Promise<DemoRun> {
  return run(process.execPath, [tsxCli, 'src/demo.ts', url], { cwd: serverRoot }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({
      code: error.code ?? -1,
      stdout: error.stdout ?? '',
      stderr: error.stderr ?? '',
    }),
  );
}

/** The demo run against the test server through a proxy that meddles with these procedures. */
async function runDemoThrough(server: TestServer, meddling: Record<string, ProcedureMeddling>): Promise<DemoRun> {
  const proxy = await startProcedureProxy(server.url, meddling);
  try {
    return await runDemo(proxy.baseUrl);
  } finally {
    await proxy.close();
  }
}

describe('pnpm demo', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(() => server.close());

  it('walks the reference flow against a running server and prints every step', async () => {
    const demo = await runDemo(server.url);

    expect(demo).toMatchObject({ code: 0, stderr: '' });
    expect(demo.stdout).toContain('bob lists his notes: [] (empty)');
    for (const verb of ['gets', 'updates', 'deletes']) {
      expect(demo.stdout).toContain(`bob ${verb} alice's note: NOT_FOUND`);
    }
    expect(demo.stdout).toContain('refreshed the access token');
    expect(demo.stdout).toContain('Walkthrough passed.');
  });

  // bob's get answered last: the update and delete refusals come back while the demo
  // still waits for it, and must not count as unhandled rejections.
  it('passes whatever order the answers to bob come back in', async () => {
    const demo = await runDemoThrough(server, { 'notes.get': { delayMs: 300 } });

    expect(demo).toMatchObject({ code: 0, stderr: '' });
    expect(demo.stdout).toMatch(/bob gets .*\n.*bob updates .*\n.*bob deletes alice's note: NOT_FOUND/);
    expect(demo.stdout).toContain('Walkthrough passed.');
  });

  it('stops with exit code 1 and one sentence at the first step that misbehaves', async () => {
    const takenOver = { result: { data: { id: 'x', title: 'taken over' } } };
    const demo = await runDemoThrough(server, { 'notes.update': { answer: { status: 200, body: takenOver } } });

    expect(demo.code).toBe(1);
    expect(demo.stdout).toContain("bob gets alice's note: NOT_FOUND");
    expect(demo.stdout).not.toContain('bob updates');
    expect(demo.stdout).not.toContain('bob deletes');
    expect(demo.stdout).not.toContain('Walkthrough passed');
    expect(demo.stderr.trim()).toBe("✗ bob's update of alice's note should answer NOT_FOUND, but it succeeded");
  });

  it('fails loudly when no server answers', async () => {
    const demo = await runDemo('http://127.0.0.1:9');

    expect(demo.code).toBe(1);
    expect(demo.stdout).not.toContain('Walkthrough passed');
    expect(demo.stderr).toMatch(/^✗ .*http:\/\/127\.0\.0\.1:9/);
    expect(demo.stderr.trim().split('\n')).toHaveLength(1);
  });
});
