import { connect } from 'node:net';

/** What came back over the socket: the status, the headers (lower-cased names) and every byte after them. */
export type RawAnswer = {
  status: number;
  headers: Map<string, string>;
  bytesAfterHeaders: number;
};

const HEADER_END = '\r\n\r\n';

function parseAnswer(received: Buffer): RawAnswer {
  const end = received.indexOf(HEADER_END);
  if (end < 0) throw new Error(`no complete header block in ${JSON.stringify(received.toString('latin1'))}`);

  const [statusLine = '', ...lines] = received.subarray(0, end).toString('latin1').split('\r\n');
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }

  return {
    status: Number(statusLine.split(' ')[1]),
    headers,
    bytesAfterHeaders: received.length - end - HEADER_END.length,
  };
}

/**
 * One HTTP/1.1 request written by hand on a new connection, read until the server
 * closes it (`Connection: close`): unlike fetch, which drops whatever follows the
 * headers of a HEAD answer, this shows every byte the server sent.
 */
export async function rawRequest(baseUrl: string, method: string, path: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const { hostname, port, host } = new URL(baseUrl);
  const lines = [`${method} ${path} HTTP/1.1`, `Host: ${host}`, 'Connection: close', ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];

  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: hostname, port: Number(port) }, () => socket.write(`${lines.join('\r\n')}${HEADER_END}`));

    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      try {
        resolve(parseAnswer(Buffer.concat(chunks)));
      } catch (error) {
        reject(error);
      }
    });
  });
}
