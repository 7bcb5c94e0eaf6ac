import { Types } from 'mongoose';

import { RevocationModel, type RevocationRecord } from '../db/revocation-model';

export type RevocationListConfig = {
  /** An entry matters only while the access tokens it stops can still be valid. */
  accessTokenTtlSeconds: number;
  /** How often each instance re-reads the revocations others wrote. */
  pollIntervalMs: number;
};

export type RevocationList = ReturnType<typeof createRevocationList>;

/**
 * Stops access tokens of revoked sessions and deleted users on every instance
 * within one poll interval, with no database read per request: revocations are
 * written to MongoDB and each instance keeps a copy in memory, refreshed by polling.
 */
export function createRevocationList(config: RevocationListConfig) {
  const sessions = new Set<string>();
  const users = new Set<string>();
  // This instance's own revocations until a reload that began after they were
  // stored has read them back: an earlier reload must not forget them.
  let unconfirmed: Array<{ entry: Omit<RevocationRecord, '_id'>; storedAt?: number }> = [];
  let timer: NodeJS.Timeout | undefined;

  const remember = (entry: Pick<RevocationRecord, 'session' | 'user'>) => {
    if (entry.session) sessions.add(entry.session.toHexString());
    if (entry.user) users.add(entry.user.toHexString());
  };

  async function reload(): Promise<void> {
    const startedAt = Date.now();
    const live = await RevocationModel.find({ expiresAt: { $gt: new Date() } })
      .select({ session: 1, user: 1 })
      .lean<RevocationRecord[]>();

    sessions.clear();
    users.clear();
    live.forEach(remember);

    unconfirmed = unconfirmed.filter(({ entry, storedAt }) =>
      storedAt === undefined ? entry.expiresAt.getTime() > startedAt : storedAt >= startedAt,
    );
    unconfirmed.forEach(({ entry }) => remember(entry));
  }

  async function revoke(entries: Array<{ session?: string; user?: string }>): Promise<void> {
    if (entries.length === 0) return;

    const at = new Date();
    const expiresAt = new Date(at.getTime() + config.accessTokenTtlSeconds * 1000 + 60_000);
    const records = entries.map((entry) => ({
      session: entry.session ? new Types.ObjectId(entry.session) : null,
      user: entry.user ? new Types.ObjectId(entry.user) : null,
      at,
      expiresAt,
    }));

    // This instance stops the tokens at once; the others at their next poll.
    const pending = records.map((entry) => ({ entry, storedAt: undefined as number | undefined }));
    unconfirmed.push(...pending);
    records.forEach(remember);

    // Should this fail, the caller hears of it, and this instance still holds the
    // entry until the tokens it stops have expired.
    await RevocationModel.insertMany(records);
    const storedAt = Date.now();
    pending.forEach((each) => (each.storedAt = storedAt));
  }

  return {
    isRevoked: (subject: { userId: string; sessionId: string }) =>
      sessions.has(subject.sessionId) || users.has(subject.userId),

    revokeSessions: (sessionIds: string[]) => revoke(sessionIds.map((session) => ({ session }))),

    revokeUser: (userId: string) => revoke([{ user: userId }]),

    reload,

    /** Starts polling; the first load finishes before this resolves. */
    async start(): Promise<void> {
      await reload();
      timer ??= setInterval(() => void reload().catch(() => undefined), config.pollIntervalMs);
      timer.unref();
    },

    stop(): void {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
