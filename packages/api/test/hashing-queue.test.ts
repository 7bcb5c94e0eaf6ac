import bcrypt from 'bcrypt';
import { describe, expect, test } from 'vitest';

import { createHashingQueue } from '../src/auth/hashing-queue';
import { createPasswordService } from '../src/auth/password-service';

const COST = 8;

describe('hashing queue', () => {
  test('runs no more hashes at once than its concurrency, and every one of them', async () => {
    const queue = createHashingQueue({ concurrency: 2, maxWaitSeconds: 600 });
    let running = 0;
    let mostAtOnce = 0;

    const hashOne = (n: number) =>
      queue.run(async () => {
        running += 1;
        mostAtOnce = Math.max(mostAtOnce, running);
        try {
          return await bcrypt.hash(`password ${n}`, COST);
        } finally {
          running -= 1;
        }
      });

    const hashes = await Promise.all([...Array(10).keys()].map(hashOne));

    expect(mostAtOnce).toBe(2);
    expect(new Set(hashes).size).toBe(10);
    await expect(bcrypt.compare('password 7', hashes[7] as string)).resolves.toBe(true);
  });

  test('refuses with TOO_MANY_REQUESTS and a Retry-After once the expected wait passes the limit', async () => {
    const queue = createHashingQueue({ concurrency: 1, maxWaitSeconds: 1 });
    await queue.run(() => new Promise((resolve) => setTimeout(resolve, 200)));

    // Each takes 200 ms or a little more: about the sixth would wait a second, and those after it are refused.
    const slow = () => queue.run(() => new Promise((resolve) => setTimeout(resolve, 200)));
    const outcomes = await Promise.allSettled([...Array(10).keys()].map(slow));

    const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled').length).toBeGreaterThanOrEqual(3);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    for (const outcome of refused) {
      const error = (outcome as PromiseRejectedResult).reason as { code: string; cause: { seconds: number } };
      expect(error.code).toBe('TOO_MANY_REQUESTS');
      expect(error.cause.seconds).toBeGreaterThanOrEqual(1);
    }

    expect(queue.expectedWaitSeconds()).toBe(0);
  });
});

describe('password service', () => {
  test('hashes and verifies through the queue; an unknown user (no hash) never verifies', async () => {
    const passwords = createPasswordService({ cost: COST, concurrency: 1, maxWaitSeconds: 60 });
    await passwords.warmUp();

    const hash = await passwords.hash('correct horse battery staple');

    await expect(passwords.verify('correct horse battery staple', hash)).resolves.toBe(true);
    await expect(passwords.verify('wrong horse battery staple', hash)).resolves.toBe(false);
    await expect(passwords.verify('correct horse battery staple', null)).resolves.toBe(false);
  });
});
