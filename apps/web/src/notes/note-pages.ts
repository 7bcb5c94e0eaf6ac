import type { Note, RouterOutputs } from '@scoped-notes/client';
import type { InfiniteData } from '@tanstack/react-query';

export type NotePage = RouterOutputs['notes']['list'];

/** A list of notes as the cache holds it: the pages fetched so far, and their cursors. */
export type NotePages = InfiniteData<NotePage, string | null>;

function mapItems(pages: NotePages, change: (items: Note[], index: number) => Note[]): NotePages {
  return { ...pages, pages: pages.pages.map((page, index) => ({ ...page, items: change(page.items, index) })) };
}

/** Puts a new note at the top, where the newest-first list would show it. */
export function prependNote(pages: NotePages, note: Note): NotePages {
  const alreadyListed = pages.pages.some((page) => page.items.some((each) => each.id === note.id));
  if (alreadyListed) return pages;

  return mapItems(pages, (items, index) => (index === 0 ? [note, ...items] : items));
}

export function replaceNote(pages: NotePages, note: Note): NotePages {
  return mapItems(pages, (items) => items.map((each) => (each.id === note.id ? note : each)));
}

// The page cursors stay valid: each points at a position in the list, not at a note that must exist.
export function removeNote(pages: NotePages, id: string): NotePages {
  return mapItems(pages, (items) => items.filter((each) => each.id !== id));
}
