import type { Note } from '@scoped-notes/client';

import { Refusal } from './fake-api';
import { aNote, TOKENS, USER } from './fixtures';
import { renderApp } from './render-app';

type Handler = (input: unknown) => unknown;
type ListInput = { search?: string; tags?: string[] };
type WriteInput = { id: string; title?: string; body?: string; tags?: string[]; expectedVersion?: number };

/**
 * Signed in as USER, with a fake server that keeps `notes` (newest first) and
 * filters, counts, versions and changes them as the API does. `handlers` replace
 * any procedure's answer.
 */
export function signedInWith(notes: Note[], handlers: Record<string, Handler> = {}) {
  const stored = [...notes];

  const find = (id: string) => {
    const index = stored.findIndex((each) => each.id === id);
    if (index < 0) throw new Refusal('NOT_FOUND');

    return index;
  };

  const checkVersion = (note: Note, expectedVersion: number | undefined) => {
    if (expectedVersion !== undefined && expectedVersion !== note.version) {
      throw new Refusal('CONFLICT', undefined, { data: { currentVersion: note.version } });
    }
  };

  const matches = (note: Note, { search = '', tags = [] }: ListInput) =>
    (note.title + '\n' + note.body).toLowerCase().includes(search.toLowerCase()) &&
    tags.every((tag) => note.tags.includes(tag));

  const tagCounts = () => {
    const counts = new Map<string, number>();
    for (const tag of stored.flatMap((note) => note.tags)) counts.set(tag, (counts.get(tag) ?? 0) + 1);

    return [...counts].map(([tag, count]) => ({ tag, count })).sort((a, b) => b.count - a.count);
  };

  const rendered = renderApp({
    tokens: TOKENS,
    handlers: {
      'auth.me': () => USER,
      'notes.list': (input) => ({
        items: stored.filter((note) => matches(note, input as ListInput)),
        nextCursor: null,
      }),
      'notes.tags': tagCounts,
      'notes.get': (input) => stored[find((input as { id: string }).id)],
      'notes.create': (input) => {
        const note = aNote({ id: `n${stored.length + 1}`, ...(input as Partial<Note>) });
        stored.unshift(note);

        return note;
      },
      'notes.update': (input) => {
        const { id, expectedVersion, ...changes } = input as WriteInput;
        const index = find(id);
        checkVersion(stored[index]!, expectedVersion);
        const note = { ...stored[index]!, ...changes, version: stored[index]!.version + 1 };
        stored[index] = note;

        return note;
      },
      'notes.delete': (input) => {
        const { id, expectedVersion } = input as WriteInput;
        const index = find(id);
        checkVersion(stored[index]!, expectedVersion);
        stored.splice(index, 1);

        return { id };
      },
      ...handlers,
    },
  });

  return { ...rendered, stored };
}
