import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';

import { freePort } from './free-port';
import { BARE_HTTP_SERVER } from './paths';

const READY_TIMEOUT_MS = 20_000;

export type BareHttpProcess = { url: string; pid: number; stop(): Promise<void> };

/** Runs bare-http-server.ts as a process of its own, as the API server runs. */
export async function startBareHttpProcess(): Promise<BareHttpProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), BARE_HTTP_SERVER, String(port)], {
    stdio: 'inherit',
  });

  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await fetch(url).then(() => true, () => false))) {
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error('the bare node:http server did not start');
    }
    await sleep(100);
  }

  const stop = async () => {
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  };

  return { url, pid: child.pid as number, stop };
}
