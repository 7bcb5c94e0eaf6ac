import { performance } from 'node:perf_hooks';

import { ObjectId, type Db } from 'mongodb';

import { summarize, type LatencySummary } from './latency-summary';
import type { SeededUser } from './seed';

export type DriverQuery = 'notes.list' | 'notes.get';

// What the API sends for notes.list with no input: the first page of 20 (and one
// more, to know whether there is a next page), newest update first.
const LIST_PAGE = 20;

const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)] as T;

function queryOnce(db: Db, query: DriverQuery, user: SeededUser): Promise<unknown> {
  const notes = db.collection('notes');
  const owner = new ObjectId(user.id);

  if (query === 'notes.list') {
    return notes.find({ owner }).sort({ updatedAt: -1, _id: -1 }).limit(LIST_PAGE + 1).toArray();
  }

  return notes.findOne({ _id: new ObjectId(pick(user.noteIds)), owner });
}

/**
 * The baseline for the API: the same query through the raw mongodb driver, on the
 * same database, by `concurrency` workers in this process, each sending its next
 * query when the previous one answers, for `durationSeconds`.
 */
export async function runDriverLoad(
  db: Db,
  users: SeededUser[],
  query: DriverQuery,
  concurrency: number,
  durationSeconds: number,
): Promise<LatencySummary> {
  const latencies: number[] = [];
  let failures = 0;

  const started = performance.now();
  const deadline = started + durationSeconds * 1000;

  const worker = async () => {
    while (performance.now() < deadline) {
      const sent = performance.now();
      try {
        await queryOnce(db, query, pick(users));
        latencies.push(performance.now() - sent);
      } catch {
        failures += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));

  return summarize(latencies, (performance.now() - started) / 1000, failures);
}
