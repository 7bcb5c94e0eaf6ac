import { Types } from 'mongoose';

import { SecurityEventModel, type SecurityEventRecord, type SecurityEventType } from '../db/security-event-model';

export type ActivityLogConfig = { retentionDays: number };

export type RequestOrigin = { clientAddress: string; userAgent: string | undefined };

export type ActivityLog = ReturnType<typeof createActivityLog>;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Records and lists a user's security events; old ones expire through a TTL index. */
export function createActivityLog(config: ActivityLogConfig) {
  return {
    async record(userId: string, type: SecurityEventType, origin: RequestOrigin): Promise<void> {
      const at = new Date();

      await SecurityEventModel.create({
        user: userId,
        type,
        at,
        clientAddress: origin.clientAddress.slice(0, 64),
        userAgent: origin.userAgent?.slice(0, 256) ?? null,
        expiresAt: new Date(at.getTime() + config.retentionDays * DAY_MS),
      });
    },

    async list(userId: string, limit: number) {
      const events = await SecurityEventModel.find({ user: new Types.ObjectId(userId) })
        .sort({ at: -1, _id: -1 })
        .limit(limit)
        .lean<SecurityEventRecord[]>();

      return events.map((event) => ({
        id: event._id.toHexString(),
        type: event.type,
        at: event.at.toISOString(),
        clientAddress: event.clientAddress,
        userAgent: event.userAgent,
      }));
    },

    async forget(userId: string): Promise<void> {
      await SecurityEventModel.deleteMany({ user: new Types.ObjectId(userId) });
    },
  };
}
