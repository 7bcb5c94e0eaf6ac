import { once } from 'node:events';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Serves `handler` on a free port of 127.0.0.1. */
export async function listen(handler: RequestListener): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  const server = createServer(handler).listen(0, '127.0.0.1');
  await once(server, 'listening');

  const close = async () => {
    server.close();
    server.closeAllConnections();
    await once(server, 'close');
  };

  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close };
}
