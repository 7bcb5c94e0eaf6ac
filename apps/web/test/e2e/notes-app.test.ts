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

  async function saveBody(app: NotesAppPage, title: string, body: string): Promise<void> {
    const editor = await app.startEditing(title);
    await editor.getByLabel('Note', { exact: true }).fill(body);
    await editor.getByRole('button', { name: 'Save' }).click();
    await app.note(title).getByText(body, { exact: true }).waitFor();
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

  it('lets two users in two browsers create, search, tag, edit and delete notes without ever seeing each other’s', async () => {
    const [alice, bob] = await Promise.all([openApp(), openApp()]);
    await Promise.all([alice.register('alice', PASSWORD), bob.register('bob', PASSWORD)]);
    await alice.emptyState().waitFor();
    await alice.screenshot('03-empty-state');

    await alice.addNote('Groceries', 'milk\neggs', 'errands, Home');
    await alice.addNote('Secret plan', 'only for alice: meet at Zanzibar', 'home');
    await bob.addNote('Holiday', 'book the train', 'Travel, home');

    expect(await alice.titles()).toEqual(['Secret plan', 'Groceries']);
    expect(await bob.titles()).toEqual(['Holiday']);
    expect(await alice.tagsOf('Groceries')).toEqual(['errands', 'home']);
    // Both have a "home" tag; each counts only their own notes.
    await expect.poll(() => alice.tagChips()).toEqual(['home 2 notes', 'errands 1 note']);
    await expect.poll(() => bob.tagChips()).toEqual(['home 1 note', 'travel 1 note']);
    await alice.screenshot('04-notes');

    await alice.search('zanzibar');
    await expect.poll(() => alice.titles()).toEqual(['Secret plan']);
    await alice.screenshot('10-search-results');
    await bob.search('zanzibar');
    await bob.page.getByText('No notes match “zanzibar”.').waitFor();
    expect(await bob.titles()).toEqual([]);
    await bob.screenshot('11-search-no-match');
    await Promise.all([alice.clearSearch(), bob.clearSearch()]);
    await expect.poll(() => bob.titles()).toEqual(['Holiday']);

    await alice.toggleTag('errands');
    await expect.poll(() => alice.titles()).toEqual(['Groceries']);
    await alice.screenshot('12-tag-filter');
    await alice.toggleTag('errands');
    await bob.toggleTag('home');
    await expect.poll(() => bob.titles()).toEqual(['Holiday']);
    await bob.toggleTag('home');

    const editor = await alice.startEditing('Groceries');
    await editor.getByLabel('Title').fill('Groceries for Sunday');
    await editor.getByLabel('Note', { exact: true }).fill('milk\neggs\nbread');
    await editor.getByRole('button', { name: 'Remove tag errands' }).click();
    await editor.getByLabel('Tags', { exact: true }).fill('to do,');
    await editor.getByText('“to do” cannot be a tag: use only letters, digits, dashes (-) and underscores (_)').waitFor();
    await alice.screenshot('13-tag-error');
    await editor.getByLabel('Tags', { exact: true }).fill('Weekend');
    await alice.screenshot('05-editing');
    await editor.getByRole('button', { name: 'Save' }).click();
    await alice.note('Groceries for Sunday').getByText('bread').waitFor();
    await alice.note('Groceries for Sunday').getByText(/^Edited/).waitFor();
    expect(await alice.tagsOf('Groceries for Sunday')).toEqual(['home', 'weekend']);

    await alice.startDeleting('Secret plan');
    await alice.screenshot('06-delete-confirmation');
    await alice.page.getByRole('button', { name: 'Keep it' }).click();
    // Which comes first after an edit is the API's sort order to decide; both are still there.
    expect((await alice.titles()).sort()).toEqual(['Groceries for Sunday', 'Secret plan']);
    await alice.deleteNote('Secret plan');
    await alice.page.getByText('Note deleted.').waitFor();
    await expect.poll(() => alice.tagChips()).toEqual(['home 1 note', 'weekend 1 note']);

    await Promise.all([alice.reload(), bob.reload()]);
    await expect.poll(() => alice.titles()).toEqual(['Groceries for Sunday']);
    await expect.poll(() => bob.titles()).toEqual(['Holiday']);
    await expect.poll(() => bob.tagChips()).toEqual(['home 1 note', 'travel 1 note']);
    expect(await bob.visibleText()).not.toMatch(/Groceries|Secret plan|alice|zanzibar|weekend|errands/i);
    expect(await alice.visibleText()).not.toMatch(/Holiday|bob|travel/i);

    await bob.deleteNote('Holiday');
    await bob.emptyState().waitFor();
    // The tag counts are refetched after the delete; wait for them rather than race them.
    await expect.poll(() => bob.tagFilter().count()).toBe(0);
    expect(await alice.titles()).toEqual(['Groceries for Sunday']);
  });

  it('shows a note changed in another tab, and lets the user reload it or overwrite it', async () => {
    const first = await openApp();
    await first.register('hana', PASSWORD);
    await first.addNote('Trip plan', 'train at 9', 'travel');
    // A second tab of the same browser: same login, on a phone-sized window.
    const second = new NotesAppPage(await first.page.context().newPage(), server.url);
    second.page.on('pageerror', (error) => pageErrors.push(error.message));
    await second.page.setViewportSize(PHONE);
    await second.open();
    await second.note('Trip plan').waitFor();

    // Overwrite: the second tab's text wins.
    const secondEditor = await second.startEditing('Trip plan');
    const firstEditor = await (await first.switchTo()).startEditing('Trip plan');
    await firstEditor.getByLabel('Note', { exact: true }).fill('train at 10');
    await firstEditor.getByRole('button', { name: 'Save' }).click();
    await first.note('Trip plan').getByText('train at 10').waitFor();
    await second.switchTo();
    await secondEditor.getByLabel('Note', { exact: true }).fill('train at 11');
    await secondEditor.getByRole('button', { name: 'Save' }).click();
    await second.conflict().waitFor();
    await second.screenshot('14-conflict', { fullPage: false });
    await second.conflict().getByRole('button', { name: 'Overwrite' }).click();
    await second.note('Trip plan').getByText('train at 11').waitFor();
    await (await first.switchTo()).reload();
    await first.note('Trip plan').getByText('train at 11').waitFor();

    // Reload: the first tab takes the second tab's text, after saying yes.
    const staleEditor = await first.startEditing('Trip plan');
    const freshEditor = await (await second.switchTo()).startEditing('Trip plan');
    await freshEditor.getByLabel('Note', { exact: true }).fill('train at noon');
    await freshEditor.getByRole('button', { name: 'Save' }).click();
    await second.note('Trip plan').getByText('train at noon').waitFor();
    await first.switchTo();
    await staleEditor.getByLabel('Note', { exact: true }).fill('words that will be lost');
    await staleEditor.getByRole('button', { name: 'Save' }).click();
    await first.conflict().getByRole('button', { name: 'Reload' }).click();
    await first.screenshot('15-conflict-reload-question');
    await first.conflict().getByRole('button', { name: 'Discard my changes' }).click();
    await staleEditor.getByText('This is the version saved elsewhere; your changes were discarded.').waitFor();
    expect(await staleEditor.getByLabel('Note', { exact: true }).inputValue()).toBe('train at noon');
    await staleEditor.getByRole('button', { name: 'Cancel' }).click();
    await first.note('Trip plan').getByText('train at noon').waitFor();

    // Deleting a note changed since it was shown: reload it, then delete it anyway.
    await (await second.switchTo()).startDeleting('Trip plan');
    await saveBody(await first.switchTo(), 'Trip plan', 'train at 1');
    await (await second.switchTo()).note('Trip plan').getByRole('button', { name: 'Delete' }).click();
    await second.conflict().waitFor();
    await second.screenshot('16-delete-conflict', { fullPage: false });
    await second.conflict().getByRole('button', { name: 'Reload' }).click();
    await second.note('Trip plan').getByText('train at 1', { exact: true }).waitFor();
    await saveBody(await first.switchTo(), 'Trip plan', 'train at 2');
    await (await second.switchTo()).startDeleting('Trip plan');
    await second.note('Trip plan').getByRole('button', { name: 'Delete' }).click();
    await second.conflict().getByRole('button', { name: 'Delete anyway' }).click();
    await second.emptyState().waitFor();
    await (await first.switchTo()).reload();
    await first.emptyState().waitFor();

    expect(await second.visibleText()).not.toMatch(ERROR_CODES);
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
    expect((await focused()).name).toBe('Tags');
    await app.page.keyboard.type('Keys');
    await press('Enter');
    await app.newNoteForm().getByRole('button', { name: 'Remove tag keys' }).waitFor();
    await press('Tab');
    expect(await focused()).toEqual({ name: 'Add note', outline: 'solid' });
    await press('Enter');
    await app.note('Typed without a mouse').waitFor();

    await press('Tab');
    expect(await focused()).toEqual({ name: 'Search notes', outline: 'solid' });
    await app.page.keyboard.type('nothing like this');
    await app.page.getByText('No notes match “nothing like this”.').waitFor();
    await press('Escape');
    await app.note('Typed without a mouse').waitFor();
    await press('Tab');
    expect(await focused()).toEqual({ name: 'keys 1 note', outline: 'solid' });
    await press('Enter');
    expect(await app.tagFilter().getByRole('button', { pressed: true }).allTextContents()).toEqual(['keys 1 note']);
    await press('Enter');

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
