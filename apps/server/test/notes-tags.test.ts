import { TAG_MAX_LENGTH, TAGS_PER_NOTE_MAX, TAGS_SENT_MAX } from '@scoped-notes/api/limits';
import { paginateNotes, type Note } from '@scoped-notes/client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { expectRestError, restCaller, type RestCall } from './support/rest-calls';
import { expectFieldRejection } from './support/sdk-errors';
import { startTestServer, type TestServer, type TestUser } from './support/test-server';
import { bearer, expectFieldError, wireMutation, wireQuery } from './support/trpc-wire';

// Tags: normalised (trimmed, NFKC, lower-cased), duplicates folded, 1–32 letters
// (code points), digits, - or _, at most 20 per note and 100 sent at once; filtering by every given tag; counts per
// user; and the same over REST (`?tag=` repeated, `GET /api/tags/`).

let server: TestServer;
let call: RestCall;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  call = restCaller(server.url);
  [alice, bob] = await Promise.all([server.registerAndLogin('alice'), server.registerAndLogin('bob')]);
});

afterAll(() => server.close());

async function idsTagged(user: TestUser, tags: string[]): Promise<string[]> {
  const ids: string[] = [];
  for await (const note of paginateNotes(user.client, { tags, limit: 100 })) ids.push(note.id);

  return ids.sort();
}

describe('normalisation', () => {
  test.each([
    [['Work'], ['work']],
    [['  urgent  '], ['urgent']],
    [['WORK', 'work', ' Work '], ['work']],
    [['Ｗｏｒｋ', 'work'], ['work']],
    [['Ärger', 'ärger', 'ÄRGER'], ['ärger']],
    // NFKC spells the one-character digraphs as two letters.
    [['ǅ', 'ǆ', 'Ǆ', 'dž'], ['dž']],
    [['Σοφία'], ['σοφία']],
    [['日本語', '२०२६', 'to-do', 'snake_case', '42'], ['日本語', '२०२६', 'to-do', 'snake_case', '42']],
    [['b', 'a', 'B'], ['b', 'a']],
  ])('%j is stored as %j', async (sent, stored) => {
    const note = await alice.client.notes.create.mutate({ title: 'normalised', tags: sent });

    expect(note.tags).toEqual(stored);
    await expect(alice.client.notes.get.query({ id: note.id })).resolves.toMatchObject({ tags: stored });
  });

  test('a note without tags has []; update and replace normalise too', async () => {
    const note = await alice.client.notes.create.mutate({ title: 'untagged' });
    expect(note.tags).toEqual([]);

    const updated = await alice.client.notes.update.mutate({ id: note.id, tags: [' Later ', 'LATER', 'home'] });
    expect(updated.tags).toEqual(['later', 'home']);

    const retitled = await alice.client.notes.update.mutate({ id: note.id, title: 'renamed' });
    expect(retitled.tags).toEqual(['later', 'home']);

    const replaced = await alice.client.notes.replace.mutate({ id: note.id, title: 'untagged', body: '', tags: ['X'] });
    expect(replaced.title).toBe('untagged');
    expect(replaced.tags).toEqual(['x']);

    const cleared = await alice.client.notes.replace.mutate({ id: note.id, title: 'untagged', body: '' });
    expect(cleared.tags).toEqual([]);
  });

  test('searching by a tag spelled differently finds the note', async () => {
    const note = await alice.client.notes.create.mutate({ title: 'spelled', tags: ['Spelling-Test'] });

    expect(await idsTagged(alice, [' SPELLING-test '])).toEqual([note.id]);
    expect(await idsTagged(alice, ['ｓｐｅｌｌｉｎｇ-ｔｅｓｔ'])).toEqual([note.id]);
  });
});

describe('limits', () => {
  const twenty = Array.from({ length: TAGS_PER_NOTE_MAX }, (_, index) => `tag${index}`);

  test(`${TAGS_PER_NOTE_MAX} distinct tags are fine, also when duplicates make the list longer`, async () => {
    const note = await alice.client.notes.create.mutate({ title: 'many', tags: [...twenty, 'TAG0', 'tag1 '] });

    expect(note.tags).toEqual(twenty);
  });

  test.each([
    ['21 distinct tags', [...twenty, 'one-more'], 'tags'],
    [`a tag of ${TAG_MAX_LENGTH + 1} characters`, ['x'.repeat(TAG_MAX_LENGTH + 1)], 'tags.0'],
    [`a tag of ${TAG_MAX_LENGTH + 1} characters outside the BMP`, ['𠀀'.repeat(TAG_MAX_LENGTH + 1)], 'tags.0'],
    [`${TAGS_SENT_MAX + 1} tags in one request, though they fold to one`, Array(TAGS_SENT_MAX + 1).fill('same'), 'tags'],
    ['an empty tag', ['ok', ''], 'tags.1'],
    ['a tag of spaces only', ['   '], 'tags.0'],
    ['a space inside', ['two words'], 'tags.0'],
    ['punctuation', ['a.b'], 'tags.0'],
    ['a hash', ['#work'], 'tags.0'],
    ['an emoji', ['🚀'], 'tags.0'],
    ['a slash', ['a/b'], 'tags.0'],
    ['a dollar', ['$ne'], 'tags.0'],
    ['a NUL', ['a\u0000'], 'tags.0'],
  ])('%s is BAD_REQUEST naming %s, on create, update and replace', async (_, tags, field) => {
    const note = await alice.client.notes.create.mutate({ title: 'limit target', tags: ['keep'] });

    await expectFieldRejection(alice.client.notes.create.mutate({ title: 'refused', tags }), field);
    await expectFieldRejection(alice.client.notes.update.mutate({ id: note.id, tags }), field);
    await expectFieldRejection(alice.client.notes.replace.mutate({ id: note.id, title: 't', body: '', tags }), field);
    await expect(alice.client.notes.get.query({ id: note.id })).resolves.toEqual(note);
  });

  // Characters are code points, as for titles: "𠀀" (U+20000) is one, though two UTF-16 units.
  test.each(['x', '𠀀'])(`${TAG_MAX_LENGTH} characters is the longest tag: %j × ${TAG_MAX_LENGTH}`, async (character) => {
    const longest = character.repeat(TAG_MAX_LENGTH);

    const note = await alice.client.notes.create.mutate({ title: 'long tag', tags: [longest] });
    const patched = await call('PATCH', `/api/notes/${note.id}/`, { token: alice.tokens().access, body: { tags: [longest, 'b'] } });

    expect(note.tags).toEqual([longest]);
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body.tags).toEqual([longest, 'b']);
  });

  test(`a request may send ${TAGS_SENT_MAX} tags, counted before duplicates fold`, async () => {
    const spellings = ['work', ' Work', 'WORK', 'home'];
    const sent = Array.from({ length: TAGS_SENT_MAX }, (_, index) => spellings[index % spellings.length] as string);

    const note = await alice.client.notes.create.mutate({ title: 'many sent', tags: sent });

    expect(note.tags).toEqual(['work', 'home']);
  });

  test('tags that are not a list of strings are BAD_REQUEST naming tags', async () => {
    const asAlice = bearer(alice.tokens().access);

    for (const [tags, field] of [
      ['work', 'tags'],
      [{ $all: ['x'] }, 'tags'],
      [null, 'tags'],
      [[5], 'tags.0'],
      [[['nested']], 'tags.0'],
      [[{ $ne: 'x' }], 'tags.0'],
    ] as const) {
      expectFieldError(await wireMutation(server.url, 'notes.create', { title: 'x', tags }, asAlice), field);
    }
    expectFieldError(await wireQuery(server.url, 'notes.list', { tags: 'work' }, asAlice), 'tags');
    expectFieldError(await wireQuery(server.url, 'notes.list', { tags: ['bad tag'] }, asAlice), 'tags.0');
  });
});

describe('filtering by tags', () => {
  let tagger: TestUser;
  let work: Note;
  let workUrgent: Note;
  let urgentHome: Note;

  beforeAll(async () => {
    tagger = await server.registerAndLogin('tagger');
    work = await tagger.client.notes.create.mutate({ title: 'w', tags: ['work'] });
    workUrgent = await tagger.client.notes.create.mutate({ title: 'wu', tags: ['urgent', 'work'] });
    urgentHome = await tagger.client.notes.create.mutate({ title: 'uh', tags: ['urgent', 'home'] });
    await bob.client.notes.create.mutate({ title: 'bob work', tags: ['work', 'urgent'] });
  });

  test('one tag: every note carrying it', async () => {
    expect(await idsTagged(tagger, ['work'])).toEqual([work.id, workUrgent.id].sort());
    expect(await idsTagged(tagger, ['urgent'])).toEqual([workUrgent.id, urgentHome.id].sort());
  });

  test('several tags: only notes carrying all of them, in any order given', async () => {
    expect(await idsTagged(tagger, ['work', 'urgent'])).toEqual([workUrgent.id]);
    expect(await idsTagged(tagger, ['urgent', 'work'])).toEqual([workUrgent.id]);
    expect(await idsTagged(tagger, ['work', 'home'])).toEqual([]);
    expect(await idsTagged(tagger, ['nope'])).toEqual([]);
  });

  test('no tags, or an empty list, is no filter', async () => {
    const all = [work.id, workUrgent.id, urgentHome.id].sort();

    expect(await idsTagged(tagger, [])).toEqual(all);
  });

  test('tags with search: both must hold', async () => {
    const found = await tagger.client.notes.list.query({ tags: ['urgent'], search: 'WU' });

    expect(found.items.map((each) => each.id)).toEqual([workUrgent.id]);
  });

  test('another user\'s notes never show, whatever the tags', async () => {
    const bobsIds = await idsTagged(bob, ['work', 'urgent']);

    expect(bobsIds).toHaveLength(1);
    expect(bobsIds).not.toContain(workUrgent.id);
    expect(await idsTagged(tagger, ['work', 'urgent'])).not.toContain(bobsIds[0]);
  });

  test('REST: repeated ?tag= filters by every tag; one ?tag= works too', async () => {
    const token = tagger.tokens().access;
    const both = await call('GET', '/api/notes/?tag=work&tag=URGENT', { token });
    const one = await call('GET', '/api/notes/?tag=home', { token });

    expect(both.status, both.text).toBe(200);
    expect((both.body.items as Note[]).map((each) => each.id)).toEqual([workUrgent.id]);
    expect((one.body.items as Note[]).map((each) => each.id)).toEqual([urgentHome.id]);
  });

  test('the OpenAPI document names the repeated query parameter `tag`, and documents GET /api/tags', async () => {
    const document = (await call('GET', '/api/openapi.json')).body;
    const parameters = document.paths['/api/notes'].get.parameters as Array<{ name: string; schema: { type: string } }>;

    expect(parameters.map((each) => each.name).sort()).toEqual(['cursor', 'limit', 'search', 'sort', 'tag']);
    expect(parameters.find((each) => each.name === 'tag')?.schema.type).toBe('array');
    expect(document.paths['/api/tags'].get.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/TagCounts',
    });
  });

  test('REST: ?tags=, ?tag[$ne]= and a bad tag are 400', async () => {
    const token = tagger.tokens().access;

    const plural = await call('GET', '/api/notes/?tags=work', { token });
    expectRestError(plural, { status: 400, code: 'BAD_REQUEST' });
    expect(plural.body.error.message).toContain('tag');

    expectRestError(await call('GET', '/api/notes/?tag[$ne]=x', { token }), {
      status: 400,
      code: 'BAD_REQUEST',
      fields: ['tag[$ne]'],
    });
    expectRestError(await call('GET', '/api/notes/?tag=a%20b', { token }), { status: 400, code: 'BAD_REQUEST', fields: ['tags.0'] });
  });
});

describe('notes.tags: counts per user', () => {
  let counter: TestUser;
  let other: TestUser;

  beforeAll(async () => {
    [counter, other] = await Promise.all([server.registerAndLogin('counter'), server.registerAndLogin('other')]);

    await Promise.all([
      counter.client.notes.create.mutate({ title: '1', tags: ['b-tag', 'a-tag', 'common'] }),
      counter.client.notes.create.mutate({ title: '2', tags: ['a-tag', 'common'] }),
      counter.client.notes.create.mutate({ title: '3', tags: ['common', 'b-tag'] }),
      counter.client.notes.create.mutate({ title: '4', tags: ['solo'] }),
      counter.client.notes.create.mutate({ title: '5' }),
      other.client.notes.create.mutate({ title: 'x', tags: ['common', 'common-other', 'a-tag'] }),
      other.client.notes.create.mutate({ title: 'y', tags: ['common-other'] }),
    ]);
  });

  test('most used first, ties by name, counting only the caller\'s notes', async () => {
    await expect(counter.client.notes.tags.query()).resolves.toEqual([
      { tag: 'common', count: 3 },
      { tag: 'a-tag', count: 2 },
      { tag: 'b-tag', count: 2 },
      { tag: 'solo', count: 1 },
    ]);
    await expect(other.client.notes.tags.query()).resolves.toEqual([
      { tag: 'common-other', count: 2 },
      { tag: 'a-tag', count: 1 },
      { tag: 'common', count: 1 },
    ]);
  });

  test('follows updates and deletes; a user without notes has none', async () => {
    const note = await counter.client.notes.create.mutate({ title: 'moving', tags: ['solo'] });
    expect((await counter.client.notes.tags.query()).find((each) => each.tag === 'solo')).toEqual({ tag: 'solo', count: 2 });

    await counter.client.notes.update.mutate({ id: note.id, tags: ['moved'] });
    expect((await counter.client.notes.tags.query()).filter((each) => ['solo', 'moved'].includes(each.tag))).toEqual([
      { tag: 'moved', count: 1 },
      { tag: 'solo', count: 1 },
    ]);

    await counter.client.notes.delete.mutate({ id: note.id });
    expect((await counter.client.notes.tags.query()).map((each) => each.tag)).not.toContain('moved');

    const empty = await server.registerAndLogin('empty');
    await expect(empty.client.notes.tags.query()).resolves.toEqual([]);
  });

  test('REST GET /api/tags/ answers the same, and needs a token', async () => {
    const answer = await call('GET', '/api/tags/', { token: other.tokens().access });

    expect(answer.status, answer.text).toBe(200);
    expect(answer.body).toEqual(await other.client.notes.tags.query());
    expectRestError(await call('GET', '/api/tags/'), { status: 401, code: 'UNAUTHORIZED' });
  });
});
