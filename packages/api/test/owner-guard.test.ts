import { startDatabase, type RunningDatabase } from '@scoped-notes/embedded-mongo';
import { Types, type PipelineStage } from 'mongoose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { connectDatabase, disconnectDatabase } from '../src/db/connection';
import { NoteModel } from '../src/db/note-model';
import { UnscopedQueryError } from '../src/db/owner-guard';

// The Note model itself refuses every read, write, count and aggregation that does
// not pin one owner, in every environment, against a real MongoDB wire protocol.

const alice = new Types.ObjectId();
const bob = new Types.ObjectId();

let database: RunningDatabase;
let aliceNoteId: Types.ObjectId;

beforeAll(async () => {
  database = await startDatabase({ embedded: 'jongodb' });
  await connectDatabase(database.uri);

  const [aliceNote] = await NoteModel.create([
    { owner: alice, title: 'alice 1', body: '' },
    { owner: alice, title: 'alice 2', body: '' },
    { owner: bob, title: 'bob 1', body: '' },
  ]);
  aliceNoteId = (aliceNote as { _id: Types.ObjectId })._id;
});

afterAll(async () => {
  await disconnectDatabase();
  await database?.stop();
});

async function expectRefused(operation: () => PromiseLike<unknown>): Promise<void> {
  await expect(Promise.resolve().then(operation)).rejects.toBeInstanceOf(UnscopedQueryError);
}

/** Every note, read through the driver's collection beneath the guard, to see what really changed. */
function rawNotes(): Promise<Array<{ owner: Types.ObjectId; title: string }>> {
  return NoteModel.collection.find<{ owner: Types.ObjectId; title: string }>({}, { sort: { title: 1 } }).toArray();
}

describe('operations without an owner in the filter throw UnscopedQueryError', () => {
  const unscoped = {} as Record<string, unknown>;
  const byTitle = () => ({ title: 'bob 1' });

  test.each([
    ['find', () => NoteModel.find(unscoped)],
    ['find by title', () => NoteModel.find(byTitle())],
    ['findOne', () => NoteModel.findOne(byTitle())],
    ['findById', () => NoteModel.findById(aliceNoteId)],
    ['exists', () => NoteModel.exists(byTitle())],
    ['countDocuments', () => NoteModel.countDocuments(unscoped)],
    ['distinct', () => NoteModel.distinct('title', unscoped)],
    ['updateOne', () => NoteModel.updateOne(byTitle(), { $set: { title: 'x' } })],
    ['updateMany', () => NoteModel.updateMany(unscoped, { $set: { title: 'x' } })],
    ['findOneAndUpdate', () => NoteModel.findOneAndUpdate(byTitle(), { $set: { title: 'x' } })],
    ['findOneAndDelete', () => NoteModel.findOneAndDelete(byTitle())],
    ['findOneAndReplace', () => NoteModel.findOneAndReplace(byTitle(), { title: 'x', body: '' })],
    ['replaceOne', () => NoteModel.replaceOne(byTitle(), { title: 'x', body: '' })],
    ['deleteOne', () => NoteModel.deleteOne(byTitle())],
    ['deleteMany', () => NoteModel.deleteMany(unscoped)],
  ])('%s', async (_, operation) => {
    await expectRefused(operation);
  });
});

describe('filters that mention the owner without pinning one throw', () => {
  test.each([
    ['an id only', () => ({ _id: aliceNoteId })],
    ['owner $ne', () => ({ owner: { $ne: alice } })],
    ['owner $in', () => ({ owner: { $in: [alice] } })],
    ['owner $exists', () => ({ owner: { $exists: true } })],
    ['owner $eq beside another operator', () => ({ owner: { $eq: alice, $ne: bob } })],
    ['owner inside $or', () => ({ $or: [{ owner: alice }] })],
    ['owner inside $and', () => ({ $and: [{ owner: alice }] })],
    ['owner as a string', () => ({ owner: alice.toHexString() })],
    ['owner null', () => ({ owner: null })],
  ])('%s, on find, updateOne and deleteMany', async (_, filter) => {
    await expectRefused(() => NoteModel.find(filter()));
    await expectRefused(() => NoteModel.updateOne(filter(), { $set: { title: 'x' } }));
    await expectRefused(() => NoteModel.deleteMany(filter()));
  });
});

describe('operations that cannot be scoped throw', () => {
  test('estimatedDocumentCount', async () => {
    await expectRefused(() => NoteModel.estimatedDocumentCount());
  });

  test('bulkWrite, even of scoped operations', async () => {
    await expectRefused(() =>
      NoteModel.bulkWrite([{ updateOne: { filter: { owner: alice }, update: { $set: { title: 'x' } } } }]),
    );
  });

  test.each<[string, () => PipelineStage[]]>([
    ['an empty pipeline', () => []],
    ['a first stage that is not $match', () => [{ $sort: { title: 1 } }, { $match: { owner: alice } }]],
    ['a $match without the owner', () => [{ $match: { title: 'bob 1' } }]],
    ['a $match on owner $ne', () => [{ $match: { owner: { $ne: alice } } }]],
    ['a $match with owner inside $or', () => [{ $match: { $or: [{ owner: alice }, { owner: bob }] } }]],
  ])('aggregate with %s', async (_, pipeline) => {
    await expectRefused(() => NoteModel.aggregate(pipeline()));
  });
});

describe('updates that would change the owner throw, even with a scoped filter', () => {
  test.each([
    ['a plain owner key', () => ({ owner: bob })],
    ['owner under $set', () => ({ $set: { owner: bob } })],
    ['owner under $unset', () => ({ $unset: { owner: 1 } })],
    ['owner under $setOnInsert', () => ({ $setOnInsert: { owner: bob } })],
  ])('%s, on updateOne, updateMany and findOneAndUpdate', async (_, update) => {
    const filter = () => ({ owner: alice, _id: aliceNoteId });

    await expectRefused(() => NoteModel.updateOne(filter(), update()));
    await expectRefused(() => NoteModel.updateMany(filter(), update()));
    await expectRefused(() => NoteModel.findOneAndUpdate(filter(), update()));
  });

  test('owner as the target of $rename', async () => {
    const filter = { owner: alice, _id: aliceNoteId };

    await expectRefused(() => NoteModel.updateOne(filter, { $rename: { title: 'owner' } }));
    await expectRefused(() => NoteModel.findOneAndUpdate(filter, { $rename: { body: 'owner' } }));
  });

  test('whole-document replacement, with or without an owner, even when scoped', async () => {
    const filter = () => ({ owner: alice, _id: aliceNoteId });

    await expectRefused(() => NoteModel.replaceOne(filter(), { owner: bob, title: 'x', body: '' }));
    await expectRefused(() => NoteModel.replaceOne(filter(), { title: 'x', body: '' }));
    await expectRefused(() => NoteModel.findOneAndReplace(filter(), { title: 'x', body: '' }));
  });
});

describe('nothing refused above reached the database', () => {
  test('every note is as it was created', async () => {
    const notes = await rawNotes();

    expect(notes.map(({ owner, title }) => [owner.toHexString(), title])).toEqual([
      [alice.toHexString(), 'alice 1'],
      [alice.toHexString(), 'alice 2'],
      [bob.toHexString(), 'bob 1'],
    ]);
  });
});

describe('queries scoped to one owner work, and see only that owner\'s notes', () => {
  test('find, findOne, countDocuments and distinct', async () => {
    const titles = (await NoteModel.find({ owner: alice }).sort({ title: 1 }).lean()).map((note) => note.title);

    expect(titles).toEqual(['alice 1', 'alice 2']);
    expect(await NoteModel.findOne({ owner: bob, _id: aliceNoteId }).lean()).toBeNull();
    expect(await NoteModel.countDocuments({ owner: { $eq: bob } })).toBe(1);
    expect((await NoteModel.distinct('title', { owner: bob })).sort()).toEqual(['bob 1']);
  });

  test('aggregate whose first stage matches the owner', async () => {
    const counted = await NoteModel.aggregate([{ $match: { owner: alice } }, { $count: 'notes' }]);

    expect(counted).toEqual([{ notes: 2 }]);
  });

  test('updateOne, findOneAndUpdate and updateMany change only the owner\'s notes', async () => {
    expect((await NoteModel.updateOne({ owner: bob, _id: aliceNoteId }, { $set: { body: 'bob was here' } })).matchedCount).toBe(0);

    const updated = await NoteModel.findOneAndUpdate(
      { owner: alice, _id: aliceNoteId },
      { $set: { body: 'edited' } },
      { returnDocument: 'after' },
    ).lean();
    const many = await NoteModel.updateMany({ owner: alice }, { $set: { title: 'renamed' } });

    expect(updated?.body).toBe('edited');
    expect(many.modifiedCount).toBe(2);
    expect((await NoteModel.findOne({ owner: bob }).lean())?.title).toBe('bob 1');
  });

  test('deleteOne and deleteMany remove only the owner\'s notes', async () => {
    expect((await NoteModel.deleteOne({ owner: bob, _id: aliceNoteId })).deletedCount).toBe(0);
    expect((await NoteModel.deleteMany({ owner: alice })).deletedCount).toBe(2);

    expect((await rawNotes()).map((note) => note.title)).toEqual(['bob 1']);
  });
});
