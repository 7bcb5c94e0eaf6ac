import { randomBytes } from 'node:crypto';

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
const SEED_CONCURRENCY = 16;

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

/** Registers `users` users through the API and gives each `notesPerUser` notes. */
export async function seed(baseUrl: string, users: number, notesPerUser: number): Promise<SeededUser[]> {
  const seeded: SeededUser[] = [];
  await inParallel([...Array(users).keys()], SEED_CONCURRENCY, async (index) => {
    seeded.push(await registerAndLogin(baseUrl, index));
  });

  const creations = seeded.flatMap((user) => [...Array(notesPerUser).keys()].map((n) => ({ user, n })));
  await inParallel(creations, SEED_CONCURRENCY, async ({ user, n }) => {
    const note = await trpcMutation<{ id: string }>(
      baseUrl,
      'notes.create',
      { title: `Seeded note ${n} of ${user.username}`, body: SEED_BODY },
      user.access,
    );
    user.noteIds.push(note.id);
  });

  return seeded;
}
