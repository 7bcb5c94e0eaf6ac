import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import type { Tokens } from '@scoped-notes/client';
import type { Locator, Page } from 'playwright-core';

/** Where the screens are saved for people to look at (gitignored). */
export const SCREENSHOTS_DIR = fileURLToPath(new URL('../../../test-artifacts/screenshots/', import.meta.url));

const TOKENS_KEY = 'scoped-notes.tokens';

/** One browser tab of the app, driven the way a person uses it: by labels and button names. */
export class NotesAppPage {
  constructor(
    readonly page: Page,
    private readonly baseUrl: string,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(this.baseUrl);
  }

  /** Brings this tab to the front, as a person switching tabs does (a tab behind runs throttled). */
  async switchTo(): Promise<this> {
    await this.page.bringToFront();

    return this;
  }

  async reload(): Promise<void> {
    await this.page.reload();
  }

  async logIn(username: string, password: string): Promise<void> {
    await this.fillLogIn(username, password);
    await this.signedInAs(username).waitFor();
  }

  async fillLogIn(username: string, password: string): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Log in' });
    await form.getByLabel('Username').fill(username);
    await form.getByLabel('Password').fill(password);
    await form.getByRole('button', { name: 'Log in' }).click();
  }

  async register(username: string, password: string): Promise<void> {
    await this.fillRegister(username, password);
    await this.signedInAs(username).waitFor();
  }

  async fillRegister(username: string, password: string): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Create an account' });
    if (!(await form.isVisible())) await this.page.getByRole('button', { name: 'Create an account' }).click();

    await form.getByLabel('Username').fill(username);
    await form.getByLabel('Password').fill(password);
    await form.getByRole('button', { name: 'Create account' }).click();
  }

  async logOut(): Promise<void> {
    await this.page.getByRole('button', { name: 'Log out' }).click();
    await this.logInForm().waitFor();
  }

  /** Opens the sessions panel from the header and returns it. */
  async openSessions(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Sessions' }).click();

    return this.page.getByRole('region', { name: 'Where you are logged in' });
  }

  /** Adds a note; `tags` is typed into the tag field as a person would, such as `work, Home`. */
  async addNote(title: string, body = '', tags = ''): Promise<void> {
    const form = this.newNoteForm();
    await form.getByLabel('Title').fill(title);
    await form.getByLabel('Note', { exact: true }).fill(body);
    await form.getByLabel('Tags', { exact: true }).fill(tags);
    await form.getByRole('button', { name: 'Add note' }).click();
    await this.note(title).waitFor();
  }

  newNoteForm(): Locator {
    return this.page.getByRole('form', { name: 'New note' });
  }

  searchBox(): Locator {
    return this.page.getByRole('searchbox', { name: 'Search notes' });
  }

  /** Types into the search box; the list follows once typing pauses. */
  async search(text: string): Promise<void> {
    await this.searchBox().fill(text);
  }

  async clearSearch(): Promise<void> {
    await this.page.getByRole('search').getByRole('button', { name: 'Clear search' }).click();
  }

  tagFilter(): Locator {
    return this.page.getByRole('group', { name: 'Show only notes with these tags' });
  }

  /** The tag chips above the list, as read out: "home 2 notes". */
  tagChips(): Promise<string[]> {
    return this.tagFilter().getByRole('button', { name: / notes?$/ }).allTextContents();
  }

  async toggleTag(tag: string): Promise<void> {
    await this.tagFilter().getByRole('button', { name: new RegExp(`^${tag} \\d+ notes?$`) }).click();
  }

  /** The tags shown on a note's card. */
  tagsOf(title: string): Promise<string[]> {
    return this.note(title).getByRole('list', { name: 'Tags' }).getByRole('listitem').allTextContents();
  }

  /** The notice of a note changed elsewhere, in an editor or a delete confirmation. */
  conflict(): Locator {
    return this.page.getByRole('group', { name: /^This note was changed somewhere else/ });
  }

  async startEditing(title: string): Promise<Locator> {
    await this.note(title).getByRole('button', { name: 'Edit' }).click();

    return this.page.getByRole('form', { name: `Edit “${title}”` });
  }

  async startDeleting(title: string): Promise<Locator> {
    await this.note(title).getByRole('button', { name: 'Delete' }).click();

    return this.note(title).getByRole('group', { name: 'Confirm deletion' });
  }

  async deleteNote(title: string): Promise<void> {
    const confirmation = await this.startDeleting(title);
    await confirmation.getByRole('button', { name: 'Delete' }).click();
    await this.note(title).waitFor({ state: 'detached' });
  }

  /** The note card with this title, as a screen reader names it. */
  note(title: string): Locator {
    return this.page.getByRole('article', { name: title, exact: true });
  }

  /** The titles on screen, top to bottom. */
  titles(): Promise<string[]> {
    return this.page.locator('.note-list .note-title').allTextContents();
  }

  signedInAs(username: string): Locator {
    return this.page.getByText(`Logged in as ${username}`);
  }

  logInForm(): Locator {
    return this.page.getByRole('form', { name: 'Log in' });
  }

  alert(): Locator {
    return this.page.getByRole('alert');
  }

  emptyState(): Locator {
    return this.page.getByText('You have no notes yet.');
  }

  async tokens(): Promise<Tokens | null> {
    const stored = await this.page.evaluate((key) => localStorage.getItem(key), TOKENS_KEY);

    return stored === null ? null : (JSON.parse(stored) as Tokens);
  }

  /** What a person would read on the page, to check that no error code leaks into it. */
  visibleText(): Promise<string> {
    return this.page.locator('body').innerText();
  }

  async screenshot(name: string, { fullPage = true } = {}): Promise<void> {
    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    await this.page.screenshot({ path: `${SCREENSHOTS_DIR}${name}.png`, fullPage });
  }
}
