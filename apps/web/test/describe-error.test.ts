import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';

import { describeError } from '../src/errors/describe-error';

/** An SDK error as the server's answer makes it; no `code` means no server answered. */
function answered(
  code: string | null,
  fields?: Record<string, string[]>,
  headers?: HeadersInit,
): TRPCClientError<never> {
  if (code === null) return new TRPCClientError('fetch failed');

  const data = { code, httpStatus: 400, fields };
  // tRPC keeps the HTTP response an error came from in `meta.response`.
  const meta = headers ? { response: new Response(null, { status: 429, headers }) } : undefined;

  return TRPCClientError.from({ error: { message: 'developer text', code: -32000, data } }, { meta });
}

const RAW_CODE = /[A-Z]{2,}_?[A-Z]*/;

describe('describeError(error, action)', () => {
  it('says a wrong login is a mismatch, and an expired session elsewhere is a reason to log in again', () => {
    expect(describeError(answered('UNAUTHORIZED'), 'log-in').message).toMatch(/username and password do not match/);
    expect(describeError(answered('UNAUTHORIZED'), 'create-note').message).toMatch(/session has ended/);
  });

  it('says a taken username is taken, but a conflict on a note is a change made elsewhere', () => {
    expect(describeError(answered('CONFLICT'), 'register').message).toMatch(/username is already taken/);
    expect(describeError(answered('CONFLICT'), 'save-note').message).toMatch(/^This note was changed somewhere else/);
    expect(describeError(answered('CONFLICT'), 'delete-note').message).toMatch(/^This note was changed somewhere else/);
  });

  it('says how long to wait when the server was asked too often, in seconds or minutes', () => {
    const wait = (retryAfter: string | null) =>
      describeError(answered('TOO_MANY_REQUESTS', undefined, retryAfter ? { 'Retry-After': retryAfter } : {}), 'log-in')
        .message;

    expect(wait('42')).toBe('Too many attempts in a short time. Please wait 42 seconds and try again.');
    expect(wait('60')).toBe('Too many attempts in a short time. Please wait a minute and try again.');
    expect(wait('600')).toBe('Too many attempts in a short time. Please wait 10 minutes and try again.');
    expect(wait('soon')).toBe('Too many attempts in a short time. Please wait a little while and try again.');
    expect(wait(null)).toBe('Too many attempts in a short time. Please wait a little while and try again.');
  });

  it('says the service is briefly unavailable when the database is lost', () => {
    expect(describeError(answered('SERVICE_UNAVAILABLE'), 'load-notes').message).toBe(
      'The service is briefly unavailable. Please try again in a moment.',
    );
  });

  it('marks the tags field whichever tag the server named, and says a refused search in a sentence', () => {
    const tags = describeError(answered('BAD_REQUEST', { 'tags.3': ['Tag may hold only letters'] }), 'create-note');
    const search = describeError(answered('BAD_REQUEST', { search: ['Too big'] }), 'load-notes');

    expect(tags.fields.tags).toMatch(/^One of the tags cannot be used/);
    expect(search).toEqual({ message: 'Search for at most 100 characters.', fields: {} });
  });

  it('says a note that is gone is gone', () => {
    expect(describeError(answered('NOT_FOUND'), 'save-note').message).toMatch(/no longer exists/);
  });

  it('says the server could not be reached when no server answered', () => {
    expect(describeError(answered(null), 'load-notes').message).toMatch(/could not reach the server/);
  });

  it('puts a sentence of its own beside each field the server named, never the server’s text', () => {
    const refusal = answered('BAD_REQUEST', { username: ['Too small: >=3'], password: ['Too small: >=8'] });
    const result = describeError(refusal, 'register');

    expect(result.message).toMatch(/correct the marked field/);
    expect(result.fields.username).toMatch(/^This username cannot be used/);
    expect(result.fields.password).toMatch(/at least 8 characters/);
    expect(JSON.stringify(result)).not.toContain('Too small');
  });

  it('asks only for what is missing when logging in', () => {
    const result = describeError(answered('BAD_REQUEST', { password: ['Too small'] }), 'log-in');

    expect(result.fields).toEqual({ password: 'Enter your password.' });
  });

  it('does not point at a field when the server named one the form does not have', () => {
    const result = describeError(answered('BAD_REQUEST', { owner: ['Unknown field'] }), 'create-note');

    expect(result.fields).toEqual({});
    expect(result.message).toMatch(/could not accept this/);
  });

  it('tells a stale page cursor apart from other bad requests', () => {
    expect(describeError(answered('BAD_REQUEST'), 'load-more-notes').message).toMatch(/list is out of date/);
  });

  it('never shows a code, whatever the code', () => {
    const codes = [
      'INTERNAL_SERVER_ERROR',
      'TOO_MANY_REQUESTS',
      'PAYLOAD_TOO_LARGE',
      'TIMEOUT',
      'FORBIDDEN',
      'UNAUTHORIZED',
      'CONFLICT',
      'SERVICE_UNAVAILABLE',
    ];

    for (const code of codes) {
      expect(describeError(answered(code), 'save-note').message, code).not.toMatch(RAW_CODE);
    }
    expect(describeError(new TypeError('x is undefined'), 'save-note').message).toMatch(/went wrong in this page/);
  });
});
