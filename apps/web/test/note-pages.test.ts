import type { Note } from '@scoped-notes/client';
import { describe, expect, it } from 'vitest';

import { prependNote, removeNote, replaceNote, type NotePages } from '../src/notes/note-pages';
import { aNote } from './support/fixtures';

const note = (id: string, title = `Note ${id}`) => aNote({ id, title });

function pagesOf(...pages: Note[][]): NotePages {
  return {
    pages: pages.map((items, index) => ({ items, nextCursor: index < pages.length - 1 ? `cursor-${index}` : null })),
    pageParams: pages.map((_, index) => (index === 0 ? null : `cursor-${index - 1}`)),
  };
}

const ids = (pages: NotePages) => pages.pages.map((page) => page.items.map((each) => each.id));

describe('note page helpers', () => {
  it('prepends a new note to the first page only, once', () => {
    const before = pagesOf([note('b'), note('a')], [note('z')]);

    const after = prependNote(before, note('c'));

    expect(ids(after)).toEqual([['c', 'b', 'a'], ['z']]);
    expect(prependNote(after, note('c'))).toBe(after);
    expect(after.pageParams).toEqual(before.pageParams);
  });

  it('replaces a note wherever it is, leaving the others and the cursors alone', () => {
    const before = pagesOf([note('b')], [note('a')]);

    const after = replaceNote(before, note('a', 'Renamed'));

    expect(after.pages[1]?.items[0]?.title).toBe('Renamed');
    expect(after.pages[0]).toEqual(before.pages[0]);
    expect(after.pages.map((page) => page.nextCursor)).toEqual(['cursor-0', null]);
  });

  it('removes a note from whichever page holds it, without changing the input', () => {
    const before = pagesOf([note('c'), note('b')], [note('a')]);

    const after = removeNote(before, 'b');

    expect(ids(after)).toEqual([['c'], ['a']]);
    expect(ids(before)).toEqual([['c', 'b'], ['a']]);
  });
});
