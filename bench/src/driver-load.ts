import { performance } from 'node:perf_hooks';

import { ObjectId, type Db } from 'mongodb';

import { CREATED_TITLE } from './api-cases';
import { summarize, type LatencySummary } from './latency-summary';
import { pick } from './random-pick';
import { SEED_BODY, type SeededUser } from './seed';
import type { BenchSettings } from './settings';

export type DriverQuery = 'notes.list' | 'notes.get' | 'notes.create';

// What the API sends for notes.list with no input: the first page of 20 (and one
// more, to know whether there is a next page), newest update first.
const LIST_PAGE = 20;

function queryOnce(db: Db, query: DriverQuery, user: SeededUser): Promise<unknown> {
  const notes = db.collection('notes');
  const owner = new ObjectId(user.id);

  if (query === 'notes.list') {
    return notes.find({ owner }).sort({ updatedAt: -1, _id: -1 }).limit(LIST_PAGE + 1).toArray();
  }
  if (query === 'notes.get') return notes.findOne({ _id: new ObjectId(pick(user.noteIds)), owner });

  const now = new Date();

  return notes.insertOne({ owner, title: CREATED_TITLE, body: SEED_BODY, tags: [], version: 1, createdAt: now, updatedAt: now });
}

/**
 * The baseline for the API: the same query through the raw mongodb driver, on the
 * same database, by `concurrency` workers in this process, each sending its next
 * query when the previous one answers, for the duration of a case. Creates stop at
 * the same cap as the API's and are deleted afterwards.
 */
export async function runDriverLoad(
  db: Db,
  users: SeededUser[],
  query: DriverQuery,
  concurrency: number,
  settings: Pick<BenchSettings, 'durationSeconds' | 'createCap'>,
): Promise<LatencySummary> {
  const latencies: number[] = [];
  let failures = 0;
  let sent = 0;
  const cap = query === 'notes.create' ? settings.createCap : Number.POSITIVE_INFINITY;

  const started = performance.now();
  const deadline = started + settings.durationSeconds * 1000;

  const worker = async () => {
    while (performance.now() < deadline && sent < cap) {
      sent += 1;
      const sentAt = performance.now();
      try {
        await queryOnce(db, query, pick(users));
        latencies.push(performance.now() - sentAt);
      } catch {
        failures += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;

  if (query === 'notes.create') await db.collection('notes').deleteMany({ title: CREATED_TITLE });

  return summarize(latencies, seconds, failures);
}
