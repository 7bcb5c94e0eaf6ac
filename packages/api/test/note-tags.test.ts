import { describe, expect, test } from 'vitest';

import { normaliseTag, tagList } from '../src/notes/tags';

// The tag spelling rules of notes/tags.ts, checked without a server: normalising is
// idempotent (a stored tag matches itself when searched for), and lists fold.

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
