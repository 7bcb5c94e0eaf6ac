import { SEARCH_MAX_LENGTH } from '@scoped-notes/api';
import { paginateNotes, type Note } from '@scoped-notes/client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { expectRestError, restCaller, type RestCall } from './support/rest-calls';
import { expectFieldRejection } from './support/sdk-errors';
import { startTestServer, type TestServer, type TestUser } from './support/test-server';
import { bearer, expectFieldError, wireQuery } from './support/trpc-wire';

// notes.list's `search`: a case-insensitive, literal match in title or body. What the
// user types is never run as a pattern, Unicode letters match across case, and only
// the caller's own notes are ever searched.

let server: TestServer;
let call: RestCall;
let alice: TestUser;
let bob: TestUser;

/** alice's notes by a short name, each with the text the searches below look for. */
const notes: Record<string, Note> = {};

const ALICE_NOTES: Record<string, { title: string; body: string }> = {
  dotStar: { title: 'wildcards', body: 'the literal text a.*b sits here' },
  backtracking: { title: 'regex trap (a+)+$ in a title', body: '' },
  where: { title: 'operators', body: 'a $where clause, and {"$gt": ""}' },
  backslash: { title: 'paths', body: 'C:\\Users\\alice' },
  bracket: { title: 'array [ open', body: '' },
  anger: { title: 'Ärger im Büro', body: '' },
  digraph: { title: 'ǅemal', body: 'titlecase digraph' },
  emoji: { title: 'launch day', body: 'rocket 🚀 ready' },
  greek: { title: 'ΣΟΦΙΑ', body: 'wisdom' },
  plain: { title: 'Meeting notes', body: 'agenda for the MEETING' },
  other: { title: 'groceries', body: 'milk' },
};

beforeAll(async () => {
  server = await startTestServer();
  call = restCaller(server.url);
  [alice, bob] = await Promise.all([server.registerAndLogin('alice'), server.registerAndLogin('bob')]);

  for (const [name, content] of Object.entries(ALICE_NOTES)) {
    notes[name] = await alice.client.notes.create.mutate(content);
  }
  await bob.client.notes.create.mutate({ title: 'Meeting with alice', body: 'bob wrote this: a.*b [ (a+)+$ Ärger 🚀' });
});

afterAll(() => server.close());

async function titlesFound(user: TestUser, search: string): Promise<string[]> {
  const found: string[] = [];
  for await (const note of paginateNotes(user.client, { search, limit: 100 })) found.push(note.title);

  return found.sort();
}

const titlesOf = (...names: string[]) => names.map((name) => ALICE_NOTES[name]!.title).sort();

describe('regular-expression characters are plain text', () => {
  test.each([
    ['.*', ['dotStar']],
    ['a.*b', ['dotStar']],
    ['(a+)+$', ['backtracking']],
    ['$where', ['where']],
    ['{"$gt": ""}', ['where']],
    ['\\', ['backslash']],
    ['C:\\Users', ['backslash']],
    ['[', ['bracket']],
    ['^', []],
    ['|', []],
    ['a{2}', []],
  ])('%j finds exactly the notes holding it', async (search, expected) => {
    expect(await titlesFound(alice, search)).toEqual(titlesOf(...expected));
  });

  test('a catastrophic-backtracking pattern answers at once, as text', async () => {
    const started = performance.now();
    const found = await titlesFound(alice, `${'a'.repeat(40)}(a+)+$`);

    expect(found).toEqual([]);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('case-insensitive across scripts', () => {
  test.each([
    ['meeting', ['plain']],
    ['MEETING NOTES', ['plain']],
    ['ärger', ['anger']],
    ['ÄRGER IM BÜRO', ['anger']],
    ['ǆemal', ['digraph']],
    ['Ǆemal', ['digraph']],
    ['σοφια', ['greek']],
    ['🚀', ['emoji']],
    ['ROCKET 🚀', ['emoji']],
  ])('%j', async (search, expected) => {
    expect(await titlesFound(alice, search)).toEqual(titlesOf(...expected));
  });

  test('an empty search is no filter', async () => {
    expect(await titlesFound(alice, '')).toEqual(Object.values(ALICE_NOTES).map((each) => each.title).sort());
  });
});

describe('limits', () => {
  test(`a search of ${SEARCH_MAX_LENGTH} characters is fine; one more is BAD_REQUEST naming search`, async () => {
    await expect(alice.client.notes.list.query({ search: 'x'.repeat(SEARCH_MAX_LENGTH) })).resolves.toEqual({
      items: [],
      nextCursor: null,
    });
    await expectFieldRejection(alice.client.notes.list.query({ search: 'x'.repeat(SEARCH_MAX_LENGTH + 1) }), 'search');
  });

  test('a NUL character, a number or an operator object is BAD_REQUEST naming search', async () => {
    const asAlice = bearer(alice.tokens().access);

    for (const search of ['a\u0000b', 5, { $regex: '.*' }, { $where: '1' }, ['x']]) {
      expectFieldError(await wireQuery(server.url, 'notes.list', { search }, asAlice), 'search');
    }
  });
});

describe('scoping', () => {
  test.each(['Meeting', 'a.*b', '(a+)+$', 'ärger', '🚀', '['])(
    '%j never finds the other user\'s note, for either of them',
    async (search) => {
      const bobs = await titlesFound(bob, search);
      const alices = await titlesFound(alice, search);

      expect(bobs).toEqual(['Meeting with alice']);
      expect(alices).not.toContain('Meeting with alice');
    },
  );
});

describe('REST: GET /api/notes/?search=', () => {
  test('matches like tRPC, with the text URL-encoded', async () => {
    for (const search of ['a.*b', 'ärger', '$where', '🚀']) {
      const answer = await call('GET', `/api/notes/?search=${encodeURIComponent(search)}&limit=100`, {
        token: alice.tokens().access,
      });

      expect(answer.status, answer.text).toBe(200);
      const titles = (answer.body.items as Note[]).map((each) => each.title).sort();
      expect(titles).toEqual(await titlesFound(alice, search));
      expect(titles.length).toBe(1);
    }
  });

  test('too long, or given twice, is 400 naming search', async () => {
    const long = await call('GET', `/api/notes/?search=${'y'.repeat(SEARCH_MAX_LENGTH + 1)}`, { token: alice.tokens().access });
    expectRestError(long, { status: 400, code: 'BAD_REQUEST', fields: ['search'] });

    const twice = await call('GET', '/api/notes/?search=a&search=b', { token: alice.tokens().access });
    expectRestError(twice, { status: 400, code: 'BAD_REQUEST', fields: ['search'] });
  });
});
