import { expect } from 'vitest';

import { claimsOf } from './forged-tokens';
import { bearer, expectWireError, expectWireSuccess, wireMutation, wireQuery, type RequestHeaders, type WireResponse } from './trpc-wire';

/**
 * Raw tRPC calls for the session tests: each login is a session of its own, and a
 * token's fate is read from what the server answers, never from the SDK's store.
 */

export type Pair = { access: string; refresh: string };

export type Credentials = { username: string; password: string };

export type SessionCalls = {
  /** Logs in (a new session) and returns its tokens. */
  login(credentials: Credentials, headers?: RequestHeaders): Promise<Pair>;
  refresh(refresh: string): Promise<WireResponse>;
  me(access: string): Promise<WireResponse>;
  /** Calls a protected procedure: a query when `input` is undefined and `mutation` is false. */
  call(path: string, access: string, input?: unknown, mutation?: boolean): Promise<WireResponse>;
  expectAccessWorks(access: string): Promise<void>;
  expectAccessRefused(access: string): Promise<void>;
  /** Refreshes once and returns the new pair; fails the test if refused. */
  expectRefreshWorks(refresh: string): Promise<Pair>;
  expectRefreshRefused(refresh: string): Promise<void>;
};

/** The session id a token carries (its `sid` claim). */
export function sessionIdOf(token: string): string {
  return claimsOf(token).sid as string;
}

export function sessionCalls(baseUrl: string): SessionCalls {
  const me = (access: string) => wireQuery(baseUrl, 'auth.me', undefined, bearer(access));
  const refresh = (token: string) => wireMutation(baseUrl, 'auth.refresh', { refresh: token });

  return {
    async login({ username, password }, headers = {}) {
      const answer = await wireMutation(baseUrl, 'auth.login', { username, password }, headers);
      const { access, refresh: refreshToken } = expectWireSuccess(answer) as Pair;

      return { access, refresh: refreshToken };
    },

    refresh,
    me,

    call(path, access, input, mutation = false) {
      return mutation ? wireMutation(baseUrl, path, input, bearer(access)) : wireQuery(baseUrl, path, input, bearer(access));
    },

    async expectAccessWorks(access) {
      const answer = await me(access);
      expect(answer.status, answer.text).toBe(200);
    },

    async expectAccessRefused(access) {
      expectWireError(await me(access), 'UNAUTHORIZED');
    },

    async expectRefreshWorks(token) {
      return expectWireSuccess(await refresh(token)) as Pair;
    },

    async expectRefreshRefused(token) {
      const answer = await refresh(token);
      expectWireError(answer, 'UNAUTHORIZED');
      expect(answer.text).not.toContain('"access"');
    },
  };
}
