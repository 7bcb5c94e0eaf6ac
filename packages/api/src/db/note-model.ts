import { model, Schema, type InferSchemaType, type Types } from 'mongoose';

import { BODY_MAX_LENGTH, TITLE_MAX_LENGTH } from '../notes/limits';
import { ownerGuard } from './owner-guard';

const noteSchema = new Schema(
  {
    owner: { type: Schema.Types.ObjectId, required: true, immutable: true },
    title: { type: String, required: true, maxlength: TITLE_MAX_LENGTH },
    body: { type: String, default: '', maxlength: BODY_MAX_LENGTH },
  },
  { timestamps: true, versionKey: false, strict: 'throw' },
);

// Serves notes.list (newest first, by creation) and every by-id lookup of one owner.
noteSchema.index({ owner: 1, createdAt: -1, _id: -1 });

noteSchema.plugin(ownerGuard);

export type NoteRecord = InferSchemaType<typeof noteSchema> & { _id: Types.ObjectId };

/**
 * Only `notes/note-access.ts` may import this: it is the one owner-bound path to
 * the collection, and a test checks that nothing else reaches for the model.
 */
export const NoteModel = model('Note', noteSchema);
