import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { afterAll, beforeAll, expect, test } from 'vitest';

import { capturedLogger, type LogLine } from './support/log-lines';
import { startTestServer, type TestServer } from './support/test-server';

// A client that hangs up halfway through its body is not a server fault: the request
// is logged once, at info, as aborted, with no status since none was sent; nothing
// about it is logged at warn or error. A real fault still is an error.

const INFO = 30;
const ERROR = 50;
const WAIT_FOR_LOG_MS = 5_000;

type Hangup = 'end' | 'destroy' | 'reset';

const captured = capturedLogger();
let server: TestServer;
let webDistDir: string;
let requestsSent = 0;

beforeAll(async () => {
  // A built web app with one file that cannot be read: a symbolic link to itself.
  webDistDir = await mkdtemp(join(tmpdir(), 'client-abort-web-'));
  await writeFile(join(webDistDir, 'index.html'), '<!doctype html><title>app</title>');
  await symlink('loop.txt', join(webDistDir, 'loop.txt'));

  server = await startTestServer({ WEB_DIST_DIR: webDistDir }, { log: captured.log });
});

afterAll(async () => {
  await server.close();
  await rm(webDistDir, { recursive: true, force: true });
});

/** Sends the headers and half of a JSON body announced as 100 bytes, then hangs up as `hangup` says. */
async function sendHalfABody(path: string, hangup: Hangup, requestId: string): Promise<void> {
  const { hostname, port } = new URL(server.url);
  const head = [`POST ${path} HTTP/1.1`, `Host: ${hostname}`, 'Content-Type: application/json', 'Content-Length: 100', `X-Request-Id: ${requestId}`];
  const socket = connect({ host: hostname, port: Number(port) });
  const closed = new Promise((resolve) => socket.once('close', resolve));
  // Whatever the server answers is read and dropped, so the socket can reach its end.
  socket.resume();
  socket.on('error', () => {});

  socket.write(`${head.join('\r\n')}\r\n\r\n{"username":"half`);
  // Long enough for the server to be reading the body when the client goes.
  await sleep(100);
  if (hangup === 'end') socket.end();
  else if (hangup === 'destroy') socket.destroy();
  else socket.resetAndDestroy();

  await closed;
}

async function linesOf(requestId: string): Promise<LogLine[]> {
  const deadline = Date.now() + WAIT_FOR_LOG_MS;
  const requestLine = () => captured.lines.find((line) => line.requestId === requestId && line.msg === 'request');

  while (!requestLine() && Date.now() < deadline) await sleep(20);
  // Anything logged a moment after the request line is part of the same request.
  await sleep(100);

  return captured.lines.filter((line) => line.requestId === requestId);
}

test.each([
  ['/api/token/', 'end'],
  ['/api/token/', 'destroy'],
  ['/api/token/', 'reset'],
  ['/trpc/auth.login', 'end'],
  ['/trpc/auth.login', 'destroy'],
  ['/trpc/auth.login', 'reset'],
] as const)('POST %s, half a body, then the client hangs up (%s): one info line, aborted, no status', async (path, hangup) => {
  requestsSent += 1;
  const requestId = `half-body-${requestsSent}`;

  await sendHalfABody(path, hangup, requestId);
  const lines = await linesOf(requestId);

  expect(lines.filter((line) => line.level > INFO), JSON.stringify(lines)).toEqual([]);
  expect(lines.filter((line) => line.msg === 'request')).toEqual([
    expect.objectContaining({ level: INFO, method: 'POST', path, aborted: true }),
  ]);
  expect(lines.find((line) => line.msg === 'request')).not.toHaveProperty('status');
});

test('a request answered in full is still logged with its status and no aborted flag', async () => {
  const response = await fetch(`${server.url}/api/notes/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': 'answered-in-full' },
    body: '{"title":"no token"}',
  });
  await response.text();

  const [line] = (await linesOf('answered-in-full')).filter((each) => each.msg === 'request');
  expect(line).toMatchObject({ level: INFO, status: 401 });
  expect(line).not.toHaveProperty('aborted');
});

test('a real server fault is still logged at error level', async () => {
  const response = await fetch(`${server.url}/loop.txt`, { headers: { 'x-request-id': 'unreadable-file' } });
  await response.text();

  const lines = await linesOf('unreadable-file');
  expect(response.status).toBe(500);
  expect(lines.filter((line) => line.level === ERROR)).toEqual([expect.objectContaining({ msg: 'request failed' })]);
});
