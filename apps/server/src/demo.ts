/**
 * The reference walkthrough, driven through the SDK against a running server:
 *   pnpm demo [base-url]     (default http://127.0.0.1:3000)
 * Prints each step and exits 1 at the first step that does not behave as specified.
 */
import { randomBytes } from 'node:crypto';

import { createNotesClient, errorCode, type NotesClient } from '@scoped-notes/client';

const url = process.argv[2] ?? 'http://127.0.0.1:3000';
const suffix = randomBytes(3).toString('hex');

function step(message: string): void {
  console.log(`✓ ${message}`);
}

/** A step that answered, but not as specified; its message is the sentence to print. */
class WalkthroughFailure extends Error {}

function check(condition: boolean, failure: string): void {
  if (!condition) throw new WalkthroughFailure(failure);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function describeFailure(error: unknown): string {
  if (error instanceof WalkthroughFailure) return error.message;

  const code = errorCode(error);
  const reason = code ? `the server answered ${code} (${messageOf(error)})` : messageOf(error);

  return `The walkthrough against ${url} stopped at an unexpected error: ${reason}`;
}

/** What became of a call that should have been refused, in words. */
async function outcomeOf(call: () => Promise<unknown>): Promise<{ code: string | null; said: string }> {
  try {
    await call();

    return { code: null, said: 'it succeeded' };
  } catch (error) {
    const code = errorCode(error);

    return { code, said: code ? `it answered ${code}` : `it failed: ${messageOf(error)}` };
  }
}

async function signUp(name: string): Promise<NotesClient> {
  const client = createNotesClient({ url });
  const password = `pw-${randomBytes(8).toString('hex')}`;

  const user = await client.register({ username: name, email: `${name}@example.com`, password });
  step(`registered ${user.username} (id ${user.id})`);

  await client.login({ username: name, password });
  step(`${name} logged in and holds an access and a refresh token`);

  return client;
}

async function main(): Promise<void> {
  console.log(`Reference walkthrough against ${url}\n`);

  const alice = await signUp(`alice-${suffix}`);
  const bob = await signUp(`bob-${suffix}`);

  const first = await alice.notes.create.mutate({ title: 'Groceries', body: 'milk, eggs' });
  const second = await alice.notes.create.mutate({ title: 'Ideas', body: 'scoped notes' });
  step(`alice created notes ${first.id} and ${second.id}`);

  const aliceList = await alice.notes.list.query({});
  check(aliceList.items.map((note) => note.id).join() === [second.id, first.id].join(), 'alice should see both notes, newest first');
  step(`alice lists ${aliceList.items.length} notes, newest first: ${aliceList.items.map((n) => n.title).join(', ')}`);

  const bobList = await bob.notes.list.query({});
  check(bobList.items.length === 0, "bob should see none of alice's notes");
  step('bob lists his notes: [] (empty)');

  // One at a time: each answer is awaited before the next call, so none can fail unwatched.
  const attempts: Array<[string, () => Promise<unknown>]> = [
    ['get', () => bob.notes.get.query({ id: first.id })],
    ['update', () => bob.notes.update.mutate({ id: first.id, title: 'taken over' })],
    ['delete', () => bob.notes.delete.mutate({ id: first.id })],
  ];
  for (const [verb, attempt] of attempts) {
    const outcome = await outcomeOf(attempt);
    check(outcome.code === 'NOT_FOUND', `bob's ${verb} of alice's note should answer NOT_FOUND, but ${outcome.said}`);
    step(`bob ${verb}s alice's note: NOT_FOUND`);
  }

  const unchanged = await alice.notes.get.query({ id: first.id });
  check(unchanged.title === 'Groceries', "alice's note should be unchanged");
  step(`alice's note is unchanged: "${unchanged.title}"`);

  const held = alice.store.get();
  check(held !== null, 'alice should hold tokens');
  const renewed = await alice.auth.refresh.mutate({ refresh: held!.refresh });
  check(renewed.access !== held!.access, 'refresh should issue a new access token');
  alice.store.set(renewed);
  const me = await alice.auth.me.query();
  step(`refreshed the access token; auth.me with the new one answers ${me.username}`);

  console.log('\nWalkthrough passed.');
}

main().catch((error: unknown) => {
  console.error(`✗ ${describeFailure(error)}`);
  process.exit(1);
});
