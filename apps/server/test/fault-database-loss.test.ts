import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

import { startDatabase, type RunningDatabase } from '@scoped-notes/embedded-mongo';
import { errorInfo } from '@scoped-notes/client';
import { afterAll, beforeAll, expect, test } from 'vitest';

import { startPausableTcpProxy, type PausableTcpProxy } from './support/pausable-tcp-proxy';
import { restCaller, type RestCall } from './support/rest-calls';
import { startTestServer, type TestServer, type TestUser } from './support/test-server';

// The database vanishes in the middle of load (a TCP proxy between the server and
// the embedded database cuts every connection and refuses new ones), then comes
// back. Meanwhile the server must stay up and answer SERVICE_UNAVAILABLE (503)
// quickly, never a 500; afterwards it must serve again without a restart, with
// every note it acknowledged still there.

const WORKERS = 6;
const MAX_OPERATIONS = 3_000;
// The driver gives up choosing a server after 3 s (db/connection.ts); a little slack on top.
const FAIL_FAST_MS = 5_000;
const PHASE_TIMEOUT_MS = 20_000;

type Outcome = {
  worker: number;
  via: 'sdk' | 'rest';
  title: string;
  startedAt: number;
  finishedAt: number;
  /** The created note's id when the server acknowledged it. */
  id?: string;
  /** HTTP status of a refusal, or 0 when no HTTP answer came at all. */
  status?: number;
  code?: string | null;
};

let database: RunningDatabase;
let proxy: PausableTcpProxy;
let server: TestServer;
let rest: RestCall;
let user: TestUser;

beforeAll(async () => {
  database = await startDatabase({ embedded: 'jongodb' });
  proxy = await startPausableTcpProxy(new URL(database.uri).host);
  server = await startTestServer({ MONGODB_URI: `mongodb://${proxy.address}/fault-database-loss?directConnection=true` });
  rest = restCaller(server.url);
  user = await server.registerAndLogin('fault');
});

afterAll(async () => {
  await server?.close();
  await proxy?.close();
  await database?.stop();
});

/** Creates notes from `WORKERS` workers, half through the SDK and half through REST, until stopped. */
function startLoad() {
  const outcomes: Outcome[] = [];
  let stopped = false;
  let sent = 0;

  const createOnce = async (worker: number): Promise<void> => {
    const via = worker % 2 === 0 ? 'sdk' : 'rest';
    const title = `worker ${worker} note ${sent}`;
    sent += 1;
    const startedAt = performance.now();
    const finish = (result: Partial<Outcome>) =>
      outcomes.push({ worker, via, title, startedAt, finishedAt: performance.now(), ...result });

    if (via === 'sdk') {
      try {
        finish({ id: (await user.client.notes.create.mutate({ title, body: title })).id });
      } catch (error) {
        finish({ status: errorInfo(error).httpStatus ?? 0, code: errorInfo(error).code });
      }
      return;
    }

    try {
      const answer = await rest('POST', '/api/notes/', { token: user.tokens().access, body: { title, body: title } });
      finish(answer.status === 201 ? { id: answer.body.id } : { status: answer.status, code: answer.body?.error?.code });
    } catch {
      finish({ status: 0, code: null });
    }
  };

  const worker = async (index: number) => {
    while (!stopped && sent < MAX_OPERATIONS) await createOnce(index);
  };
  const running = Promise.all(Array.from({ length: WORKERS }, (_, index) => worker(index)));

  return {
    outcomes,
    stop: async () => {
      stopped = true;
      await running;
    },
  };
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = performance.now() + PHASE_TIMEOUT_MS;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

async function allNotes() {
  const notes = [];
  let cursor: string | null = null;
  do {
    const page = await user.client.notes.list.query({ limit: 100, cursor });
    notes.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);

  return notes;
}

test('losing the database under load answers 503 fast, keeps the server up, and loses nothing acknowledged', async () => {
  const load = startLoad();
  const acknowledged = () => load.outcomes.filter((outcome) => outcome.id !== undefined);

  await waitFor(() => acknowledged().length >= 30, 'creates before the outage');

  const cutAt = performance.now();
  await proxy.cutOff();
  const failedAfterCut = () => load.outcomes.filter((outcome) => outcome.startedAt > cutAt && outcome.id === undefined);
  await waitFor(() => failedAfterCut().length >= 2 * WORKERS, 'refusals during the outage');

  const health = await rest('GET', '/health');
  expect(health.status).toBe(503);
  expect(health.body).toMatchObject({ status: 'degraded' });
  expect(health.body.database).not.toBe('connected');

  const restoredAt = performance.now();
  await proxy.restore();
  await waitFor(() => load.outcomes.some((outcome) => outcome.startedAt > restoredAt && outcome.id), 'a create after the outage');
  const recoveredAt = performance.now();
  await load.stop();

  // Every refusal, during the outage or as it began, was SERVICE_UNAVAILABLE: no 500, no dropped connection.
  const refusals = load.outcomes.filter((outcome) => outcome.id === undefined);
  expect(refusals.length).toBeGreaterThanOrEqual(2 * WORKERS);
  for (const refusal of refusals) {
    expect({ status: refusal.status, code: refusal.code }).toEqual({ status: 503, code: 'SERVICE_UNAVAILABLE' });
  }
  const slowest = Math.max(...refusals.map((refusal) => refusal.finishedAt - refusal.startedAt));
  expect(slowest).toBeLessThan(FAIL_FAST_MS);
  expect(recoveredAt - restoredAt).toBeLessThan(PHASE_TIMEOUT_MS);

  expect((await rest('GET', '/health')).status).toBe(200);

  // Nothing acknowledged is lost, and nothing appears that was never attempted.
  const held = await allNotes();
  const heldById = new Map(held.map((note) => [note.id, note]));
  for (const outcome of acknowledged()) expect(heldById.get(outcome.id as string)?.title).toBe(outcome.title);
  const attempted = new Set(load.outcomes.map((outcome) => outcome.title));
  for (const note of held) expect(attempted.has(note.title)).toBe(true);
  expect(new Set(held.map((note) => note.title)).size).toBe(held.length);
});
