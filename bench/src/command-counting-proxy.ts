import { once } from 'node:events';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

import { createWireCommandReader, type WireCommand } from './wire-commands';

export type CommandCountingProxy = {
  /** `host:port` to connect to instead of the database. */
  address: string;
  /** Every command sent through the proxy so far, in order. */
  commands: WireCommand[];
  close(): Promise<void>;
};

/**
 * A TCP proxy on 127.0.0.1 in front of the database at `target` (`host:port`) that
 * records each command a client sends through it. Put between the server and the
 * database, it counts the server's database round trips from outside the server.
 */
export async function startCommandCountingProxy(target: string): Promise<CommandCountingProxy> {
  const [host, port] = target.split(':');
  const commands: WireCommand[] = [];
  const sockets = new Set<Socket>();

  const server = createServer((client) => {
    const upstream = connect({ host, port: Number(port) });
    const read = createWireCommandReader((command) => commands.push(command));

    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }

    client.on('data', read);
    client.pipe(upstream);
    upstream.pipe(client);
  });

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');

  const close = async () => {
    for (const socket of sockets) socket.destroy();
    server.close();
    await once(server, 'close');
  };

  return { address: `127.0.0.1:${(server.address() as AddressInfo).port}`, commands, close };
}
