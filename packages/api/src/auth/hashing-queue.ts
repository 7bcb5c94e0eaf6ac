import { performance } from 'node:perf_hooks';

import { TRPCError } from '@trpc/server';
import pLimit from 'p-limit';

import { RetryAfter } from './rate-limits';

export type HashingQueueConfig = {
  /** Hashes run at once: fewer than libuv's thread pool, so file and DNS work still find a thread. */
  concurrency: number;
  /** A request that would wait longer than this for its turn is refused instead. */
  maxWaitSeconds: number;
};

export type HashingQueue = {
  /** Runs `hashing` when a slot is free; throws TOO_MANY_REQUESTS (with Retry-After) when the wait would be too long. */
  run<T>(hashing: () => Promise<T>): Promise<T>;
  /** Expected wait for a request arriving now, from how long recent hashes took. */
  expectedWaitSeconds(): number;
  /** Throws the refusal `run` would give now, without queueing anything. */
  assertRoom(): void;
};

// How much each finished hash moves the running average of hash time.
const AVERAGE_WEIGHT = 0.2;

/** The cause of a refusal by a full queue: the server's state, not the client's doing. */
export class HashingBusy extends RetryAfter {}

function busy(retryAfterSeconds: number): TRPCError {
  return new TRPCError({
    code: 'TOO_MANY_REQUESTS',
    message: `The server is busy checking other passwords: try again in ${retryAfterSeconds} s`,
    cause: new HashingBusy(retryAfterSeconds),
  });
}

/** Whether `error` is a refusal by a full hashing queue. */
export function isHashingBusy(error: unknown): boolean {
  return error instanceof TRPCError && error.cause instanceof HashingBusy;
}

/**
 * bcrypt runs on libuv's thread pool. Left alone, a burst of sign-ins fills every
 * thread and queues everything else that needs one (log writes, DNS lookups for a
 * reconnecting database) behind seconds of hashing. This queue keeps the hashes to
 * a fixed number at a time and turns a queue too long to be worth waiting in into
 * a quick refusal the client can retry.
 */
export function createHashingQueue(config: HashingQueueConfig): HashingQueue {
  const limit = pLimit(config.concurrency);
  let averageMs: number | undefined;

  const record = (ms: number) => {
    averageMs = averageMs === undefined ? ms : averageMs + AVERAGE_WEIGHT * (ms - averageMs);
  };

  // Every hash ahead of this one (running or waiting), then its own, spread over the slots.
  const expectedWaitSeconds = () => {
    if (averageMs === undefined) return 0;

    const ahead = limit.activeCount + limit.pendingCount;

    return (Math.floor(ahead / config.concurrency) * averageMs) / 1000;
  };

  const assertRoom = () => {
    const wait = expectedWaitSeconds();
    if (wait > config.maxWaitSeconds) throw busy(Math.ceil(wait));
  };

  return {
    expectedWaitSeconds,
    assertRoom,

    async run(hashing) {
      assertRoom();

      return limit(async () => {
        const startedAt = performance.now();
        try {
          return await hashing();
        } finally {
          record(performance.now() - startedAt);
        }
      });
    },
  };
}
