import { model, Schema, type InferSchemaType, type Types } from 'mongoose';

import { ownerGuard } from './owner-guard';

const noteSchema = new Schema(
  {
    owner: { type: Schema.Types.ObjectId, required: true, immutable: true },
    // Lengths are checked by the API's schemas, in characters; mongoose's maxlength
    // counts UTF-16 units and would refuse, as a 500, emoji the API accepted.
    title: { type: String, required: true },
    body: { type: String, default: '' },
    // Normalised and deduplicated by the input schemas (notes/tags.ts) before they get here.
    tags: { type: [String], default: [] },
    // Starts at 1; every write adds 1 with `$inc` in the same atomic update.
    version: { type: Number, required: true, default: 1, min: 1 },
  },
  { timestamps: true, versionKey: false, strict: 'throw' },
);

// Every query of notes/note-access.ts pins the owner first. A lookup by id (get,
// update, replace, delete) is served by the unique `_id` index, which finds at most
// one note whose owner is then compared, so no {owner, _id} index is kept. The
// list walks these, newest first, by the sort asked for; with tags the multikey
// ones, one entry per tag, whose order within one tag is still the sort.
noteSchema.index({ owner: 1, updatedAt: -1, _id: -1 });
noteSchema.index({ owner: 1, createdAt: -1, _id: -1 });
noteSchema.index({ owner: 1, tags: 1, updatedAt: -1, _id: -1 });
noteSchema.index({ owner: 1, tags: 1, createdAt: -1, _id: -1 });

noteSchema.plugin(ownerGuard);

export type NoteRecord = InferSchemaType<typeof noteSchema> & { _id: Types.ObjectId };

/**
 * Only `notes/note-access.ts` may import this: it is the one owner-bound path to
 * the collection, and a test checks that nothing else reaches for the model.
 */
export const NoteModel = model('Note', noteSchema);
