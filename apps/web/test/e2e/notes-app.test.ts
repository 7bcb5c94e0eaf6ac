import { createMemoryTokenStore, createNotesClient } from '@scoped-notes/client';
import type { RunningServer } from '@scoped-notes/server';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';

import { outliveAccessToken, startAppServer } from './support/app-server';
import { CHROMIUM_PATH, hasChromium, launchChromium } from './support/chromium';
import { NotesAppPage } from './support/notes-app-page';

const PASSWORD = 'correct horse battery';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1100, height: 800 };
const IPHONE_USER_AGENT =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1';
const ERROR_CODES = /UNAUTHORIZED|BAD_REQUEST|CONFLICT|NOT_FOUND|INTERNAL_SERVER_ERROR|TRPC/;

if (!hasChromium) {
  console.warn(`e2e tests skipped: ${CHROMIUM_PATH} is missing (install it with: apt-get install -y chromium)`);
}

describe.skipIf(!hasChromium)('the web app in Chromium, served by the real server', () => {
  let server: RunningServer;
  let browser: Browser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const webDistDir = inject('webDistDir');
    if (!webDistDir) throw new Error('the e2e global setup did not build the web app');

    [server, browser] = await Promise.all([startAppServer(webDistDir), launchChromium()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  afterEach(() => {
    expect(pageErrors, 'errors thrown in the page').toEqual([]);
  });

  async function openApp(viewport = DESKTOP, userAgent?: string): Promise<NotesAppPage> {
    const context = await browser.newContext({ viewport, userAgent });
    context.setDefaultTimeout(10_000);
    const app = new NotesAppPage(await context.newPage(), server.url);
    app.page.on('pageerror', (error) => pageErrors.push(error.message));
    await app.open();

    return app;
  }

  /** A second device of the same user, outside the browser, through the SDK. */
  function sdkClient() {
    return createNotesClient({ url: server.url, store: createMemoryTokenStore() });
  }

  it('tells a visitor in plain words what went wrong when logging in or registering', async () => {
    await sdkClient().register({ username: 'taken-name', password: PASSWORD });
    const app = await openApp();
    await app.screenshot('01-log-in');

    await app.fillLogIn('nobody-here', 'wrong password');
    await app.alert().getByText('That username and password do not match').waitFor();

    await app.fillRegister('x!', 'short');
    await app.page.getByText('Please correct the marked field').waitFor();
    await app.page.getByText('This username cannot be used').waitFor();
    await app.page.getByText('Choose a password of at least 8 characters').waitFor();
    expect(await app.page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');
    await app.screenshot('02-register-errors');

    await app.fillRegister('taken-name', PASSWORD);
    await app.alert().getByText('That username is already taken').waitFor();

    expect(await app.visibleText()).not.toMatch(ERROR_CODES);
  });

  it('lets two users in two browsers create, edit and delete notes without ever seeing each other’s', async () => {
    const [alice, bob] = await Promise.all([openApp(), openApp()]);
    await Promise.all([alice.register('alice', PASSWORD), bob.register('bob', PASSWORD)]);
    await alice.emptyState().waitFor();
    await alice.screenshot('03-empty-state');

    await alice.addNote('Groceries', 'milk\neggs');
    await alice.addNote('Secret plan', 'only for alice');
    await bob.addNote('Holiday', 'book the train');

    expect(await alice.titles()).toEqual(['Secret plan', 'Groceries']);
    expect(await bob.titles()).toEqual(['Holiday']);
    await alice.screenshot('04-notes');

    const editor = await alice.startEditing('Groceries');
    await editor.getByLabel('Title').fill('Groceries for Sunday');
    await editor.getByLabel('Note').fill('milk\neggs\nbread');
    await alice.screenshot('05-editing');
    await editor.getByRole('button', { name: 'Save' }).click();
    await alice.note('Groceries for Sunday').getByText('bread').waitFor();
    await alice.note('Groceries for Sunday').getByText(/^Edited/).waitFor();

    await alice.startDeleting('Secret plan');
    await alice.screenshot('06-delete-confirmation');
    await alice.page.getByRole('button', { name: 'Keep it' }).click();
    // Which comes first after an edit is the API's sort order to decide; both are still there.
    expect((await alice.titles()).sort()).toEqual(['Groceries for Sunday', 'Secret plan']);
    await alice.deleteNote('Secret plan');
    await alice.page.getByText('Note deleted.').waitFor();

    await Promise.all([alice.reload(), bob.reload()]);
    await expect.poll(() => alice.titles()).toEqual(['Groceries for Sunday']);
    await expect.poll(() => bob.titles()).toEqual(['Holiday']);
    expect(await bob.visibleText()).not.toMatch(/Groceries|Secret plan|alice/);
    expect(await alice.visibleText()).not.toMatch(/Holiday|bob/);

    await bob.deleteNote('Holiday');
    await bob.emptyState().waitFor();
    expect(await alice.titles()).toEqual(['Groceries for Sunday']);
  });

  it('keeps the user logged in across reloads and refreshes an expired access token unnoticed', async () => {
    const app = await openApp();
    await app.register('carol', PASSWORD);
    await app.addNote('Before the token expired');
    const before = await app.tokens();
    const refreshAnswers: number[] = [];
    app.page.on('response', (response) => {
      if (response.url().includes('/trpc/auth.refresh')) refreshAnswers.push(response.status());
    });

    await outliveAccessToken();
    await app.addNote('After the token expired');

    const after = await app.tokens();
    expect(refreshAnswers).toEqual([200]);
    expect(after?.refresh).toBeTruthy();
    expect(after?.refresh).not.toBe(before?.refresh);
    expect(await app.alert().count()).toBe(0);

    await app.reload();
    await app.signedInAs('carol').waitFor();
    await expect.poll(() => app.titles()).toEqual(['After the token expired', 'Before the token expired']);
  });

  it('returns to the login screen and says why when the server refuses the refresh token', async () => {
    const app = await openApp();
    await app.register('dave', PASSWORD);
    await app.addNote('Written before the session ended');

    // Ends this browser's session on the server, as an expired refresh token would.
    const elsewhere = createNotesClient({ url: server.url, store: createMemoryTokenStore(await app.tokens()) });
    await elsewhere.logout();
    await outliveAccessToken();

    const form = app.page.getByRole('form', { name: 'New note' });
    await form.getByLabel('Title').fill('Written after it ended');
    await form.getByRole('button', { name: 'Add note' }).click();

    await app.logInForm().waitFor();
    await app.alert().getByText('Your session has ended, so you have been logged out').waitFor();
    expect(await app.tokens()).toBeNull();
    await app.screenshot('07-session-ended');

    await app.logIn('dave', PASSWORD);
    await expect.poll(() => app.titles()).toEqual(['Written before the session ended']);
  });

  it('loads older notes as the user scrolls down, newest first, on a phone-sized screen', async () => {
    const erin = sdkClient();
    await erin.register({ username: 'erin', password: PASSWORD });
    await erin.login({ username: 'erin', password: PASSWORD });
    const numbers = Array.from({ length: 45 }, (_, index) => String(index + 1).padStart(2, '0'));
    for (const number of numbers) await erin.notes.create.mutate({ title: `Note ${number}` });

    const app = await openApp(PHONE);
    await app.logIn('erin', PASSWORD);
    await expect.poll(() => app.titles()).toHaveLength(20);
    await app.screenshot('08-phone-notes', { fullPage: false });

    for (const expected of [40, 45]) {
      await app.page.locator('.note-list li').last().scrollIntoViewIfNeeded();
      await expect.poll(() => app.titles()).toHaveLength(expected);
    }

    await app.page.getByText('That is all of your notes.').waitFor();
    expect(await app.titles()).toEqual(numbers.map((number) => `Note ${number}`).reverse());
  });

  it('can be used with the keyboard alone, with the focus always visible', async () => {
    const app = await openApp();
    const focused = () =>
      app.page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        const label = element?.id ? document.querySelector(`label[for="${element.id}"]`)?.textContent : null;

        const outline = element ? getComputedStyle(element).outlineStyle : '';

        return { name: label ?? element?.textContent ?? '', outline };
      });
    const press = (key: string) => app.page.keyboard.press(key);

    await app.page.getByRole('form', { name: 'Log in' }).getByLabel('Username').waitFor();
    for (let step = 0; step < 4; step += 1) await press('Tab');
    expect(await focused()).toEqual({ name: 'Create an account', outline: 'solid' });
    await press('Enter');

    expect((await focused()).name).toBe('Username');
    await app.page.keyboard.type('frank');
    await press('Tab');
    await press('Tab');
    await app.page.keyboard.type(PASSWORD);
    await press('Enter');
    await app.signedInAs('frank').waitFor();

    await app.page.getByRole('button', { name: 'Log out' }).focus();
    await press('Tab');
    expect((await focused()).name).toBe('Title');
    await app.page.keyboard.type('Typed without a mouse');
    await press('Tab');
    await app.page.keyboard.type('every key counts');
    await press('Tab');
    expect(await focused()).toEqual({ name: 'Add note', outline: 'solid' });
    await press('Enter');
    await app.note('Typed without a mouse').waitFor();

    await app.note('Typed without a mouse').getByRole('button', { name: 'Delete' }).focus();
    await press('Enter');
    expect((await focused()).name).toBe('Keep it');
    await press('Enter');
    expect((await focused()).name).toBe('Delete');
    await press('Enter');
    await press('Shift+Tab');
    expect((await focused()).name).toBe('Delete');
    await press('Enter');
    await app.emptyState().waitFor();
    expect((await focused()).name).toBe('Your notes');
  });

  it('shows where the user is logged in, ends another device’s session, and logs out everywhere', async () => {
    const [laptop, phone] = await Promise.all([openApp(), openApp(PHONE, IPHONE_USER_AGENT)]);
    await laptop.register('grace', PASSWORD);
    await phone.logIn('grace', PASSWORD);

    const panel = await laptop.openSessions();
    await panel.getByText('Safari on iOS').waitFor();
    expect(await panel.getByRole('listitem').allInnerTexts()).toEqual([
      expect.stringMatching(/^Chrome on Linux\s*This device/),
      expect.stringMatching(/^Safari on iOS/),
    ]);
    await laptop.screenshot('09-sessions');

    await panel.getByRole('button', { name: /^Log out Safari on iOS/ }).click();
    await panel.getByText('Safari on iOS').waitFor({ state: 'detached' });
    await outliveAccessToken();
    await phone.reload();
    await phone.alert().getByText('Your session has ended').waitFor();

    await phone.logIn('grace', PASSWORD);
    await panel.getByRole('button', { name: 'Log out everywhere' }).click();
    await laptop.page.getByText('You have logged out on every device.').waitFor();
    expect(await laptop.tokens()).toBeNull();

    await outliveAccessToken();
    await phone.reload();
    await phone.alert().getByText('Your session has ended').waitFor();
  });
});
