import { model, Schema, type Types } from 'mongoose';

export const SECURITY_EVENT_TYPES = [
  'login',
  'login_failed',
  'logout',
  'logout_all',
  'refresh_reuse_detected',
  'password_changed',
  'session_revoked',
] as const;

export type SecurityEventType = (typeof SECURITY_EVENT_TYPES)[number];

/** What happened to an account, for its owner to review. Never holds a token. */
const securityEventSchema = new Schema(
  {
    user: { type: Schema.Types.ObjectId, required: true },
    type: { type: String, enum: SECURITY_EVENT_TYPES, required: true },
    at: { type: Date, required: true },
    clientAddress: { type: String, default: null },
    userAgent: { type: String, default: null },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false, strict: 'throw' },
);

securityEventSchema.index({ user: 1, at: -1, _id: -1 });
securityEventSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export type SecurityEventRecord = {
  _id: Types.ObjectId;
  user: Types.ObjectId;
  type: SecurityEventType;
  at: Date;
  clientAddress: string | null;
  userAgent: string | null;
};

export const SecurityEventModel = model('SecurityEvent', securityEventSchema);
