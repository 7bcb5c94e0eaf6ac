import { TRPCError } from '@trpc/server';
import { describe, expect, test } from 'vitest';

import { createCursorCodec, type CursorScope } from '../src/notes/cursor';

// Page cursors are signed with a key derived from the JWT secret and bound to one
// user, sort and filter: anything else decodes to BAD_REQUEST, never to a position.

const codec = createCursorCodec('unit-test-secret');
const scope: CursorScope = { userId: '65f0a1b2c3d4e5f601234567', sort: 'updated', search: 'meet', tags: ['a', 'b'] };
const position = { sortKey: new Date('2026-01-05T09:30:00.123Z'), id: '65f0a1b2c3d4e5f6012345ff' };

function expectRefused(decode: () => unknown): void {
  try {
    decode();
  } catch (error) {
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('BAD_REQUEST');

    return;
  }
  throw new Error('the cursor was accepted');
}

describe('a cursor', () => {
  test('decodes to its position for the same scope, tags in any order', () => {
    const cursor = codec.encode(position, scope);

    expect(codec.decode(cursor, scope)).toEqual(position);
    expect(codec.decode(cursor, { ...scope, tags: ['b', 'a'] })).toEqual(position);
  });

  test.each<[string, Partial<CursorScope>]>([
    ['another user', { userId: '65f0a1b2c3d4e5f601234568' }],
    ['another sort', { sort: 'created' }],
    ['another search', { search: 'Meet' }],
    ['no search', { search: '' }],
    ['fewer tags', { tags: ['a'] }],
    ['more tags', { tags: ['a', 'b', 'c'] }],
  ])('is refused for %s', (_, change) => {
    const cursor = codec.encode(position, scope);

    expectRefused(() => codec.decode(cursor, { ...scope, ...change }));
  });

  test('is refused with any one character changed, and under another secret', () => {
    const cursor = codec.encode(position, scope);

    for (let index = 0; index < cursor.length; index += 1) {
      for (const replacement of ['A', 'B', '-', '_', '.']) {
        const changed = `${cursor.slice(0, index)}${replacement}${cursor.slice(index + 1)}`;
        if (changed !== cursor) expectRefused(() => codec.decode(changed, scope));
      }
    }
    expectRefused(() => createCursorCodec('another secret').decode(cursor, scope));
  });

  test('does not show the scope it is bound to', () => {
    const cursor = codec.encode(position, scope);

    expect(Buffer.from(cursor.split('.')[0] ?? '', 'base64url').toString()).not.toMatch(/meet|65f0a1b2c3d4e5f601234567|updated/);
  });
});
