import { performance } from 'node:perf_hooks';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { startTestServer, uniqueUsername, type TestServer, type TestUser } from './support/test-server';
import { comparableError, expectWireError, wireMutation, type WireResponse } from './support/trpc-wire';

// A failed login takes as long for a name that does not exist as for a real user
// with a wrong password, so timing does not tell which names exist (F-09). bcrypt
// runs at cost 10 here: at cost 4 a hash is too quick for a skipped one to show.

const ROUNDS = 20;

let server: TestServer;
let known: TestUser;

beforeAll(async () => {
  server = await startTestServer({ BCRYPT_COST: '10' });
  known = await server.registerAndLogin('timed');
});

afterAll(() => server.close());

async function timedLogin(username: string): Promise<{ ms: number; answer: WireResponse }> {
  const started = performance.now();
  const answer = await wireMutation(server.url, 'auth.login', { username, password: 'not the password' });

  return { ms: performance.now() - started, answer };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);

  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

describe('failed logins (F-09)', () => {
  test('answer alike and take alike long for an unknown name and a wrong password', async () => {
    for (let warmUp = 0; warmUp < 3; warmUp += 1) {
      await timedLogin(known.username);
      await timedLogin(uniqueUsername('nobody'));
    }

    const knownTimes: number[] = [];
    const unknownTimes: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const wrongPassword = await timedLogin(known.username);
      const unknownName = await timedLogin(uniqueUsername('nobody'));

      expectWireError(wrongPassword.answer, 'UNAUTHORIZED');
      expect(comparableError(unknownName.answer.error)).toEqual(comparableError(wrongPassword.answer.error));
      knownTimes.push(wrongPassword.ms);
      unknownTimes.push(unknownName.ms);
    }

    const [knownMedian, unknownMedian] = [median(knownTimes), median(unknownTimes)];
    console.info(`login medians: wrong password ${knownMedian.toFixed(1)} ms, unknown name ${unknownMedian.toFixed(1)} ms`);
    expect(Math.max(knownMedian, unknownMedian) / Math.min(knownMedian, unknownMedian)).toBeLessThan(2);
  });
});
