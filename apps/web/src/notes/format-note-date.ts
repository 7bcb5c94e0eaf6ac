import type { Note } from '@scoped-notes/client';

import { formatDateTime } from '../app/format-date-time';

export interface NoteDateLabel {
  verb: 'Written' | 'Edited';
  iso: string;
  text: string;
}

/** "Written …" for an untouched note, "Edited …" once it changed, with the time to show. */
export function noteDateLabel(note: Pick<Note, 'createdAt' | 'updatedAt'>): NoteDateLabel {
  const edited = note.updatedAt !== note.createdAt;
  const iso = edited ? note.updatedAt : note.createdAt;

  return { verb: edited ? 'Edited' : 'Written', iso, text: formatDateTime(iso) };
}
