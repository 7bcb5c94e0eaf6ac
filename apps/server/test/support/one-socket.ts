import { Agent, request } from 'node:http';

export type SocketAnswer = { status: number; headers: Record<string, string | string[] | undefined>; text: string; body: any };

export type OneSocketClient = {
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<SocketAnswer>;
  /** The local ports the answers came over: one, if every request shared the socket. */
  localPorts: Set<number>;
  close(): void;
};

/**
 * JSON POSTs over a single keep-alive connection, as one attacker's client would
 * send them: whatever the headers claim, the server sees one socket.
 */
export function oneSocketClient(baseUrl: string): OneSocketClient {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const localPorts = new Set<number>();

  function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<SocketAnswer> {
    const payload = JSON.stringify(body);

    return new Promise((resolve, reject) => {
      const outgoing = request(`${baseUrl}${path}`, {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers },
      });

      outgoing.on('response', (response) => {
        const chunks: Buffer[] = [];
        if (response.socket.localPort) localPorts.add(response.socket.localPort);
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text, body: text ? JSON.parse(text) : undefined });
        });
      });
      outgoing.on('error', reject);
      outgoing.end(payload);
    });
  }

  return { post, localPorts, close: () => agent.destroy() };
}
