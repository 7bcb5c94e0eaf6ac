import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { describe, expect, test } from 'vitest';

const SRC = join(import.meta.dirname, '..', 'src');

// The owner-bound access path, plus the start-up code that builds indexes.
const ALLOWED = ['db/connection.ts', 'db/note-model.ts', 'notes/note-access.ts'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);

    return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('reaching the notes collection', () => {
  test('only the owner-bound access path imports the Note model', () => {
    const importers = sourceFiles(SRC)
      .filter((file) => /from '[./]*(db\/)?note-model'/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(SRC, file));

    expect(importers.length).toBeGreaterThan(0);
    for (const file of importers) expect(ALLOWED).toContain(file);
  });

  test('no note procedure names the owner itself', () => {
    const router = readFileSync(join(SRC, 'notes', 'router.ts'), 'utf8');

    expect(router).not.toMatch(/owner/);
    expect(router).not.toMatch(/NoteModel|mongoose/);
  });
});
