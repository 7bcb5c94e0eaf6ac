import type { Note, Tokens } from '@scoped-notes/client';

export const USER = { id: 'u1', username: 'ada', email: null };
export const TOKENS: Tokens = { access: 'access-1', refresh: 'refresh-1' };

/** A note as the server sends it. */
export function aNote(overrides: Partial<Note> = {}): Note {
  const at = '2026-03-01T10:00:00.000Z';
  const note: Note = {
    id: 'n1',
    owner: USER.username,
    title: 'First note',
    body: 'hello',
    tags: [],
    version: 1,
    createdAt: at,
    updatedAt: at,
  };

  return { ...note, ...overrides };
}
