import { once } from 'node:events';
import { connect, createServer, type Server, type Socket } from 'node:net';

export type PausableTcpProxy = {
  /** `127.0.0.1:<port>`, the same for the proxy's whole life. */
  address: string;
  /** As a stopped database looks: every open connection cut, new ones refused. */
  cutOff(): Promise<void>;
  /** Lets connections through again, on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
};

/**
 * A TCP proxy on 127.0.0.1 in front of `target` (`host:port`), for tests that make a
 * database vanish and come back while the server and its data stay as they are.
 */
export async function startPausableTcpProxy(target: string): Promise<PausableTcpProxy> {
  const [targetHost, targetPort] = target.split(':');
  const sockets = new Set<Socket>();

  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };

  const forward = (client: Socket) => {
    const upstream = connect({ host: targetHost, port: Number(targetPort) });
    track(client);
    track(upstream);

    // Either side failing ends both, as a dropped connection would.
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  };

  const listen = async (port: number): Promise<Server> => {
    const server = createServer(forward).listen(port, '127.0.0.1');
    await once(server, 'listening');

    return server;
  };

  let server: Server | null = await listen(0);
  const { port } = server.address() as { port: number };

  const cutOff = async () => {
    const closing = server;
    server = null;
    if (!closing) return;

    const closed = once(closing, 'close');
    closing.close();
    for (const socket of sockets) socket.destroy();
    await closed;
  };

  const restore = async () => {
    server ??= await listen(port);
  };

  return { address: `127.0.0.1:${port}`, cutOff, restore, close: cutOff };
}
