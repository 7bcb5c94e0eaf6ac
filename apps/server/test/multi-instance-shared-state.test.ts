import { startDatabase, type RunningDatabase } from '@scoped-notes/embedded-mongo';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { runMain, type MainProcess } from './support/main-process';
import { restCaller, type RestCall } from './support/rest-calls';
import { TEST_JWT_SECRET, TEST_PASSWORD, uniqueUsername } from './support/test-server';

// Two server processes on one database, with the same JWT_SECRET, as behind a load
// balancer: whatever one instance issued or stored, the other honours, and the
// failed-login limit counts attempts on both together.

const LOGIN_LIMIT = 5;

type Instance = { main: MainProcess; rest: RestCall };

let database: RunningDatabase;
let a: Instance;
let b: Instance;

async function startInstance(mongodbUri: string): Promise<Instance> {
  const main = runMain(
    {
      PORT: '0',
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      MONGODB_URI: mongodbUri,
      JWT_SECRET: TEST_JWT_SECRET,
      BCRYPT_COST: '4',
      RATE_LIMIT_LOGIN_PER_USERNAME: `${LOGIN_LIMIT}/60`,
      RATE_LIMIT_LOGIN_PER_ADDRESS: '100000/60',
      RATE_LIMIT_REGISTER_PER_ADDRESS: '100000/60',
      RATE_LIMIT_REFRESH_PER_ADDRESS: '100000/60',
    },
    ['--import', 'tsx', 'src/main.ts'],
  );
  const url = (await main.waitForLine((line) => typeof line.url === 'string')).url as string;

  return { main, rest: restCaller(url) };
}

beforeAll(async () => {
  database = await startDatabase({ embedded: 'jongodb' });
  [a, b] = await Promise.all([startInstance(database.uri), startInstance(database.uri)]);
}, 60_000);

afterAll(async () => {
  for (const instance of [a, b]) instance?.main.child.kill('SIGTERM');
  await Promise.all([a, b].map((instance) => instance?.main.exited));
  await database?.stop();
});

async function registerOn(instance: Instance, name: string): Promise<string> {
  const username = uniqueUsername(name);
  const answer = await instance.rest('POST', '/api/register/', { body: { username, password: TEST_PASSWORD } });
  expect(answer.status, answer.text).toBe(201);

  return username;
}

async function loginOn(instance: Instance, username: string, password = TEST_PASSWORD) {
  return instance.rest('POST', '/api/token/', { body: { username, password } });
}

describe('two instances on one database', () => {
  test('tokens issued by one instance are accepted by the other, refresh included', async () => {
    const username = await registerOn(a, 'tokens');
    const tokens = (await loginOn(a, username)).body;

    const me = await b.rest('GET', '/api/me/', { token: tokens.access });
    expect(me.status, me.text).toBe(200);
    expect(me.body.username).toBe(username);

    const rotated = await b.rest('POST', '/api/token/refresh/', { body: { refresh: tokens.refresh } });
    expect(rotated.status, rotated.text).toBe(200);
    expect((await a.rest('GET', '/api/notes/', { token: rotated.body.access })).status).toBe(200);

    const again = await a.rest('POST', '/api/token/refresh/', { body: { refresh: rotated.body.refresh } });
    expect(again.status, again.text).toBe(200);
  });

  test('a note created on one instance is read, changed and deleted on the other', async () => {
    const username = await registerOn(b, 'notes');
    const { access } = (await loginOn(b, username)).body;

    const created = await a.rest('POST', '/api/notes/', { token: access, body: { title: 'Written on A', body: 'hello' } });
    expect(created.status, created.text).toBe(201);
    const id = created.body.id as string;

    expect((await b.rest('GET', `/api/notes/${id}/`, { token: access })).body).toMatchObject({ title: 'Written on A', body: 'hello' });
    expect((await b.rest('GET', '/api/notes/', { token: access })).body.items.map((note: { id: string }) => note.id)).toEqual([id]);

    expect((await b.rest('PATCH', `/api/notes/${id}/`, { token: access, body: { body: 'changed on B' } })).status).toBe(200);
    expect((await a.rest('GET', `/api/notes/${id}/`, { token: access })).body.body).toBe('changed on B');

    expect((await a.rest('DELETE', `/api/notes/${id}/`, { token: access })).status).toBe(204);
    expect((await b.rest('GET', `/api/notes/${id}/`, { token: access })).status).toBe(404);
  });

  test('failed logins alternating between the instances reach one shared limit at its configured total', async () => {
    const username = await registerOn(a, 'limited');

    for (let attempt = 0; attempt < LOGIN_LIMIT; attempt += 1) {
      const instance = attempt % 2 === 0 ? a : b;
      expect((await loginOn(instance, username, 'wrong password!')).status).toBe(401);
    }

    // Neither instance alone saw five failures, yet both refuse now, even the right password.
    for (const instance of [a, b]) {
      const refused = await loginOn(instance, username);
      expect(refused.status, refused.text).toBe(429);
      expect(refused.body.error.code).toBe('TOO_MANY_REQUESTS');
    }
  });
});
