import { errorInfo } from '@scoped-notes/client';
import { afterAll, beforeAll, expect, test } from 'vitest';

import { restCaller, type RestCall } from './support/rest-calls';
import { startTestServer, type TestServer, type TestUser } from './support/test-server';

// Eight users at once, each with two lanes running side by side, one through the SDK
// and one through REST: 400 creates, updates, deletes, lists and gets in all. Each
// lane changes only the notes it created, so it knows what every one must hold.
// Afterwards the database must hold exactly what was acknowledged, and no answer
// may have been a 5xx.

const USERS = 8;
const OPERATIONS_PER_LANE = 25;
const PAGE_SIZE = 100;

type Operation = 'create' | 'update' | 'delete' | 'get' | 'list';
// Writes outnumber deletes, so every lane keeps notes to work on.
const CYCLE: Operation[] = ['create', 'create', 'update', 'get', 'list', 'create', 'delete', 'update', 'get', 'delete'];

type Content = { title: string; body: string };

/** What one lane was told happened: the notes it holds and the ones it deleted. */
type Lane = {
  name: string;
  live: Map<string, Content>;
  deleted: Set<string>;
  created: number;
  serverErrors: string[];
  run(operation: Operation, step: number): Promise<void>;
};

let server: TestServer;
let rest: RestCall;
let users: TestUser[];

beforeAll(async () => {
  server = await startTestServer();
  rest = restCaller(server.url);
  users = await Promise.all(Array.from({ length: USERS }, (_, n) => server.registerAndLogin(`load${n}`)));
});

afterAll(() => server?.close());

function newLane(name: string): Omit<Lane, 'run'> {
  return { name, live: new Map(), deleted: new Set(), created: 0, serverErrors: [] };
}

/** The note this step works on: one of the lane's own, chosen by the step number. */
function target(lane: Omit<Lane, 'run'>, step: number): string | undefined {
  const ids = [...lane.live.keys()];

  return ids[step % Math.max(ids.length, 1)];
}

function contentFor(lane: Omit<Lane, 'run'>, step: number, what: string): Content {
  return { title: `${lane.name} ${what} ${step}`, body: `body of ${lane.name} step ${step}` };
}

/** A lane that calls the SDK; an SDK error carrying a 5xx is recorded, any error fails the test. */
function sdkLane(user: TestUser): Lane {
  const lane = newLane(`sdk-${user.username}`);
  const notes = user.client.notes;

  const guard = async <T>(call: Promise<T>): Promise<T> => {
    try {
      return await call;
    } catch (error) {
      const status = errorInfo(error).httpStatus ?? 0;
      if (status >= 500) lane.serverErrors.push(`${lane.name}: ${status}`);
      throw error;
    }
  };

  const run = async (operation: Operation, step: number) => {
    const id = target(lane, step);

    if (operation === 'create' || id === undefined) {
      const content = contentFor(lane, step, 'created');
      const note = await guard(notes.create.mutate(content));
      lane.live.set(note.id, content);
      lane.created += 1;
    } else if (operation === 'update') {
      const content = contentFor(lane, step, 'updated');
      const note = await guard(notes.update.mutate({ id, ...content }));
      expect(note).toMatchObject(content);
      lane.live.set(id, content);
    } else if (operation === 'delete') {
      await guard(notes.delete.mutate({ id }));
      lane.live.delete(id);
      lane.deleted.add(id);
    } else if (operation === 'get') {
      expect(await guard(notes.get.query({ id }))).toMatchObject(lane.live.get(id) as Content);
    } else {
      const page = await guard(notes.list.query({ limit: 20 }));
      expect(page.items.every((note) => note.owner === user.username)).toBe(true);
    }
  };

  return Object.assign(lane, { run });
}

/** A lane that calls the REST mirror with plain fetch. */
function restLane(user: TestUser): Lane {
  const lane = newLane(`rest-${user.username}`);
  const token = () => user.tokens().access;

  const call = async (method: string, path: string, body: unknown, expected: number) => {
    const answer = await rest(method, path, { token: token(), body });
    if (answer.status >= 500) lane.serverErrors.push(`${lane.name}: ${method} ${path} ${answer.status}`);
    expect(answer.status, answer.text).toBe(expected);

    return answer.body;
  };

  const run = async (operation: Operation, step: number) => {
    const id = target(lane, step);

    if (operation === 'create' || id === undefined) {
      const content = contentFor(lane, step, 'created');
      const note = await call('POST', '/api/notes/', content, 201);
      lane.live.set(note.id, content);
      lane.created += 1;
    } else if (operation === 'update') {
      const content = contentFor(lane, step, 'updated');
      expect(await call('PATCH', `/api/notes/${id}/`, content, 200)).toMatchObject(content);
      lane.live.set(id, content);
    } else if (operation === 'delete') {
      await call('DELETE', `/api/notes/${id}/`, undefined, 204);
      lane.live.delete(id);
      lane.deleted.add(id);
    } else if (operation === 'get') {
      expect(await call('GET', `/api/notes/${id}/`, undefined, 200)).toMatchObject(lane.live.get(id) as Content);
    } else {
      await call('GET', '/api/notes/?limit=20', undefined, 200);
    }
  };

  return Object.assign(lane, { run });
}

async function runLane(lane: Lane): Promise<void> {
  for (let step = 0; step < OPERATIONS_PER_LANE; step += 1) {
    await lane.run(CYCLE[step % CYCLE.length] as Operation, step);
  }
}

/** Every note the user holds, page by page. */
async function allNotesOf(user: TestUser) {
  const notes = [];
  let cursor: string | null = null;
  do {
    const page = await user.client.notes.list.query({ limit: PAGE_SIZE, cursor });
    notes.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);

  return notes;
}

test('400 concurrent mixed operations by 8 users leave exactly what was acknowledged, with no 5xx', async () => {
  const lanes = users.map((user) => [sdkLane(user), restLane(user)] as const);

  await Promise.all(lanes.flat().map(runLane));

  const operations = lanes.flat().length * OPERATIONS_PER_LANE;
  expect(operations).toBe(400);
  expect(lanes.flat().flatMap((lane) => lane.serverErrors)).toEqual([]);

  for (const [index, user] of users.entries()) {
    const [sdk, viaRest] = lanes[index] as readonly [Lane, Lane];
    const expected = new Map([...sdk.live, ...viaRest.live]);
    const held = await allNotesOf(user);

    // Each acknowledged create exists once: no id twice, no title (unique per create) twice.
    expect(new Set(held.map((note) => note.id)).size).toBe(held.length);
    expect(new Set(held.map((note) => note.title)).size).toBe(held.length);
    expect(held.length).toBe(expected.size);
    expect(sdk.created + viaRest.created - sdk.deleted.size - viaRest.deleted.size).toBe(held.length);

    for (const note of held) expect({ title: note.title, body: note.body }).toEqual(expected.get(note.id));

    for (const id of [...sdk.deleted, ...viaRest.deleted]) {
      expect((await rest('GET', `/api/notes/${id}/`, { token: user.tokens().access })).status).toBe(404);
    }
  }
});
