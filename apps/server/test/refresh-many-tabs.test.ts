import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestServer, type TestServer } from './support/test-server';
import { bearer, wireMutation, wireQuery } from './support/trpc-wire';

type Pair = { access: string; refresh: string };

// F-04 at scale: many tabs of one login refresh with the same token at once.
describe('many tabs refreshing one login', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(() => server.close());

  async function refresh(token: string) {
    return wireMutation(server.url, 'auth.refresh', { refresh: token });
  }

  async function expectWorking(pair: Pair): Promise<void> {
    expect((await wireQuery(server.url, 'auth.me', undefined, bearer(pair.access))).status).toBe(200);
    expect((await refresh(pair.refresh)).status).toBe(200);
  }

  it('keeps every token it handed out working when 8 tabs refresh one after another', async () => {
    const user = await server.registerAndLogin('tabs');
    const shared = user.tokens().refresh;

    const pairs: Pair[] = [];
    for (let tab = 0; tab < 8; tab += 1) {
      const answer = await refresh(shared);
      expect(answer.status).toBe(200);
      pairs.push(answer.data as Pair);
    }

    for (const pair of pairs) await expectWorking(pair);
  });

  it('answers 10 concurrent refreshes of one token without a 5xx, and every success keeps working', async () => {
    const user = await server.registerAndLogin('tabs');
    const shared = user.tokens().refresh;

    const answers = await Promise.all(Array.from({ length: 10 }, () => refresh(shared)));
    const pairs = answers.filter((answer) => answer.status === 200).map((answer) => answer.data as Pair);

    expect(answers.every((answer) => answer.status < 500)).toBe(true);
    expect(pairs.length).toBe(10);
    for (const pair of pairs) await expectWorking(pair);
  });
});
