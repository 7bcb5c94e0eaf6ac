import { Types } from 'mongoose';

import { NoteModel, type NoteRecord } from '../db/note-model';
import { noteNotFound } from '../errors';
import type { AuthenticatedUser } from '../trpc';
import { decodeCursor, encodeCursor } from './cursor';
import type { CreateNoteInput, ListNotesInput, Note, NoteChanges, NoteContent } from './schemas';

const NEWEST_FIRST = { createdAt: -1, _id: -1 } as const;

function parseNoteId(id: string): Types.ObjectId | null {
  return /^[0-9a-f]{24}$/i.test(id) ? new Types.ObjectId(id) : null;
}

/**
 * The only way note procedures reach MongoDB. Built from the authenticated user,
 * so every filter it sends names that owner and no caller passes an owner by hand.
 * Beneath it, the model's owner guard refuses any query that does not.
 */
export function createNoteAccess(user: AuthenticatedUser) {
  const owner = new Types.ObjectId(user.id);

  // The owner goes last so nothing in `filter` can replace it.
  const scoped = (filter: Record<string, unknown> = {}) => ({ ...filter, owner });

  const toNote = (record: NoteRecord): Note => ({
    id: record._id.toHexString(),
    owner: user.username,
    title: record.title,
    body: record.body,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  });

  const byId = (id: string) => {
    const objectId = parseNoteId(id);
    if (!objectId) throw noteNotFound();

    return scoped({ _id: objectId });
  };

  return {
    async list({ limit, cursor }: ListNotesInput) {
      const after = cursor ? decodeCursor(cursor, user.id) : null;
      const olderThan = after
        ? {
            $or: [
              { createdAt: { $lt: after.sortKey } },
              { createdAt: after.sortKey, _id: { $lt: new Types.ObjectId(after.id) } },
            ],
          }
        : {};

      const records = await NoteModel.find(scoped(olderThan))
        .sort(NEWEST_FIRST)
        .limit(limit + 1)
        .lean<NoteRecord[]>();

      const page = records.slice(0, limit);
      const last = page.at(-1);
      const nextCursor =
        records.length > limit && last
          ? encodeCursor({ sortKey: last.createdAt, id: last._id.toHexString() }, user.id)
          : null;

      return { items: page.map(toNote), nextCursor };
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

    async update(id: string, changes: NoteChanges) {
      const filter = byId(id);
      const hasChanges = changes.title !== undefined || changes.body !== undefined;

      const record = hasChanges
        ? await NoteModel.findOneAndUpdate(filter, { $set: changes }, { returnDocument: 'after', runValidators: true }).lean<NoteRecord>()
        : await NoteModel.findOne(filter).lean<NoteRecord>();
      if (!record) throw noteNotFound();

      return toNote(record);
    },

    /** Sets both title and body, as REST's PUT asks; the owner, id and createdAt stay. */
    async replace(id: string, content: NoteContent) {
      const record = await NoteModel.findOneAndUpdate(
        byId(id),
        { $set: { title: content.title, body: content.body } },
        { returnDocument: 'after', runValidators: true },
      ).lean<NoteRecord>();
      if (!record) throw noteNotFound();

      return toNote(record);
    },

    async remove(id: string) {
      const { deletedCount } = await NoteModel.deleteOne(byId(id));
      if (deletedCount === 0) throw noteNotFound();

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
