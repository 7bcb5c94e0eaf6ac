import { Types, type PipelineStage } from 'mongoose';

import { NoteModel, type NoteRecord } from '../db/note-model';
import { noteNotFound } from '../errors';
import type { AuthenticatedUser } from '../trpc';
import type { CursorCodec, CursorScope, PagePosition } from './cursor';
import type {
  CreateNoteInput,
  ExpectedVersion,
  ListNotesInput,
  Note,
  NoteChanges,
  NoteContent,
  NoteSort,
  TagCount,
} from './schemas';
import { containsText } from './search';
import { versionConflict } from './version-conflict';

type Filter = Record<string, unknown>;

const SORT_KEYS = { updated: 'updatedAt', created: 'createdAt' } as const satisfies Record<NoteSort, string>;

const AFTER_WRITE = { returnDocument: 'after', runValidators: true } as const;

function parseNoteId(id: string): Types.ObjectId | null {
  return /^[0-9a-f]{24}$/i.test(id) ? new Types.ObjectId(id) : null;
}

/**
 * Notes after `position` in the order newest first, ties broken by id. The range on
 * the sort key alone bounds the index scan; the `$or` then drops the notes at the
 * boundary time that the previous page already showed.
 */
function pastPosition(key: string, position: PagePosition): { range: Filter; condition: Filter } {
  const id = new Types.ObjectId(position.id);

  return {
    range: { [key]: { $lte: position.sortKey } },
    condition: { $or: [{ [key]: { $lt: position.sortKey } }, { [key]: position.sortKey, _id: { $lt: id } }] },
  };
}

/**
 * The only way note procedures reach MongoDB. Built from the authenticated user,
 * so every filter it sends names that owner and no caller passes an owner by hand.
 * Beneath it, the model's owner guard refuses any query that does not. Page cursors
 * are made and checked with `cursors`; only `list` needs it.
 */
export function createNoteAccess(user: AuthenticatedUser, cursors?: CursorCodec) {
  const owner = new Types.ObjectId(user.id);

  // The owner goes last so nothing in `filter` can replace it.
  const scoped = (filter: Filter = {}) => ({ ...filter, owner });

  const toNote = (record: NoteRecord): Note => ({
    id: record._id.toHexString(),
    owner: user.username,
    title: record.title,
    body: record.body,
    tags: [...(record.tags ?? [])],
    version: record.version ?? 1,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  });

  const byId = (id: string) => {
    const objectId = parseNoteId(id);
    if (!objectId) throw noteNotFound();

    return scoped({ _id: objectId });
  };

  const atVersion = (id: string, expected: ExpectedVersion) =>
    expected === undefined ? byId(id) : { ...byId(id), version: expected };

  /**
   * Why a write filtered by id (and version) matched nothing, asked only after it
   * missed: another user's note or no note is NOT_FOUND, as before any version check;
   * only the caller's own note at another version is CONFLICT.
   */
  const missed = async (id: string, expected: ExpectedVersion) => {
    if (expected === undefined) return noteNotFound();

    const current = await NoteModel.findOne(byId(id)).select({ version: 1 }).lean<Pick<NoteRecord, 'version'>>();

    return current ? versionConflict(current.version ?? 1) : noteNotFound();
  };

  const codec = () => {
    if (!cursors) throw new Error('createNoteAccess was given no cursor codec, which listing needs');

    return cursors;
  };

  return {
    async list({ limit, cursor, search, tags, sort }: ListNotesInput) {
      const key = SORT_KEYS[sort];
      const scope: CursorScope = { userId: user.id, sort, search: search ?? '', tags: tags ?? [] };
      const after = cursor ? pastPosition(key, codec().decode(cursor, scope)) : null;

      const conditions = [...(search ? [containsText(search)] : []), ...(after ? [after.condition] : [])];
      const filter: Filter = {
        ...(tags && tags.length > 0 ? { tags: { $all: tags } } : {}),
        ...after?.range,
        ...(conditions.length > 0 ? { $and: conditions } : {}),
      };

      const records = await NoteModel.find(scoped(filter))
        .sort({ [key]: -1, _id: -1 })
        .limit(limit + 1)
        .lean<NoteRecord[]>();

      const page = records.slice(0, limit);
      const last = page.at(-1);
      const nextCursor =
        records.length > limit && last
          ? codec().encode({ sortKey: last[key], id: last._id.toHexString() }, scope)
          : null;

      return { items: page.map(toNote), nextCursor };
    },

    /** The caller's tags with how many notes carry each, most used first, then by name. */
    async tagCounts(): Promise<TagCount[]> {
      const pipeline: PipelineStage[] = [
        { $match: scoped() },
        { $unwind: '$tags' },
        { $group: { _id: '$tags', count: { $sum: 1 } } },
        { $sort: { count: -1, _id: 1 } },
      ];
      const counts = await NoteModel.aggregate<{ _id: string; count: number }>(pipeline);

      return counts.map(({ _id, count }) => ({ tag: _id, count }));
    },

    async get(id: string) {
      const record = await NoteModel.findOne(byId(id)).lean<NoteRecord>();
      if (!record) throw noteNotFound();

      return toNote(record);
    },

    async create(input: CreateNoteInput) {
      const record = await NoteModel.create({ ...input, owner });

      return toNote(record.toObject());
    },

    /** Changes the fields given, in one atomic update that adds 1 to the version; none given: no write. */
    async update(id: string, changes: NoteChanges, expected: ExpectedVersion) {
      const filter = atVersion(id, expected);
      const hasChanges = Object.values(changes).some((value) => value !== undefined);

      const record = hasChanges
        ? await NoteModel.findOneAndUpdate(filter, { $set: changes, $inc: { version: 1 } }, AFTER_WRITE).lean<NoteRecord>()
        : await NoteModel.findOne(filter).lean<NoteRecord>();
      if (!record) throw await missed(id, expected);

      return toNote(record);
    },

    /** Sets title, body and tags, as REST's PUT asks; the owner, id and createdAt stay. */
    async replace(id: string, content: NoteContent, expected: ExpectedVersion) {
      const record = await NoteModel.findOneAndUpdate(
        atVersion(id, expected),
        { $set: { title: content.title, body: content.body, tags: content.tags }, $inc: { version: 1 } },
        AFTER_WRITE,
      ).lean<NoteRecord>();
      if (!record) throw await missed(id, expected);

      return toNote(record);
    },

    async remove(id: string, expected: ExpectedVersion) {
      const { deletedCount } = await NoteModel.deleteOne(atVersion(id, expected));
      if (deletedCount === 0) throw await missed(id, expected);

      return { id };
    },

    /** Every note of this owner, for account deletion. */
    async removeAll() {
      const { deletedCount } = await NoteModel.deleteMany(scoped());

      return deletedCount;
    },
  };
}

export type NoteAccess = ReturnType<typeof createNoteAccess>;
