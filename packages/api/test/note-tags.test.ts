import { describe, expect, test } from 'vitest';

import { normaliseTag, tagProblem } from '../src/notes/tag-rules';
import { tag, tagList } from '../src/notes/tags';

// The tag rules of notes/tag-rules.ts and the schemas of notes/tags.ts, checked without
// a server: normalising is idempotent (a stored tag matches itself when searched for),
// the schema refuses what tagProblem refuses, and lists fold.

describe('normaliseTag', () => {
  test('is idempotent for every single code point and each one after a letter', () => {
    const unstable: string[] = [];

    for (let codePoint = 0; codePoint <= 0x3ffff; codePoint += 1) {
      if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue;

      for (const text of [String.fromCodePoint(codePoint), `a${String.fromCodePoint(codePoint)}`]) {
        const once = normaliseTag(text);
        if (normaliseTag(once) !== once) unstable.push(text);
      }
    }

    expect(unstable).toEqual([]);
  });

  test.each([
    [' Work ', 'work'],
    ['Ｗｏｒｋ', 'work'],
    ['ÄRGER', 'ärger'],
    ['A\u0308rger', 'ärger'],
    ['ǅ', 'dž'],
    ['ΣΟΦΊΑ', 'σοφία'],
    ['ﬁle', 'file'],
  ])('%j → %j', (raw, stored) => {
    expect(normaliseTag(raw)).toBe(stored);
  });
});

describe('tagList', () => {
  test('folds duplicates after normalising, keeping the first position', () => {
    expect(tagList.parse(['b', 'A', ' a', 'B', 'c'])).toEqual(['b', 'a', 'c']);
  });

  test('counts the limit after folding', () => {
    const twenty = Array.from({ length: 20 }, (_, index) => `t${index}`);

    expect(tagList.parse([...twenty, ...twenty.map((each) => each.toUpperCase())])).toEqual(twenty);
    expect(tagList.safeParse([...twenty, 'one-more']).success).toBe(false);
  });
});

describe('tag', () => {
  test.each([
    ['', 'empty', 'Tag must not be empty'],
    ['x'.repeat(33), 'too-long', 'Tag must be at most 32 characters'],
    ['𠀀'.repeat(33), 'too-long', 'Tag must be at most 32 characters'],
    [' '.repeat(128) + 'a', 'too-long', 'Tag must be at most 32 characters'],
    ['to do', 'characters', 'Tag may hold only letters, digits, - and _'],
  ])('refuses %j as tagProblem says (%s), with one message', (raw, problem, message) => {
    expect(tagProblem(raw)).toBe(problem);
    expect(tag.safeParse(raw).error?.issues.map((issue) => issue.message)).toEqual([message]);
  });

  test('stores what tagProblem accepts, in normaliseTag spelling', () => {
    const raw = ' '.repeat(124) + 'Ｗｏｒｋ'; // 128 characters as sent, the most accepted

    expect(tagProblem(raw)).toBeNull();
    expect(tag.parse(raw)).toBe('work');
  });

  test('counts characters (code points), not UTF-16 units, as sent and as stored', () => {
    const longest = '𠀀'.repeat(32); // 64 UTF-16 units
    const longestSent = ' '.repeat(127) + '𠀀';

    expect([tagProblem(longest), tag.parse(longest)]).toEqual([null, longest]);
    expect([tagProblem(longestSent), tag.parse(longestSent)]).toEqual([null, '𠀀']);
  });
});
