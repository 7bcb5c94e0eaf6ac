import type { Note } from '@scoped-notes/client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { claimsOf, nowInSeconds, signedToken, unsignedToken, withPayload, type Claims } from './support/forged-tokens';
import { startTestServer, type TestServer, type TestUser } from './support/test-server';
import { bearer, expectWireError, wireMutation, wireQuery, type RequestHeaders, type WireResponse } from './support/trpc-wire';

// Which tokens the protected procedures and auth.refresh accept: only an unexpired
// HS256 token of the right type signed with the server's secret (F-01, F-02, F-03, F-15).

let server: TestServer;
let alice: TestUser;
let bob: TestUser;
let aliceNote: Note;

beforeAll(async () => {
  server = await startTestServer();
  [alice, bob] = await Promise.all([server.registerAndLogin('alice'), server.registerAndLogin('bob')]);
  aliceNote = await alice.client.notes.create.mutate({ title: 'Private', body: 'for alice only' });
});

afterAll(() => server.close());

/** Every protected procedure, as one raw call with the given headers. */
const PROTECTED: Record<string, (headers: RequestHeaders) => Promise<WireResponse>> = {
  'auth.me': (headers) => wireQuery(server.url, 'auth.me', undefined, headers),
  'notes.list': (headers) => wireQuery(server.url, 'notes.list', {}, headers),
  'notes.get': (headers) => wireQuery(server.url, 'notes.get', { id: aliceNote.id }, headers),
  'notes.create': (headers) => wireMutation(server.url, 'notes.create', { title: 'planted', body: '' }, headers),
  'notes.update': (headers) => wireMutation(server.url, 'notes.update', { id: aliceNote.id, title: 'defaced' }, headers),
  'notes.delete': (headers) => wireMutation(server.url, 'notes.delete', { id: aliceNote.id }, headers),
};

/** Sends `headers` to every protected procedure; each must answer UNAUTHORIZED and reveal nothing. */
async function expectRefusedEverywhere(headers: RequestHeaders): Promise<void> {
  for (const [path, call] of Object.entries(PROTECTED)) {
    const answer = await call(headers);
    const error = expectWireError(answer, 'UNAUTHORIZED');

    expect(error.message, path).toBe('Missing, invalid or expired token');
    expect(answer.text).not.toContain(alice.username);
  }
}

function aliceClaims(): Claims {
  return claimsOf(alice.tokens().access);
}

function refreshWith(token: string): Promise<WireResponse> {
  return wireMutation(server.url, 'auth.refresh', { refresh: token });
}

describe('a fresh access token', () => {
  test('works at once, twenty times in a row, right after login (F-02)', async () => {
    const { username, password } = alice;
    const { access } = await server.client().auth.login.mutate({ username, password });

    for (let attempt = 0; attempt < 20; attempt += 1) {
      expect((await wireQuery(server.url, 'auth.me', undefined, bearer(access))).status).toBe(200);
    }
  });

  test('re-signed by the test with the secret and HS256 is accepted, so the forgeries below differ only as described', async () => {
    const resigned = signedToken(aliceClaims(), server.secret, 'HS256');

    const answer = await wireQuery(server.url, 'auth.me', undefined, bearer(resigned));

    expect(answer.status).toBe(200);
    expect(answer.data).toEqual(alice.user);
  });
});

describe('forged and tampered access tokens are UNAUTHORIZED on every protected procedure', () => {
  test.each(['none', 'None', 'NONE'])('alg %s with an empty signature (F-01)', async (alg) => {
    await expectRefusedEverywhere(bearer(unsignedToken(aliceClaims(), alg)));
  });

  test('HS512 with the real secret: a real signature, but not the pinned algorithm (F-01)', async () => {
    await expectRefusedEverywhere(bearer(signedToken(aliceClaims(), server.secret, 'HS512')));
  });

  test('signed with another secret', async () => {
    await expectRefusedEverywhere(bearer(signedToken(aliceClaims(), `${server.secret}-not`, 'HS256')));
  });

  test('payload changed to another user, signature kept', async () => {
    const claims = { ...aliceClaims(), sub: bob.user.id, username: bob.username };

    await expectRefusedEverywhere(bearer(withPayload(alice.tokens().access, claims)));
  });

  test('signature altered', async () => {
    const access = alice.tokens().access;
    const last = access.at(-2) === 'A' ? 'B' : 'A';

    await expectRefusedEverywhere(bearer(`${access.slice(0, -2)}${last}${access.at(-1)}`));
  });

  test('expired one second ago (F-02)', async () => {
    const now = nowInSeconds();

    await expectRefusedEverywhere(bearer(signedToken({ ...aliceClaims(), iat: now - 60, exp: now - 1 }, server.secret)));
  });

  test('not valid until a minute from now (F-02)', async () => {
    await expectRefusedEverywhere(bearer(signedToken({ ...aliceClaims(), nbf: nowInSeconds() + 60 }, server.secret)));
  });

  test('without a type claim (F-03)', async () => {
    await expectRefusedEverywhere(bearer(signedToken(withoutType(aliceClaims()), server.secret)));
  });

  test('with a subject that is not a user id', async () => {
    await expectRefusedEverywhere(bearer(signedToken({ ...aliceClaims(), sub: 'admin' }, server.secret)));
  });

  test('a refresh token presented as the Bearer token (type confusion)', async () => {
    await expectRefusedEverywhere(bearer(alice.tokens().refresh));
  });
});

describe('a token valid from now on is accepted', () => {
  test('with iat = nbf = now (F-02)', async () => {
    const now = nowInSeconds();
    const token = signedToken({ ...aliceClaims(), iat: now, nbf: now }, server.secret);

    expect((await wireQuery(server.url, 'auth.me', undefined, bearer(token))).status).toBe(200);
  });
});

describe('a user that does not exist (F-15)', () => {
  test('auth.me with a validly signed token for an id never used is UNAUTHORIZED, not a 500', async () => {
    const token = signedToken({ ...aliceClaims(), sub: 'aaaaaaaaaaaaaaaaaaaaaaaa', username: 'ghost' }, server.secret);

    expectWireError(await wireQuery(server.url, 'auth.me', undefined, bearer(token)), 'UNAUTHORIZED');
  });

  test('an access token issued before its user deleted the account is UNAUTHORIZED on auth.me and notes.list', async () => {
    const doomed = await server.registerAndLogin('doomed');
    const { access } = doomed.tokens();
    await doomed.client.notes.create.mutate({ title: 'gone soon', body: '' });

    await doomed.client.auth.deleteAccount.mutate({ password: doomed.password });

    expectWireError(await wireQuery(server.url, 'auth.me', undefined, bearer(access)), 'UNAUTHORIZED');
    expectWireError(await wireQuery(server.url, 'notes.list', {}, bearer(access)), 'UNAUTHORIZED');
  });
});

describe('Authorization headers that carry no usable token (F-15)', () => {
  test.each([
    ['missing', {}],
    ['"Bearer "', { authorization: 'Bearer ' }],
    ['"Bearer" alone', { authorization: 'Bearer' }],
    ['"Basic abc"', { authorization: 'Basic abc' }],
    ['"Bearer a.b"', { authorization: 'Bearer a.b' }],
    ['"Bearer a.b.c"', { authorization: 'Bearer a.b.c' }],
    ['the token without the scheme', { authorization: 'TOKEN' }],
    ['two tokens', { authorization: 'Bearer TOKEN TOKEN' }],
    ['a token with a trailing comma', { authorization: 'Bearer TOKEN,' }],
  ])('%s is UNAUTHORIZED on every protected procedure', async (_, headers: RequestHeaders) => {
    const access = alice.tokens().access;
    const withToken = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, value.replaceAll('TOKEN', access)]));

    await expectRefusedEverywhere(withToken);
  });

  test('alice\'s note survived every refused update and delete above', async () => {
    await expect(alice.client.notes.get.query({ id: aliceNote.id })).resolves.toEqual(aliceNote);
    expect((await alice.client.notes.list.query({ limit: 100 })).items.map((each) => each.title)).not.toContain('planted');
  });
});

describe('auth.refresh accepts only a refresh token', () => {
  test('an access token is UNAUTHORIZED, issues nothing, and does not revoke the real refresh token (F-03)', async () => {
    const { access, refresh } = alice.tokens();

    const refused = await refreshWith(access);

    expectWireError(refused, 'UNAUTHORIZED');
    expect(refused.text).not.toContain('"access"');
    expect((await refreshWith(refresh)).status).toBe(200);
  });

  test.each([
    ['without a type claim', (claims: Claims) => signedToken(withoutType(claims), server.secret)],
    ['alg none', (claims: Claims) => unsignedToken(claims, 'none')],
    ['HS512 with the real secret', (claims: Claims) => signedToken(claims, server.secret, 'HS512')],
    ['expired one second ago', (claims: Claims) => signedToken({ ...claims, exp: nowInSeconds() - 1 }, server.secret)],
    ['for a session that does not exist', (claims: Claims) => signedToken({ ...claims, sid: 'bbbbbbbbbbbbbbbbbbbbbbbb' }, server.secret)],
  ])('a refresh token %s is UNAUTHORIZED', async (_, forge) => {
    const { username, password } = bob;
    const { refresh } = await server.client().auth.login.mutate({ username, password });

    expectWireError(await refreshWith(forge(claimsOf(refresh))), 'UNAUTHORIZED');
  });
});

function withoutType(claims: Claims): Claims {
  const { type: _type, ...rest } = claims;

  return rest;
}
