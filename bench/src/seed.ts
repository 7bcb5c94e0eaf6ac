import { randomBytes } from 'node:crypto';

import { ObjectId, type Db } from 'mongodb';

import { inParallel, trpcMutation } from './trpc-call';

export type SeededUser = {
  id: string;
  username: string;
  password: string;
  access: string;
  noteIds: string[];
};

type LoginAnswer = { access: string; refresh: string; user: { id: string } };

export const SEED_BODY = 'x'.repeat(200);
const SIGN_UP_CONCURRENCY = 4;

/** Logs `user` in once more: a session of its own, for a refresh chain. */
export function login(baseUrl: string, user: Pick<SeededUser, 'username' | 'password'>): Promise<LoginAnswer> {
  return trpcMutation<LoginAnswer>(baseUrl, 'auth.login', { username: user.username, password: user.password });
}

async function registerAndLogin(baseUrl: string, index: number): Promise<SeededUser> {
  const username = `bench-${index}-${randomBytes(3).toString('hex')}`;
  const password = `bench password ${randomBytes(8).toString('hex')}`;

  await trpcMutation(baseUrl, 'auth.register', { username, password });
  const { access, user } = await login(baseUrl, { username, password });

  return { id: user.id, username, password, access, noteIds: [] };
}

/**
 * The user's notes written straight into the collection, shaped as the Note model
 * stores them (packages/api/src/db/note-model.ts), one second apart. In one batch:
 * the embedded jongodb takes longer for each single insert as the collection grows
 * (about 170 ms each at 4,000 notes), so seeding through the API would take minutes.
 */
async function insertNotes(db: Db, user: SeededUser, count: number): Promise<void> {
  const owner = new ObjectId(user.id);
  const start = Date.now() - count * 1000;
  const notes = Array.from({ length: count }, (_, n) => {
    const at = new Date(start + n * 1000);

    return { owner, title: `Seeded note ${n} of ${user.username}`, body: SEED_BODY, tags: [], version: 1, createdAt: at, updatedAt: at };
  });

  const { insertedIds } = await db.collection('notes').insertMany(notes);
  user.noteIds.push(...Object.values(insertedIds).map((id) => id.toHexString()));
}

/** Registers `users` users through the API and gives each `notesPerUser` notes. */
export async function seed(baseUrl: string, db: Db, users: number, notesPerUser: number): Promise<SeededUser[]> {
  const seeded: SeededUser[] = [];
  await inParallel([...Array(users).keys()], SIGN_UP_CONCURRENCY, async (index) => {
    seeded.push(await registerAndLogin(baseUrl, index));
  });

  for (const user of seeded) await insertNotes(db, user, notesPerUser);

  return seeded;
}
