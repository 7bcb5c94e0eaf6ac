import { model, Schema, type Types } from 'mongoose';

/**
 * A revoked session, or a deleted user, whose access tokens may still be unexpired.
 * Each server instance mirrors this small collection in memory (see
 * auth/revocation-list.ts); an entry is useless, and removed by its TTL index,
 * once every access token it could stop has expired anyway.
 */
const revocationSchema = new Schema(
  {
    session: { type: Schema.Types.ObjectId, default: null },
    user: { type: Schema.Types.ObjectId, default: null },
    at: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false, strict: 'throw' },
);

revocationSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
revocationSchema.index({ at: 1 });

export type RevocationRecord = {
  _id: Types.ObjectId;
  session: Types.ObjectId | null;
  user: Types.ObjectId | null;
  at: Date;
  expiresAt: Date;
};

export const RevocationModel = model('Revocation', revocationSchema);
