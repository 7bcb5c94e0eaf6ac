import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import {
  BODY_MAX_LENGTH,
  createNotesClient,
  errorInfo,
  isValidTag,
  normaliseTag,
  SEARCH_MAX_LENGTH,
  TAG_MAX_LENGTH,
  tagProblem,
  TAGS_PER_NOTE_MAX,
  TITLE_MAX_LENGTH,
  type NotesClient,
  type TagProblem,
} from '../src/index';
import { startRealServer, type RealServer } from './real-server';

// The SDK's tag and note rules against the real server: for every tricky tag, what
// the SDK says (stored spelling, or why refused) is what notes.create does with it.

type Verdict = { stored: string } | { refused: TagProblem };

const TRICKY_TAGS: Array<[string, Verdict]> = [
  ['Ｗｏｒｋ', { stored: 'work' }],
  [' Home ', { stored: 'home' }],
  ['\ttab', { stored: 'tab' }],
  ['Ä', { stored: 'ä' }],
  ['A\u0308rger', { stored: 'ärger' }],
  ['e\u0301', { stored: 'é' }],
  ['\u0301', { stored: '\u0301' }],
  ['ǅ', { stored: 'dž' }],
  ['ΣΟΦΊΑ', { stored: 'σοφία' }],
  ['ﬁle', { stored: 'file' }],
  ['İ', { stored: 'i\u0307' }],
  ['ẞ', { stored: 'ß' }],
  ['Ⅻ', { stored: 'xii' }],
  ['²', { stored: '2' }],
  ['٣', { stored: '٣' }],
  ['日本語', { stored: '日本語' }],
  ['-_', { stored: '-_' }],
  ['x'.repeat(TAG_MAX_LENGTH), { stored: 'x'.repeat(TAG_MAX_LENGTH) }],
  ['x'.repeat(TAG_MAX_LENGTH + 1), { refused: 'too-long' }],
  ['ｘ'.repeat(TAG_MAX_LENGTH + 1), { refused: 'too-long' }],
  // Characters are code points: "𠀀" (U+20000) is one, though two UTF-16 units.
  ['𠀀'.repeat(TAG_MAX_LENGTH), { stored: '𠀀'.repeat(TAG_MAX_LENGTH) }],
  ['𠀀'.repeat(TAG_MAX_LENGTH + 1), { refused: 'too-long' }],
  [' '.repeat(TAG_MAX_LENGTH * 4 - 1) + '𠀀', { stored: '𠀀' }],
  [' '.repeat(TAG_MAX_LENGTH * 4) + '𠀀', { refused: 'too-long' }],
  // One character that NFKC spells as two pushes 32 to 33.
  ['x'.repeat(TAG_MAX_LENGTH - 1) + 'ǅ', { refused: 'too-long' }],
  // Spaces are trimmed, but only up to the bound on what may be sent at all.
  [' '.repeat(TAG_MAX_LENGTH * 4 - 1) + 'a', { stored: 'a' }],
  [' '.repeat(TAG_MAX_LENGTH * 4) + 'a', { refused: 'too-long' }],
  // NFKC makes this one character 18, spaces among them.
  ['ﷺ', { refused: 'characters' }],
  ['to do', { refused: 'characters' }],
  ['#work', { refused: 'characters' }],
  ['🙂', { refused: 'characters' }],
  ['a\u200bb', { refused: 'characters' }],
  ['a\u00adb', { refused: 'characters' }],
  ['', { refused: 'empty' }],
  ['   ', { refused: 'empty' }],
];

function sdkVerdict(raw: string): Verdict {
  const problem = tagProblem(raw);

  return problem ? { refused: problem } : { stored: normaliseTag(raw) };
}

describe('the SDK alone', () => {
  test.each(TRICKY_TAGS)('%j: %j', (raw, expected) => {
    expect(sdkVerdict(raw)).toEqual(expected);
    expect(isValidTag(raw)).toBe('stored' in expected);
  });
});

describe('the SDK and the real server', () => {
  let server: RealServer;
  let client: NotesClient;

  beforeAll(async () => {
    server = await startRealServer();
    client = createNotesClient({ url: server.url });

    const username = `rules-${process.pid}`;
    await client.register({ username, password: 'correct horse battery staple' });
    await client.login({ username, password: 'correct horse battery staple' });
  }, 60_000);

  afterAll(() => server?.close());

  // Whether notes.create stores the tag (and how it spells it) or refuses it for that tag.
  async function serverAccepts(raw: string): Promise<{ stored: string } | 'refused'> {
    try {
      const note = await client.notes.create.mutate({ title: 'tag rules', tags: [raw] });

      return { stored: note.tags.join(' | ') };
    } catch (error) {
      const { code, fields } = errorInfo(error);
      if (code !== 'BAD_REQUEST' || !fields['tags.0']) throw error;

      return 'refused';
    }
  }

  test.each(TRICKY_TAGS)('agree on %j', async (raw) => {
    const sdk = sdkVerdict(raw);

    expect(await serverAccepts(raw)).toEqual('stored' in sdk ? sdk : 'refused');
  });

  test(`a note holds at most TAGS_PER_NOTE_MAX (${TAGS_PER_NOTE_MAX}) distinct tags, counted after folding`, async () => {
    const most = Array.from({ length: TAGS_PER_NOTE_MAX }, (_, index) => `tag${index}`);
    const folding = [...most, ...most.map((each) => each.toUpperCase())];

    const note = await client.notes.create.mutate({ title: 'many tags', tags: folding });
    expect(note.tags).toEqual(most);

    const refused = await rejection(client.notes.create.mutate({ title: 'too many tags', tags: [...most, 'one-more'] }));
    expect(errorInfo(refused)).toMatchObject({ code: 'BAD_REQUEST', fields: { tags: expect.any(Array) } });
  });

  test(`a title holds TITLE_MAX_LENGTH (${TITLE_MAX_LENGTH}) characters, a body BODY_MAX_LENGTH (${BODY_MAX_LENGTH})`, async () => {
    const longest = await client.notes.create.mutate({
      title: 't'.repeat(TITLE_MAX_LENGTH),
      body: 'b'.repeat(BODY_MAX_LENGTH),
    });
    expect([longest.title.length, longest.body.length]).toEqual([TITLE_MAX_LENGTH, BODY_MAX_LENGTH]);

    const titleRefused = await rejection(client.notes.create.mutate({ title: 't'.repeat(TITLE_MAX_LENGTH + 1) }));
    expect(errorInfo(titleRefused)).toMatchObject({ code: 'BAD_REQUEST', fields: { title: expect.any(Array) } });

    const bodyRefused = await rejection(
      client.notes.create.mutate({ title: 'long body', body: 'b'.repeat(BODY_MAX_LENGTH + 1) }),
    );
    expect(errorInfo(bodyRefused)).toMatchObject({ code: 'BAD_REQUEST', fields: { body: expect.any(Array) } });
  });

  test(`a search holds SEARCH_MAX_LENGTH (${SEARCH_MAX_LENGTH}) characters`, async () => {
    await expect(client.notes.list.query({ search: 's'.repeat(SEARCH_MAX_LENGTH) })).resolves.toMatchObject({
      items: [],
    });

    const refused = await rejection(client.notes.list.query({ search: 's'.repeat(SEARCH_MAX_LENGTH + 1) }));
    expect(errorInfo(refused)).toMatchObject({ code: 'BAD_REQUEST', fields: { search: expect.any(Array) } });
  });
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to be refused');
    },
    (error: unknown) => error,
  );
}
