import { existsSync } from 'node:fs';

import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestServer, TEST_PASSWORD, uniqueUsername, type TestServer } from './support/test-server';
import { REST_OPERATIONS } from './support/rest-operations-list';

// The docs page in a real headless Chromium: Debian's package, never a downloaded browser.
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const SKIP_NOTE = hasChromium ? '' : ` (SKIPPED: ${CHROMIUM} is missing; apt-get install -y chromium)`;

const OPERATIONS = REST_OPERATIONS;

describe.skipIf(!hasChromium)(`GET /api/docs in headless Chromium${SKIP_NOTE}`, () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const outsideRequests: string[] = [];
  const cspViolations: string[] = [];
  let pagePolicy: string | undefined;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    page = await browser.newPage();

    // Anything not asked of the test server is refused and remembered: the page must work offline.
    const serverOrigin = new URL(server.url).origin;
    await page.route('**/*', async (route) => {
      const url = route.request().url();
      if (url.startsWith(`${serverOrigin}/`) || url.startsWith('data:')) return route.continue();

      outsideRequests.push(url);
      await route.abort();
    });

    // Chromium reports each blocked script, style or call on the console.
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });

    pagePolicy = (await page.goto(`${server.url}/api/docs`))?.headers()['content-security-policy'];
    await page.locator('.opblock').nth(OPERATIONS.length - 1).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Runs one operation from its panel, with `body` typed into the request editor, and reads the answer. */
  async function tryOperation(operationId: string, body?: unknown): Promise<{ status: string; text: string; body: string }> {
    const block = page.locator(`[id$="-${operationId}"].opblock`);
    await block.locator('.opblock-summary-control').click();

    if (body !== undefined) await block.locator('textarea.body-param__text').fill(JSON.stringify(body));
    await block.locator('button.execute').click();

    const answer = block.locator('.live-responses-table .response').first();
    await answer.waitFor();

    return {
      status: (await answer.locator('.response-col_status').innerText()).trim(),
      text: await answer.locator('.response-col_description').innerText(),
      // The first code block of the answer is its body; the headers follow.
      body: await answer.locator('.response-col_description .microlight').first().innerText(),
    };
  }

  it('shows every operation of the document, with the bearer scheme to authorise', async () => {
    const shown = await page.locator('.opblock-summary').evaluateAll((summaries) =>
      summaries.map((summary) => {
        const method = summary.querySelector('.opblock-summary-method')?.textContent ?? '';
        const path = summary.querySelector('.opblock-summary-path')?.getAttribute('data-path') ?? '';

        return `${method} ${path}`;
      }),
    );

    expect(shown.sort()).toEqual([...OPERATIONS].sort());
    expect(await page.locator('button.authorize').first().isVisible()).toBe(true);
    expect(await page.title()).toBe('Scoped Notes API');
  });

  it('lets a person register, log in, authorise with the token and call a protected operation', async () => {
    const username = uniqueUsername('docs');

    const registered = await tryOperation('auth-register', { username, password: TEST_PASSWORD });
    expect(registered.status, registered.text).toBe('201');

    const loggedIn = await tryOperation('auth-login', { username, password: TEST_PASSWORD });
    expect(loggedIn.status, loggedIn.text).toBe('200');
    const { access } = JSON.parse(loggedIn.body) as { access: string };

    await page.locator('.auth-wrapper button.authorize').click();
    await page.locator('.modal-ux input[type="text"]').fill(access);
    await page.locator('.modal-ux .auth-btn-wrapper button.authorize').click();
    await page.locator('.modal-ux button.btn-done').click();

    const me = await tryOperation('auth-me');
    expect(me.status, me.text).toBe('200');
    expect(JSON.parse(me.body)).toMatchObject({ username });

    const created = await tryOperation('notes-create', { title: 'From the docs page', body: 'tried it' });
    expect(created.status, created.text).toBe('201');
  });

  it('asked for nothing outside the server', () => {
    expect(outsideRequests).toEqual([]);
  });

  it('worked under the server\'s Content-Security-Policy, which it never broke', () => {
    expect(pagePolicy).toContain("script-src 'self'");
    expect(cspViolations).toEqual([]);
  });
});
