import { model, Schema, type InferSchemaType, type Types } from 'mongoose';

/**
 * One login (a token family). Holds hashes of the refresh tokens it honours, never
 * the tokens, and removes itself through a TTL index once its last refresh token
 * has expired, so the collection does not grow without bound.
 */
const sessionSchema = new Schema(
  {
    user: { type: Schema.Types.ObjectId, required: true },
    liveTokenHashes: { type: [String], required: true },
    retiredTokens: { type: [{ hash: String, at: Date, _id: false }], default: [] },
    // Bumped by every change, so concurrent rotations cannot both apply.
    revision: { type: Number, required: true, default: 0 },
    expiresAt: { type: Date, required: true },
    absoluteExpiresAt: { type: Date, required: true },
    userAgent: { type: String, default: null },
    lastUsedAt: { type: Date, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false, strict: 'throw' },
);

sessionSchema.index({ user: 1, createdAt: -1 });
sessionSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export type SessionRecord = InferSchemaType<typeof sessionSchema> & { _id: Types.ObjectId };

export const SessionModel = model('Session', sessionSchema);
