import { startDatabase, type RunningDatabase } from '@scoped-notes/embedded-mongo';
import { paginateNotes, type Note } from '@scoped-notes/client';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { expectEachSeenOnce, walkWhileChanging, type Sort } from './support/note-walks';
import { startTestServer, type TestServer, type TestUser } from './support/test-server';

// F-14 with exact ties: 250 notes written straight into the server's database with
// the driver, in groups that share one createdAt and one updatedAt to the
// millisecond (the first 25 with createdAt = updatedAt, as in the report). Walks by
// both sorts, limits 1, 7, 10 and 100, with notes deleted and created between pages,
// see each note that existed throughout exactly once.

const DATABASE_NAME = 'notes-equal-times';
const NOTES = 250;
const GROUP = 25;
const BASE_TIME = Date.UTC(2026, 0, 5, 9, 30);

let database: RunningDatabase;
let driver: InstanceType<typeof mongoose.mongo.MongoClient>;
let server: TestServer;
let owner: TestUser;
const alive = new Map<string, Note>();

/** Notes in groups of 25 sharing a creation time, and in groups of 50 sharing an update time. */
function fixtureNotes(ownerId: string) {
  return Array.from({ length: NOTES }, (_, index) => {
    const createdAt = new Date(BASE_TIME + Math.floor(index / GROUP) * 1000);
    const updatedAt = index < GROUP ? createdAt : new Date(BASE_TIME + 3_600_000 + Math.floor(index / 50) * 1000);

    return {
      _id: new mongoose.Types.ObjectId(),
      owner: new mongoose.Types.ObjectId(ownerId),
      title: `fixture ${index}`,
      body: '',
      tags: [],
      version: 1,
      createdAt,
      updatedAt,
    };
  });
}

beforeAll(async () => {
  database = await startDatabase({ embedded: 'jongodb' });
  const uri = database.uri.replace(/\/[^/?]*(\?|$)/, `/${DATABASE_NAME}$1`);
  expect(uri).toContain(`/${DATABASE_NAME}`);

  server = await startTestServer({ MONGODB_URI: uri });
  owner = await server.registerAndLogin('ties');

  driver = new mongoose.mongo.MongoClient(uri);
  await driver.connect();
  await driver.db(DATABASE_NAME).collection('notes').insertMany(fixtureNotes(owner.user.id));

  for await (const note of paginateNotes(owner.client, { limit: 100 })) alive.set(note.id, note);
}, 60_000);

afterAll(async () => {
  await driver?.close();
  await server?.close();
  await database?.stop();
});

test('the fixture is what the server reads: 250 notes, ten creation times, six update times', () => {
  const notes = [...alive.values()];

  expect(notes).toHaveLength(NOTES);
  expect(new Set(notes.map((each) => each.createdAt)).size).toBe(NOTES / GROUP);
  expect(new Set(notes.map((each) => each.updatedAt)).size).toBe(6);
  expect(notes.filter((each) => each.createdAt === each.updatedAt)).toHaveLength(GROUP);
});

describe.each<Sort>(['created', 'updated'])('walking by %s', (sort) => {
  test.each([1, 7, 10, 100])('limit %i: each note that existed throughout seen exactly once', async (limit) => {
    expectEachSeenOnce(await walkWhileChanging(owner, sort, limit, alive), sort);
  });
});
