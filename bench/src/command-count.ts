import { setTimeout as sleep } from 'node:timers/promises';

import { startCommandCountingProxy } from './command-counting-proxy';
import type { SeededUser } from './seed';
import type { ServerProcess } from './server-process';
import type { WireCommand } from './wire-commands';

export type CommandCount = {
  request: string;
  requests: number;
  /** Commands per request, background commands left out. */
  perRequest: number;
  /** What those commands were, such as `find notes ×20`. */
  commands: string;
  /** Commands in the same window that no request caused: driver heartbeats, the revocation poll. */
  background: string;
};

type CountedRequest = { request: string; send: (user: SeededUser) => Promise<Response> };

const REQUESTS_PER_CASE = 20;
const SETTLE_MS = 200;

// Sent on timers, whatever the requests: the driver's server monitoring and each
// instance's revocation list poll (auth/revocation-list.ts).
const isBackground = (command: WireCommand) =>
  ['hello', 'ismaster', 'isMaster'].includes(command.name) ||
  (command.name === 'find' && command.collection === 'revocations');

function tally(commands: WireCommand[]): string {
  const counts = new Map<string, number>();
  for (const { name, collection } of commands) {
    const key = collection ? `${name} ${collection}` : name;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }

  return [...counts].map(([key, count]) => `${key} ×${count}`).join(', ') || 'none';
}

function countedRequests(baseUrl: string): CountedRequest[] {
  const auth = (user: SeededUser) => ({ authorization: `Bearer ${user.access}` });
  const firstNote = (user: SeededUser) => user.noteIds[0] as string;
  const input = (value: unknown) => encodeURIComponent(JSON.stringify(value));

  return [
    {
      request: 'notes.get (tRPC)',
      send: (user) => fetch(`${baseUrl}/trpc/notes.get?input=${input({ id: firstNote(user) })}`, { headers: auth(user) }),
    },
    { request: 'notes.get (REST)', send: (user) => fetch(`${baseUrl}/api/notes/${firstNote(user)}/`, { headers: auth(user) }) },
    { request: 'notes.list (tRPC)', send: (user) => fetch(`${baseUrl}/trpc/notes.list`, { headers: auth(user) }) },
    { request: 'notes.list (REST)', send: (user) => fetch(`${baseUrl}/api/notes/`, { headers: auth(user) }) },
  ];
}

/** `uri` pointed at `address` instead of its own host, without replica set discovery. */
function throughProxy(uri: string, address: string): string {
  const url = new URL(uri);
  url.host = address;
  url.searchParams.set('directConnection', 'true');

  return url.toString();
}

/**
 * Counts the MongoDB commands each note request costs, on the wire: a server is
 * started behind a counting TCP proxy, sent each request 20 times one after the
 * other, and every command that passed the proxy meanwhile is tallied.
 */
export async function countCommands(
  databaseUri: string,
  users: SeededUser[],
  startServer: (mongodbUri: string) => Promise<ServerProcess>,
): Promise<CommandCount[]> {
  const proxy = await startCommandCountingProxy(new URL(databaseUri).host);
  const server = await startServer(throughProxy(databaseUri, proxy.address));
  const user = users[0] as SeededUser;

  try {
    const results: CommandCount[] = [];
    for (const { request, send } of countedRequests(server.url)) {
      const first = proxy.commands.length;
      for (let n = 0; n < REQUESTS_PER_CASE; n += 1) {
        const response = await send(user);
        if (response.status !== 200) throw new Error(`${request} answered ${response.status}: ${await response.text()}`);
        await response.arrayBuffer();
      }
      await sleep(SETTLE_MS);

      const window = proxy.commands.slice(first);
      const caused = window.filter((command) => !isBackground(command));
      results.push({
        request,
        requests: REQUESTS_PER_CASE,
        perRequest: caused.length / REQUESTS_PER_CASE,
        commands: tally(caused),
        background: tally(window.filter(isBackground)),
      });
    }

    return results;
  } finally {
    await server.stop();
    await proxy.close();
  }
}
