import { describe, expect, expectTypeOf, it } from 'vitest';

import type { NoteListInput } from '../src/notes/note-list-input';
import { isFiltered, noteMatches } from '../src/notes/note-matches';
import { aNote } from './support/fixtures';

describe('NoteListInput', () => {
  it('keeps the keys of notes.list’s input (tRPC’s `void` in that type once emptied it)', () => {
    expectTypeOf<NoteListInput>().toHaveProperty('search');
    expectTypeOf<NoteListInput>().toHaveProperty('tags');
    expectTypeOf<NoteListInput>().toHaveProperty('sort');
    expectTypeOf<NoteListInput>().not.toHaveProperty('cursor');

    const input: NoteListInput = { search: 'milk', tags: ['errands'], sort: 'created' };
    expect(isFiltered(input)).toBe(true);
  });
});

describe('noteMatches(note, input) and isFiltered(input)', () => {
  const note = aNote({ title: 'Groceries', body: 'Oat MILK and eggs', tags: ['errands', 'home'] });

  it('finds the search text in the title or the body, whatever its case', () => {
    expect(noteMatches(note, { search: 'milk' })).toBe(true);
    expect(noteMatches(note, { search: 'GROCER' })).toBe(true);
    expect(noteMatches(note, { search: 'bread' })).toBe(false);
  });

  it('asks for every tag', () => {
    expect(noteMatches(note, { tags: ['home'] })).toBe(true);
    expect(noteMatches(note, { tags: ['home', 'errands'], search: 'eggs' })).toBe(true);
    expect(noteMatches(note, { tags: ['home', 'work'] })).toBe(false);
  });

  it('calls a list filtered only when a search or a tag narrows it', () => {
    expect(isFiltered({})).toBe(false);
    expect(isFiltered({ sort: 'created', tags: [] })).toBe(false);
    expect(isFiltered({ tags: ['home'] })).toBe(true);
  });
});
