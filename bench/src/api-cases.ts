import type autocannon from 'autocannon';
import type { Db } from 'mongodb';

import { pick } from './random-pick';
import { login, SEED_BODY, type SeededUser } from './seed';

export type Transport = 'tRPC' | 'REST';

/** One API operation the benchmark loads at each concurrency. */
export type ApiCase = {
  procedure: string;
  transport: Transport;
  /** autocannon's request templates for a run with `connections` connections. */
  requests(connections: number): Promise<autocannon.Request[]>;
  /** Cases that write stop after this many answers, to keep the database small. */
  maxAnswers?: number;
  /** Runs after each run of the case. */
  cleanUp?(): Promise<void>;
};

type CaseContext = { baseUrl: string; users: SeededUser[]; db: Db; createCap: number };

export const CREATED_TITLE = 'Created by the benchmark';
// Each refresh chain may break on a failed answer; spares keep every connection busy.
const SPARE_REFRESH_TOKENS = 4;

const bearer = (user: SeededUser) => ({ authorization: `Bearer ${user.access}` });

const trpcInput = (input: unknown) => `?input=${encodeURIComponent(JSON.stringify(input))}`;

/** A request whose user (and note) is drawn at random each time it is sent. */
function randomUserRequest(
  users: SeededUser[],
  build: (user: SeededUser, noteId: string) => autocannon.Request,
): autocannon.Request[] {
  return [
    {
      setupRequest: (request) => {
        const user = pick(users);

        return { ...request, ...build(user, pick(user.noteIds)) };
      },
    },
  ];
}

function readCases({ users }: CaseContext): ApiCase[] {
  return [
    {
      procedure: 'notes.list',
      transport: 'tRPC',
      requests: async () => randomUserRequest(users, (user) => ({ method: 'GET', path: '/trpc/notes.list', headers: bearer(user) })),
    },
    {
      procedure: 'notes.list',
      transport: 'REST',
      requests: async () => randomUserRequest(users, (user) => ({ method: 'GET', path: '/api/notes/', headers: bearer(user) })),
    },
    {
      procedure: 'notes.get',
      transport: 'tRPC',
      requests: async () =>
        randomUserRequest(users, (user, id) => ({ method: 'GET', path: `/trpc/notes.get${trpcInput({ id })}`, headers: bearer(user) })),
    },
    {
      procedure: 'notes.get',
      transport: 'REST',
      requests: async () =>
        randomUserRequest(users, (user, id) => ({ method: 'GET', path: `/api/notes/${id}/`, headers: bearer(user) })),
    },
  ];
}

function createCase(context: CaseContext, transport: Transport): ApiCase {
  const path = transport === 'tRPC' ? '/trpc/notes.create' : '/api/notes/';
  const body = JSON.stringify({ title: CREATED_TITLE, body: SEED_BODY });

  return {
    procedure: 'notes.create',
    transport,
    maxAnswers: context.createCap,
    requests: async () =>
      randomUserRequest(context.users, (user) => ({
        method: 'POST',
        path,
        headers: { ...bearer(user), 'content-type': 'application/json' },
        body,
      })),
    cleanUp: async () => {
      await context.db.collection('notes').deleteMany({ title: CREATED_TITLE });
    },
  };
}

/**
 * auth.refresh rotates the token, so each request needs the token the previous
 * answer gave. A shared pool holds one live refresh token per session: a request
 * takes one, its answer puts the new one back.
 */
function refreshCase(context: CaseContext): ApiCase {
  return {
    procedure: 'auth.refresh',
    transport: 'tRPC',
    requests: async (connections) => {
      const sessions = [...Array(connections + SPARE_REFRESH_TOKENS).keys()].map((n) =>
        login(context.baseUrl, context.users[n % context.users.length] as SeededUser),
      );
      const pool = (await Promise.all(sessions)).map((answer) => answer.refresh);

      return [
        {
          method: 'POST',
          path: '/trpc/auth.refresh',
          headers: { 'content-type': 'application/json' },
          setupRequest: (request) => ({ ...request, body: JSON.stringify({ refresh: pool.shift() ?? 'pool-empty' }) }),
          onResponse: (status, body) => {
            if (status === 200) pool.push((JSON.parse(body) as { result: { data: { refresh: string } } }).result.data.refresh);
          },
        },
      ];
    },
  };
}

function loginCase({ users }: CaseContext): ApiCase {
  return {
    procedure: 'auth.login',
    transport: 'tRPC',
    requests: async () => [
      {
        method: 'POST',
        path: '/trpc/auth.login',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => {
          const user = pick(users);

          return { ...request, body: JSON.stringify({ username: user.username, password: user.password }) };
        },
      },
    ],
  };
}

/** Every case of the table, in its order. */
export function apiCases(context: CaseContext): ApiCase[] {
  return [
    ...readCases(context),
    createCase(context, 'tRPC'),
    createCase(context, 'REST'),
    refreshCase(context),
    loginCase(context),
  ];
}
