import { TRPCError } from '@trpc/server';
import { z } from 'zod';

/** Where a page ended: the last note's sort key plus its id, which breaks ties. */
export type PagePosition = { sortKey: Date; id: string };

// The largest time a Date can hold; a larger one would become an Invalid Date in the query.
const LATEST_TIME_MS = 8_640_000_000_000_000;

const encodedPosition = z.strictObject({
  k: z.number().int().nonnegative().max(LATEST_TIME_MS),
  i: z.string().regex(/^[0-9a-f]{24}$/),
  u: z.string(),
});

export function encodeCursor(position: PagePosition, ownerId: string): string {
  const payload = { k: position.sortKey.getTime(), i: position.id, u: ownerId };

  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

function invalidCursor(): TRPCError {
  return new TRPCError({ code: 'BAD_REQUEST', message: 'Invalid cursor: start again from the first page' });
}

/** Opaque to clients; one made for another user, or mangled, is BAD_REQUEST. */
export function decodeCursor(cursor: string, ownerId: string): PagePosition {
  let parsed: unknown;

  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }

  const position = encodedPosition.safeParse(parsed);
  if (!position.success || position.data.u !== ownerId) throw invalidCursor();

  return { sortKey: new Date(position.data.k), id: position.data.i };
}
