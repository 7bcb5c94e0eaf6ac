import { startDatabase, type RunningDatabase } from '@scoped-notes/embedded-mongo';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, expect, test } from 'vitest';

import { startCommandCountingProxy, type CommandCountingProxy } from '../src/command-counting-proxy';

// The benchmark's claim "one database round trip per note request" rests on this
// proxy reading commands off the wire correctly; here it reads a real driver's.

let database: RunningDatabase;
let proxy: CommandCountingProxy;
let client: MongoClient;

beforeAll(async () => {
  database = await startDatabase({ embedded: 'jongodb' });
  proxy = await startCommandCountingProxy(new URL(database.uri).host);
  client = new MongoClient(`mongodb://${proxy.address}/wire-count?directConnection=true`);
  await client.connect();
});

afterAll(async () => {
  await client?.close();
  await proxy?.close();
  await database?.stop();
});

test('each driver call through the proxy is read as one command with its name and collection', async () => {
  const notes = client.db().collection('notes');
  const first = proxy.commands.length;

  await notes.insertOne({ title: 'a note' });
  await notes.findOne({ title: 'a note' });
  await notes.find({}).limit(5).toArray();
  await notes.deleteMany({});

  const sent = proxy.commands.slice(first).filter((command) => !['hello', 'ismaster', 'isMaster'].includes(command.name));
  expect(sent).toEqual([
    { name: 'insert', collection: 'notes' },
    { name: 'find', collection: 'notes' },
    { name: 'find', collection: 'notes' },
    { name: 'delete', collection: 'notes' },
  ]);
});
