import { paginateNotes } from '@scoped-notes/client';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { expectRejection } from './support/sdk-errors';
import { startTestServer, type TestServer, type TestUser } from './support/test-server';

// Every query the note procedures send to the notes collection, captured with
// mongoose's debug hook while each procedure runs through the SDK with every filter
// and sort, must be served by an index declared on the Note schema whose first key
// is the owner: its equality fields first (any order), then the sort, with any
// range on the first sort key. A lookup by `_id` is served by MongoDB's own unique
// `_id` index (one document at most), as packages/api/src/db/note-model.ts explains.

type Direction = 1 | -1;
type IndexKeys = Record<string, Direction>;

/** What decides which index can serve a query. */
type QueryShape = { method: string; equality: string[]; range: string[]; sort: [string, Direction][] };

const EQUALITY_OPERATORS = new Set(['$eq', '$all', '$in']);
const RANGE_OPERATORS = new Set(['$lt', '$lte', '$gt', '$gte']);
const FILTER_AT = { find: 1, findOne: 1, findOneAndUpdate: 2, deleteOne: 1, deleteMany: 1, countDocuments: 1, updateOne: 2, updateMany: 2 };

let server: TestServer;
let owner: TestUser;
let other: TestUser;
const captured: QueryShape[] = [];

function isPlainValue(value: unknown): boolean {
  return typeof value !== 'object' || value === null || value instanceof Date || value instanceof mongoose.Types.ObjectId;
}

/** Top-level fields compared for equality or by range; `$and`/`$or` are filters applied after the index. */
function shapeOf(method: string, filter: Record<string, unknown>, sort: unknown): QueryShape {
  const shape: QueryShape = { method, equality: [], range: [], sort: Object.entries((sort ?? {}) as IndexKeys) };

  for (const [field, value] of Object.entries(filter)) {
    if (field.startsWith('$')) continue;

    const operators = isPlainValue(value) ? [] : Object.keys(value as object);
    if (operators.every((operator) => EQUALITY_OPERATORS.has(operator))) shape.equality.push(field);
    else if (operators.every((operator) => RANGE_OPERATORS.has(operator))) shape.range.push(field);
    else throw new Error(`unexpected operators on ${field}: ${operators.join()}`);
  }
  shape.equality.sort();

  return shape;
}

function capture(collection: string, method: string, ...args: unknown[]): void {
  if (collection !== 'notes') return;

  if (method === 'aggregate') {
    const [first] = args[0] as Array<{ $match?: Record<string, unknown> }>;
    captured.push(shapeOf(method, first?.$match ?? {}, undefined));

    return;
  }

  const optionsAt = FILTER_AT[method as keyof typeof FILTER_AT];
  if (optionsAt === undefined) return;
  const options = args[optionsAt] as { sort?: unknown } | undefined;
  captured.push(shapeOf(method, args[0] as Record<string, unknown>, options?.sort));
}

/** Whether `keys` serves `shape`: owner first, the equality fields, then the sort (either way round). */
function serves(keys: IndexKeys, shape: QueryShape): boolean {
  const fields = Object.keys(keys);
  if (fields[0] !== 'owner') return false;

  const equalityPart = fields.slice(0, shape.equality.length);
  if ([...equalityPart].sort().join() !== shape.equality.join()) return false;

  const rest = fields.slice(shape.equality.length);
  const sortFits = (flip: Direction) =>
    shape.sort.every(([field, direction], index) => rest[index] === field && keys[field] === direction * flip);
  if (!sortFits(1) && !sortFits(-1)) return false;

  return shape.range.every((field) => rest[0] === field);
}

function servedByIdIndex(shape: QueryShape): boolean {
  return shape.equality.includes('_id') && shape.sort.length === 0;
}

const describeShape = ({ method, equality, range, sort }: QueryShape) =>
  `${method} eq(${equality.join(',')})${range.length ? ` range(${range.join(',')})` : ''}` +
  `${sort.length ? ` sort(${sort.map(([field, direction]) => `${field}:${direction}`).join(',')})` : ''}`;

function declaredIndexes(): IndexKeys[] {
  return mongoose.model('Note').schema.indexes().map(([keys]) => keys as IndexKeys);
}

beforeAll(async () => {
  mongoose.set('debug', capture);
  server = await startTestServer();
  [owner, other] = await Promise.all([server.registerAndLogin('indexed'), server.registerAndLogin('other')]);
});

afterAll(async () => {
  mongoose.set('debug', false);
  await server.close();
});

describe('every note query is served by an owner-first index', () => {
  beforeAll(async () => {
    const notes = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        owner.client.notes.create.mutate({ title: `note ${index}`, tags: index % 2 ? ['a', 'b'] : ['a'] }),
      ),
    );
    const foreign = await other.client.notes.create.mutate({ title: 'theirs' });
    const [first, second, third] = notes as [(typeof notes)[0], (typeof notes)[0], (typeof notes)[0]];

    for (const sort of ['updated', 'created'] as const) {
      for (const filter of [{}, { tags: ['a'] }, { tags: ['a', 'b'] }, { search: 'note' }, { tags: ['b'], search: 'NOTE 1' }]) {
        for await (const _ of paginateNotes(owner.client, { ...filter, sort, limit: 5 })) void _;
      }
    }

    await owner.client.notes.get.query({ id: first.id });
    await owner.client.notes.tags.query();
    await owner.client.notes.update.mutate({ id: first.id, title: 'changed' });
    await owner.client.notes.update.mutate({ id: first.id, title: 'changed again', expectedVersion: 2 });
    await owner.client.notes.update.mutate({ id: first.id });
    await owner.client.notes.update.mutate({ id: first.id, expectedVersion: 3 });
    await expectRejection(owner.client.notes.update.mutate({ id: first.id, title: 'stale', expectedVersion: 1 }), 'CONFLICT');
    await owner.client.notes.replace.mutate({ id: second.id, title: 'replaced', body: '' });
    await owner.client.notes.replace.mutate({ id: second.id, title: 'replaced', body: '', expectedVersion: 2 });
    await expectRejection(owner.client.notes.replace.mutate({ id: second.id, title: 'x', body: '', expectedVersion: 1 }), 'CONFLICT');
    await expectRejection(owner.client.notes.update.mutate({ id: foreign.id, title: 'x', expectedVersion: 1 }), 'NOT_FOUND');
    await expectRejection(owner.client.notes.delete.mutate({ id: third.id, expectedVersion: 5 }), 'CONFLICT');
    await owner.client.notes.delete.mutate({ id: third.id, expectedVersion: 1 });
    await owner.client.notes.delete.mutate({ id: second.id });
    await owner.client.auth.deleteAccount.mutate({ password: owner.password });
  });

  test('the router issues exactly these query shapes', () => {
    const shapes = [...new Set(captured.map(describeShape))].sort();

    expect(shapes).toEqual(
      [
        'aggregate eq(owner)',
        'deleteMany eq(owner)',
        'deleteOne eq(_id,owner)',
        'deleteOne eq(_id,owner,version)',
        'find eq(owner) range(createdAt) sort(createdAt:-1,_id:-1)',
        'find eq(owner) range(updatedAt) sort(updatedAt:-1,_id:-1)',
        'find eq(owner) sort(createdAt:-1,_id:-1)',
        'find eq(owner) sort(updatedAt:-1,_id:-1)',
        'find eq(owner,tags) range(createdAt) sort(createdAt:-1,_id:-1)',
        'find eq(owner,tags) range(updatedAt) sort(updatedAt:-1,_id:-1)',
        'find eq(owner,tags) sort(createdAt:-1,_id:-1)',
        'find eq(owner,tags) sort(updatedAt:-1,_id:-1)',
        'findOne eq(_id,owner)',
        'findOne eq(_id,owner,version)',
        'findOneAndUpdate eq(_id,owner)',
        'findOneAndUpdate eq(_id,owner,version)',
      ].sort(),
    );
  });

  test('each shape has a declared index that serves it, or is a lookup by _id', () => {
    const indexes = declaredIndexes();
    expect(indexes.length).toBeGreaterThan(0);
    for (const keys of indexes) expect(Object.keys(keys)[0]).toBe('owner');

    for (const shape of captured) {
      const served = servedByIdIndex(shape) || indexes.some((keys) => serves(keys, shape));
      expect(served, describeShape(shape)).toBe(true);
    }
  });

  test('the check refuses shapes no declared index serves', () => {
    const indexes = declaredIndexes();
    const unserved: QueryShape[] = [
      { method: 'find', equality: ['owner'], range: [], sort: [['title', 1]] },
      { method: 'find', equality: ['title'], range: [], sort: [] },
      { method: 'find', equality: ['owner', 'tags'], range: ['updatedAt'], sort: [['createdAt', -1], ['_id', -1]] },
      { method: 'find', equality: ['owner'], range: [], sort: [['updatedAt', -1], ['_id', 1]] },
    ];

    for (const shape of unserved) expect(indexes.some((keys) => serves(keys, shape)), describeShape(shape)).toBe(false);
  });
});
