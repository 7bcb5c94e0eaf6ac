import { createHmac } from 'node:crypto';

import type { NoteSort } from '@scoped-notes/api';

import { TEST_JWT_SECRET } from './test-server';

/** What the server binds a cursor to (packages/api/src/notes/cursor.ts). */
export type ForgedScope = { userId: string; sort?: NoteSort; search?: string; tags?: string[] };

/**
 * A cursor signed as the server signs one, with the test secret, around any
 * position text: for tests of what the server does with a cursor whose signature
 * is right but whose content is not. A test that forges a valid position and gets
 * a page back checks that this stays in step with the server.
 */
export function forgeCursor(position: unknown, scope: ForgedScope, secret = TEST_JWT_SECRET): string {
  const key = createHmac('sha256', secret).update('scoped-notes page cursor').digest();
  const positionText = Buffer.from(JSON.stringify(position)).toString('base64url');
  const scopeText = JSON.stringify(['v1', scope.userId, scope.sort ?? 'updated', scope.search ?? '', [...(scope.tags ?? [])].sort()]);
  const signature = createHmac('sha256', key).update(`${positionText}\n${scopeText}`).digest('base64url');

  return `${positionText}.${signature}`;
}

/** The position inside a cursor the server made: `{ k: <sort key in ms>, i: <note id> }`. */
export function cursorPosition(cursor: string): Record<string, unknown> {
  const [positionText = ''] = cursor.split('.');

  return JSON.parse(Buffer.from(positionText, 'base64url').toString('utf8')) as Record<string, unknown>;
}
