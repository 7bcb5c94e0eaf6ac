/** Port probes for tests and tools that wait on a database or server process. */
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** Whether something accepts TCP connections at `host:port` right now. */
export function acceptsConnections(hostAndPort: string): Promise<boolean> {
  const [host, port] = hostAndPort.split(':');

  return new Promise((resolve) => {
    const socket = connect({ host, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Polls until nothing listens at `host:port`; false if something still does after `timeoutMs`. */
export async function waitUntilClosed(hostAndPort: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;

  while (Date.now() < deadline) {
    if (!(await acceptsConnections(hostAndPort))) return true;
    await sleep(100);
  }

  return false;
}
