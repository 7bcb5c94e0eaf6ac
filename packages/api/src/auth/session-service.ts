import { Types } from 'mongoose';

import { SessionModel, type SessionRecord } from '../db/session-model';
import { tokenHash, type TokenService, type TokenSubject } from './token-service';

export type TokenPair = { access: string; refresh: string };

export type SessionConfig = {
  /** How long a just-rotated refresh token still gets a sibling (another tab). */
  rotationGraceSeconds: number;
  /** A login ends this long after it started, however often it refreshes. */
  absoluteLifetimeSeconds: number;
};

export type RotationResult =
  | { outcome: 'rotated'; tokens: TokenPair; subject: TokenSubject }
  | { outcome: 'refused' }
  | { outcome: 'reuse-detected'; subject: TokenSubject };

export type SessionService = ReturnType<typeof createSessionService>;

// Every tab that refreshes within the grace window holds a live token of its own; past
// this many, another sibling is refused rather than evicting one already handed out.
const MAX_LIVE_TOKENS = 16;
// Concurrent rotations of one session succeed one per round of the revision check.
const ROTATION_ATTEMPTS = 20;

function secondsFrom(now: Date, seconds: number): Date {
  return new Date(now.getTime() + seconds * 1000);
}

export function createSessionService(tokens: TokenService, config: SessionConfig) {
  const issuePair = (subject: TokenSubject): TokenPair => ({
    access: tokens.sign('access', subject),
    refresh: tokens.sign('refresh', subject),
  });

  const scopedTo = (subject: TokenSubject) => ({
    _id: new Types.ObjectId(subject.sessionId),
    user: new Types.ObjectId(subject.userId),
  });

  /** What the session looks like after `presented` is exchanged for `issued`, or why not. */
  function nextState(session: SessionRecord, presented: string, issued: string, now: Date) {
    if (session.absoluteExpiresAt <= now) return 'refused' as const;

    const graceStart = now.getTime() - config.rotationGraceSeconds * 1000;
    const retiredInGrace = session.retiredTokens.some(
      (each) => each.hash === presented && (each.at?.getTime() ?? 0) >= graceStart,
    );

    if (session.liveTokenHashes.includes(presented)) {
      // A retired token matters only during its grace window, so older ones are dropped.
      const stillInGrace = session.retiredTokens.filter((each) => (each.at?.getTime() ?? 0) >= graceStart);

      return {
        liveTokenHashes: [...session.liveTokenHashes.filter((h) => h !== presented), issued],
        retiredTokens: [...stillInGrace, { hash: presented, at: now }],
      };
    }

    if (retiredInGrace) {
      if (session.liveTokenHashes.length >= MAX_LIVE_TOKENS) return 'refused' as const;

      return { liveTokenHashes: [...session.liveTokenHashes, issued] };
    }

    return 'reused' as const;
  }

  return {
    async start(user: { id: string; username: string }, userAgent: string | undefined) {
      const now = new Date();
      const subject = { userId: user.id, username: user.username, sessionId: new Types.ObjectId().toHexString() };
      const pair = issuePair(subject);

      await SessionModel.create({
        _id: subject.sessionId,
        user: subject.userId,
        liveTokenHashes: [tokenHash(pair.refresh)],
        expiresAt: secondsFrom(now, tokens.refreshTokenTtlSeconds),
        absoluteExpiresAt: secondsFrom(now, config.absoluteLifetimeSeconds),
        userAgent: userAgent?.slice(0, 256) ?? null,
        lastUsedAt: now,
      });

      return pair;
    },

    /**
     * Exchanges a refresh token for a new pair. A retired token presented after the
     * grace window means the family leaked: the whole session is revoked.
     */
    async rotate(refreshToken: string): Promise<RotationResult> {
      const subject = tokens.verify('refresh', refreshToken);
      if (!subject) return { outcome: 'refused' };

      const presented = tokenHash(refreshToken);

      for (let attempt = 0; attempt < ROTATION_ATTEMPTS; attempt += 1) {
        const now = new Date();
        const session = await SessionModel.findOne(scopedTo(subject)).lean<SessionRecord>();
        if (!session) return { outcome: 'refused' };

        const pair = issuePair(subject);
        const next = nextState(session, presented, tokenHash(pair.refresh), now);
        if (next === 'refused') return { outcome: 'refused' };

        if (next === 'reused') {
          await SessionModel.deleteOne(scopedTo(subject));

          return { outcome: 'reuse-detected', subject };
        }

        const applied = await SessionModel.updateOne(
          { ...scopedTo(subject), revision: session.revision },
          {
            $set: { ...next, lastUsedAt: now, expiresAt: secondsFrom(now, tokens.refreshTokenTtlSeconds) },
            $inc: { revision: 1 },
          },
        );

        if (applied.matchedCount === 1) return { outcome: 'rotated', tokens: pair, subject };
      }

      return { outcome: 'refused' };
    },

    /**
     * Ends the session a refresh token belongs to; null when the token is not ours
     * or its session has already ended, so a stale token cannot log anything.
     */
    async end(refreshToken: string): Promise<TokenSubject | null> {
      const subject = tokens.verify('refresh', refreshToken);
      if (!subject) return null;

      const { deletedCount } = await SessionModel.deleteOne(scopedTo(subject));

      return deletedCount > 0 ? subject : null;
    },

    /** The user's live sessions, newest first. */
    async list(userId: string) {
      const sessions = await SessionModel.find({ user: new Types.ObjectId(userId), absoluteExpiresAt: { $gt: new Date() } })
        .sort({ createdAt: -1 })
        .lean<Array<SessionRecord & { createdAt: Date }>>();

      return sessions.map((session) => ({
        id: session._id.toHexString(),
        createdAt: session.createdAt.toISOString(),
        lastUsedAt: session.lastUsedAt.toISOString(),
        userAgent: session.userAgent ?? null,
      }));
    },

    /** Ends one of the user's sessions; false when the user has no such session. */
    async revoke(userId: string, sessionId: string): Promise<boolean> {
      if (!/^[0-9a-f]{24}$/i.test(sessionId)) return false;

      const { deletedCount } = await SessionModel.deleteOne(
        scopedTo({ userId, sessionId, username: '' }),
      );

      return deletedCount > 0;
    },

    /** Deletes every session of the user, whenever it was made: for account deletion. */
    async removeAll(userId: string): Promise<void> {
      await SessionModel.deleteMany({ user: new Types.ObjectId(userId) });
    },

    /** Ends every session of the user but `keep`; returns the ids it ended. */
    async revokeAll(userId: string, keep?: string): Promise<string[]> {
      const user = new Types.ObjectId(userId);
      const others = keep ? { _id: { $ne: new Types.ObjectId(keep) } } : {};
      const doomed = await SessionModel.find({ user, ...others }).select({ _id: 1 }).lean<SessionRecord[]>();
      const ids = doomed.map((session) => session._id);

      await SessionModel.deleteMany({ user, _id: { $in: ids } });

      return ids.map((id) => id.toHexString());
    },
  };
}
