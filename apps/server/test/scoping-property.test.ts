import { errorInfo } from '@scoped-notes/client';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestServer, type TestServer, type TestUser } from './support/test-server';

// Fixed in CI so a failure replays; FC_SEED=<n> tries another interleaving.
const SEED = Number(process.env.FC_SEED ?? 20261203);
const USERS = 3;
const UNKNOWN_ID = '0123456789abcdef01234567';

/** Which note an action aims at: one made earlier in the run (anyone's), or none that exists. */
type Target = { kind: 'made'; index: number } | { kind: 'unknown' } | { kind: 'malformed' };

type Action =
  | { verb: 'create'; actor: number; title: string }
  | { verb: 'get' | 'delete'; actor: number; target: Target }
  | { verb: 'update'; actor: number; target: Target; title: string };

type MadeNote = { id: string; owner: number; title: string; deleted: boolean };

const actor = fc.integer({ min: 0, max: USERS - 1 });
const title = fc.string({ minLength: 1, maxLength: 30 }).filter((value) => value.trim().length > 0);
const target: fc.Arbitrary<Target> = fc.oneof(
  { weight: 6, arbitrary: fc.nat(40).map((index) => ({ kind: 'made' as const, index })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'unknown' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'malformed' as const }) },
);

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ verb: fc.constant('create' as const), actor, title }) },
  { weight: 2, arbitrary: fc.record({ verb: fc.constantFrom('get' as const, 'delete' as const), actor, target }) },
  { weight: 2, arbitrary: fc.record({ verb: fc.constant('update' as const), actor, target, title }) },
);

async function outcomeOf<T>(call: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; code: string | null; message: string }> {
  try {
    return { ok: true, value: await call };
  } catch (error) {
    return { ok: false, code: errorInfo(error).code, message: (error as Error).message };
  }
}

describe('owner scoping under random interleavings of every note procedure', () => {
  let server: TestServer;
  let notFoundMessage: string;

  beforeAll(async () => {
    // Each run signs up three users: far more than the default per-address limit.
    server = await startTestServer({ RATE_LIMIT_REGISTER_PER_ADDRESS: '10000/60' });

    const probe = await server.registerAndLogin('probe');
    const missing = await outcomeOf(probe.client.notes.get.query({ id: UNKNOWN_ID }));
    notFoundMessage = missing.ok ? '' : missing.message;
  });

  afterAll(() => server.close());

  it(`never lets a user read, list, update or delete another user's note (seed ${SEED})`, async () => {
    expect(notFoundMessage).toBe('Note not found');

    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 5, maxLength: 25 }), async (actions) => {
        const users: TestUser[] = [];
        for (let i = 0; i < USERS; i += 1) users.push(await server.registerAndLogin(`prop${i}`));
        const made: MadeNote[] = [];

        const idOf = (aim: Target) =>
          aim.kind === 'made' ? (made[aim.index % Math.max(made.length, 1)]?.id ?? UNKNOWN_ID) : aim.kind === 'unknown' ? UNKNOWN_ID : 'not-an-id';
        const noteOf = (aim: Target) => (aim.kind === 'made' ? made.find((note) => note.id === idOf(aim)) : undefined);

        for (const step of actions) {
          const client = users[step.actor]!.client;

          if (step.verb === 'create') {
            const created = await client.notes.create.mutate({ title: step.title, body: '' });
            expect(created.owner).toBe(users[step.actor]!.username);
            made.push({ id: created.id, owner: step.actor, title: created.title, deleted: false });
          } else {
            const note = noteOf(step.target);
            const reachable = note !== undefined && note.owner === step.actor && !note.deleted;
            const id = idOf(step.target);

            const result =
              step.verb === 'get'
                ? await outcomeOf(client.notes.get.query({ id }))
                : step.verb === 'update'
                  ? await outcomeOf(client.notes.update.mutate({ id, title: step.title }))
                  : await outcomeOf(client.notes.delete.mutate({ id }));

            if (reachable) {
              expect(result.ok).toBe(true);
              if (step.verb === 'update') note.title = step.title.trim();
              if (step.verb === 'delete') note.deleted = true;
            } else {
              // Another user's note answers exactly as a missing or malformed one.
              expect(result).toEqual({ ok: false, code: 'NOT_FOUND', message: notFoundMessage });
            }
          }

          for (const [index, user] of users.entries()) {
            const listed = await user.client.notes.list.query({ limit: 100 });
            const expected = made.filter((note) => note.owner === index && !note.deleted);

            expect(listed.items.map((item) => item.id).sort()).toEqual(expected.map((note) => note.id).sort());
            for (const item of listed.items) {
              expect(item.owner).toBe(user.username);
              expect(item.title).toBe(expected.find((note) => note.id === item.id)?.title);
            }
          }
        }
      }),
      { seed: SEED, numRuns: 25, endOnFailure: true },
    );
  }, 240_000);
});
