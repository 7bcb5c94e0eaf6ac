import { createHmac, timingSafeEqual } from 'node:crypto';

import { TRPCError } from '@trpc/server';
import { z } from 'zod';

/** Where a page ended: the last note's sort key plus its id, which breaks ties. */
export type PagePosition = { sortKey: Date; id: string };

/**
 * What a cursor is only good for: one user, one sort, one filter. It is not in the
 * cursor's text, but every field of it goes into the signature.
 */
export type CursorScope = { userId: string; sort: string; search: string; tags: string[] };

export type CursorCodec = {
  encode(position: PagePosition, scope: CursorScope): string;
  /** @throws {TRPCError} BAD_REQUEST for anything but an unchanged cursor made for this scope. */
  decode(cursor: string, scope: CursorScope): PagePosition;
};

// The largest time a Date can hold; a larger one would become an Invalid Date in the query.
const LATEST_TIME_MS = 8_640_000_000_000_000;
const FORMAT = 'v1';

const encodedPosition = z.strictObject({
  k: z.number().int().nonnegative().max(LATEST_TIME_MS),
  i: z.string().regex(/^[0-9a-f]{24}$/),
});

function invalidCursor(): TRPCError {
  return new TRPCError({ code: 'BAD_REQUEST', message: 'Invalid cursor: start again from the first page' });
}

// One canonical text per scope: tags sorted, so their order in a request does not matter.
function scopeText(scope: CursorScope): string {
  return JSON.stringify([FORMAT, scope.userId, scope.sort, scope.search, [...scope.tags].sort()]);
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);

  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Opaque page cursors: `<position>.<signature>`, both base64url. The signature is an
 * HMAC-SHA256 over the position's text and the scope, keyed by a key derived from
 * the JWT secret for this use only. It is compared as text, not as decoded bytes,
 * so even a change base64url decoding would forgive (a last character's spare bits)
 * makes the cursor invalid.
 */
export function createCursorCodec(jwtSecret: string): CursorCodec {
  const key = createHmac('sha256', jwtSecret).update('scoped-notes page cursor').digest();
  const sign = (positionText: string, scope: CursorScope) =>
    createHmac('sha256', key).update(`${positionText}\n${scopeText(scope)}`).digest('base64url');

  return {
    encode(position, scope) {
      const payload = { k: position.sortKey.getTime(), i: position.id };
      const positionText = Buffer.from(JSON.stringify(payload)).toString('base64url');

      return `${positionText}.${sign(positionText, scope)}`;
    },

    decode(cursor, scope) {
      const [positionText, signature, ...rest] = cursor.split('.');
      if (!positionText || !signature || rest.length > 0) throw invalidCursor();
      if (!sameText(signature, sign(positionText, scope))) throw invalidCursor();

      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.from(positionText, 'base64url').toString('utf8'));
      } catch {
        throw invalidCursor();
      }

      const position = encodedPosition.safeParse(parsed);
      if (!position.success) throw invalidCursor();

      return { sortKey: new Date(position.data.k), id: position.data.i };
    },
  };
}
