/**
 * The floor the API is compared with: `node:http` answering every request with one
 * note-shaped JSON body, serialized per request, with no framework, router,
 * validation, authentication or database. Run as its own process:
 * `node --import tsx bare-http-server.ts <port>`.
 */
import { createServer } from 'node:http';

const port = Number(process.argv[2]);
const host = '127.0.0.1';

const note = {
  id: '665f1c2ab4d3e8a9c0f12345',
  owner: 'bench-user',
  title: 'A note of about the size the benchmark seeds',
  body: 'x'.repeat(200),
  tags: [],
  version: 1,
  createdAt: '2026-01-05T09:30:00.000Z',
  updatedAt: '2026-01-05T09:30:00.000Z',
};

const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    const body = JSON.stringify({ result: { data: note } });
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    response.end(body);
  });
});

server.listen(port, host);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
