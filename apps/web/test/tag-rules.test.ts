import { describe, expect, it } from 'vitest';

import { addTags, remainingText, splitTypedTags, tagProblem } from '../src/tags/tag-rules';

describe('tagProblem(tag)', () => {
  it('accepts letters of any script, digits, dashes and underscores', () => {
    for (const tag of ['work', 'to-do', 'q3_2026', 'ärger', '日本語']) expect(tagProblem(tag), tag).toBeNull();
  });

  it('names the tag and says what is wrong with it', () => {
    expect(tagProblem('to do')).toBe(
      '“to do” cannot be a tag: use only letters, digits, dashes (-) and underscores (_), with no spaces.',
    );
    expect(tagProblem('#work')).toMatch(/^“#work” cannot be a tag/);
    expect(tagProblem('x'.repeat(33))).toBe(
      `“${'x'.repeat(33)}” is too long for a tag: a tag has at most 32 characters.`,
    );
    expect(tagProblem('x'.repeat(32))).toBeNull();
    expect(tagProblem('  ')).toBe('A tag cannot be empty.');
  });

  it('judges the spelling the server stores, as the SDK does', () => {
    expect(tagProblem('Ｗｏｒｋ')).toBeNull();
    // NFKC spells "ǅ" as two letters, which makes 32 characters 33.
    expect(tagProblem(`${'x'.repeat(31)}ǅ`)).toMatch(/is too long for a tag/);
  });
});

describe('addTags(tags, typed)', () => {
  it('adds each typed tag once, normalised, skipping empty parts', () => {
    expect(addTags(['work'], ['Home', ' WORK', '', '  ', 'home', 'errands'])).toEqual({
      tags: ['work', 'home', 'errands'],
      problem: null,
      refused: [],
    });
  });

  it('stops at the first tag it cannot add, keeping the ones before it and the rest for fixing', () => {
    expect(addTags([], ['fine', 'not fine', 'later'])).toEqual({
      tags: ['fine'],
      problem: expect.stringMatching(/^“not fine” cannot be a tag/),
      refused: ['not fine', 'later'],
    });
  });

  it('refuses a 21st tag and says which one and why', () => {
    const twenty = Array.from({ length: 20 }, (_, index) => `tag${index}`);

    const result = addTags(twenty, ['tag3', 'one-more']);

    expect(result.tags).toEqual(twenty);
    expect(result.problem).toBe('A note can have at most 20 tags. Remove one before adding “one-more”.');
  });
});

describe('typed text', () => {
  it('is split at commas into finished tags and the one still being typed', () => {
    expect(splitTypedTags('work, home,ho')).toEqual({ finished: ['work', ' home'], typing: 'ho' });
    expect(splitTypedTags('work')).toEqual({ finished: [], typing: 'work' });
    expect(splitTypedTags('work,')).toEqual({ finished: ['work'], typing: '' });
  });

  it('keeps what was refused in front of what is being typed', () => {
    expect(remainingText([' not fine', 'later '], ' ne')).toBe('not fine, later, ne');
    expect(remainingText([], '')).toBe('');
  });
});
