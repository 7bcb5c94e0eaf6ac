import type { Note } from '@scoped-notes/client';

import { formatDateTime } from '../app/format-date-time';

/** "Written …" for an untouched note, "Edited …" once it changed, with the time to show. */
export function noteDateLabel(note: Pick<Note, 'createdAt' | 'updatedAt'>): { verb: string; iso: string; text: string } {
  const edited = note.updatedAt !== note.createdAt;
  const iso = edited ? note.updatedAt : note.createdAt;

  return { verb: edited ? 'Edited' : 'Written', iso, text: formatDateTime(iso) };
}
