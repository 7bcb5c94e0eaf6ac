import { notePages, type Note } from '@scoped-notes/client';
import { expect } from 'vitest';

import type { TestUser } from './test-server';

export type Sort = 'updated' | 'created';

/** What one walk over every page saw, and what changed while it went. */
export type Walk = {
  seen: Note[];
  pages: number;
  /** Ids of the user's notes when the walk began. */
  atStart: Set<string>;
  deleted: Set<string>;
  created: Set<string>;
};

// Creations and deletions spread over each walk, whatever its number of pages.
const CHANGES_PER_WALK = 8;

const keyOf = (note: Note, sort: Sort) => (sort === 'updated' ? note.updatedAt : note.createdAt);

/**
 * Follows `nextCursor` through every page of `user`'s notes by `sort`, and now and
 * then between two pages deletes one of the notes that existed at the start
 * (alternately one already seen and one not seen yet) and creates a new one.
 * `alive` holds the user's notes by id and is kept up to date.
 */
export async function walkWhileChanging(user: TestUser, sort: Sort, limit: number, alive: Map<string, Note>): Promise<Walk> {
  const walk: Walk = { seen: [], pages: 0, atStart: new Set(alive.keys()), deleted: new Set(), created: new Set() };
  const changeEvery = Math.max(1, Math.floor(Math.ceil(alive.size / limit) / CHANGES_PER_WALK));

  for await (const page of notePages(user.client, { sort, limit })) {
    expect(page.items.length).toBeLessThanOrEqual(limit);
    walk.seen.push(...page.items);
    walk.pages += 1;
    if (walk.pages % changeEvery !== 0 || page.nextCursor === null) continue;

    const seenIds = new Set(walk.seen.map((each) => each.id));
    const wantSeen = walk.pages % (2 * changeEvery) === 0;
    const candidates = [...alive.keys()].filter((id) => walk.atStart.has(id) && !walk.deleted.has(id));
    const victim = candidates.find((id) => seenIds.has(id) === wantSeen) ?? candidates[0];
    if (victim) {
      await user.client.notes.delete.mutate({ id: victim });
      alive.delete(victim);
      walk.deleted.add(victim);
    }

    const fresh = await user.client.notes.create.mutate({ title: `made during a ${sort}/${limit} walk` });
    alive.set(fresh.id, fresh);
    walk.created.add(fresh.id);
  }

  return walk;
}

/** Newest first, ties broken by the larger id: the order every walk must follow. */
export function expectNewestFirst(seen: Note[], sort: Sort): void {
  for (let index = 1; index < seen.length; index += 1) {
    const [before, after] = [seen[index - 1] as Note, seen[index] as Note];
    const order = keyOf(before, sort).localeCompare(keyOf(after, sort)) || before.id.localeCompare(after.id);

    expect(order, `${before.id} then ${after.id}`).toBeGreaterThan(0);
  }
}

/**
 * Every note that existed for the whole walk seen exactly once, nothing seen twice,
 * nothing seen that was not there at the start (so no note made during the walk),
 * in order; and the walk did change notes on the way.
 */
export function expectEachSeenOnce(walk: Walk, sort: Sort): void {
  const seenIds = walk.seen.map((each) => each.id);

  expect(new Set(seenIds).size).toBe(seenIds.length);
  for (const id of walk.atStart) {
    if (!walk.deleted.has(id)) expect(seenIds, `missed ${id}`).toContain(id);
  }
  for (const id of seenIds) expect(walk.atStart.has(id), `${id} was not there at the start`).toBe(true);
  expect(walk.deleted.size).toBeGreaterThan(0);
  expect(walk.created.size).toBeGreaterThan(0);
  expectNewestFirst(walk.seen, sort);
}
