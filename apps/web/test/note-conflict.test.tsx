import type { Note } from '@scoped-notes/client';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { aNote } from './support/fixtures';
import { signedInWith } from './support/notes-server';

const CHANGED_WHILE_EDITING =
  'This note was changed somewhere else, in another tab or on another device, after you started editing it.';
const CHANGED_BEFORE_DELETE =
  'This note was changed somewhere else, in another tab or on another device, after it was shown here.';

/** The note as another tab saves it while this one looks at the older version. */
function changeElsewhere(stored: Note[], changes: Partial<Note>) {
  stored[0] = { ...stored[0]!, ...changes, version: stored[0]!.version + 1 };
}

async function editAndSave(user: ReturnType<typeof signedInWith>['user'], stored: Note[], newBody: string) {
  const card = await screen.findByRole('article', { name: 'Plan' });
  await user.click(within(card).getByRole('button', { name: 'Edit' }));
  changeElsewhere(stored, { body: 'written in the other tab' });

  const editor = screen.getByRole('form', { name: 'Edit “Plan”' });
  await user.clear(within(editor).getByLabelText('Note'));
  await user.type(within(editor).getByLabelText('Note'), newBody);
  await user.click(within(editor).getByRole('button', { name: 'Save' }));

  return editor;
}

describe('saving a note that changed elsewhere', () => {
  it('says so, and Overwrite saves this version over the other one', async () => {
    const { user, api, stored } = signedInWith([aNote({ title: 'Plan', body: 'first draft' })]);

    const editor = await editAndSave(user, stored, 'mine');

    const notice = await within(editor).findByRole('group', { name: CHANGED_WHILE_EDITING });
    expect(document.activeElement).toBe(notice);
    expect(api.callsTo('notes.update')[0]?.input).toMatchObject({ body: 'mine', expectedVersion: 1 });

    await user.click(within(notice).getByRole('button', { name: 'Overwrite' }));

    const card = await screen.findByRole('article', { name: 'Plan' });
    await within(card).findByText('mine');
    expect(api.callsTo('notes.update')[1]?.input).toEqual({
      id: 'n1',
      title: 'Plan',
      body: 'mine',
      tags: [],
      expectedVersion: 2,
    });
    expect(stored[0]).toMatchObject({ body: 'mine', version: 3 });
  });

  it('asks before Reload throws the changes away, then shows the saved version to go on from', async () => {
    const { user, api, stored } = signedInWith([aNote({ title: 'Plan', body: 'first draft' })]);
    const editor = await editAndSave(user, stored, 'mine');
    const notice = await within(editor).findByRole('group', { name: CHANGED_WHILE_EDITING });

    await user.click(within(notice).getByRole('button', { name: 'Reload' }));
    expect(within(notice).getByText('Discard your changes and show the version saved elsewhere?')).toBeTruthy();
    expect(document.activeElement).toBe(within(notice).getByRole('button', { name: 'Keep my changes' }));
    await user.click(within(notice).getByRole('button', { name: 'Keep my changes' }));
    expect(document.activeElement).toBe(within(notice).getByRole('button', { name: 'Reload' }));
    expect(within(editor).getByLabelText('Note')).toHaveProperty('value', 'mine');
    expect(api.callsTo('notes.get')).toHaveLength(0);

    await user.click(within(notice).getByRole('button', { name: 'Reload' }));
    await user.click(within(notice).getByRole('button', { name: 'Discard my changes' }));

    await within(editor).findByText('This is the version saved elsewhere; your changes were discarded.');
    expect(within(editor).getByLabelText('Note')).toHaveProperty('value', 'written in the other tab');
    expect(document.activeElement).toBe(within(editor).getByLabelText('Title'));

    await user.type(within(editor).getByLabelText('Note'), ', and more');
    await user.click(within(editor).getByRole('button', { name: 'Save' }));
    const card = await screen.findByRole('article', { name: 'Plan' });
    await within(card).findByText('written in the other tab, and more');
    expect(api.callsTo('notes.update').at(-1)?.input).toMatchObject({ expectedVersion: 2 });
  });

  it('keeps the version the editing started from, even when the list refreshes meanwhile', async () => {
    const { user, api, stored } = signedInWith([aNote({ title: 'Plan', body: 'first draft' })]);
    const card = await screen.findByRole('article', { name: 'Plan' });
    await user.click(within(card).getByRole('button', { name: 'Edit' }));
    changeElsewhere(stored, { body: 'written in the other tab' });

    // Adding a note refreshes every list, which now holds version 2 of the edited note.
    const newNote = screen.getByRole('form', { name: 'New note' });
    await user.type(within(newNote).getByLabelText('Title'), 'Another');
    await user.click(within(newNote).getByRole('button', { name: 'Add note' }));
    await screen.findByRole('article', { name: 'Another' });
    await waitFor(() => expect(api.callsTo('notes.list').length).toBeGreaterThan(1));

    const editor = screen.getByRole('form', { name: 'Edit “Plan”' });
    await user.type(within(editor).getByLabelText('Note'), '!');
    await user.click(within(editor).getByRole('button', { name: 'Save' }));

    expect(await within(editor).findByText(CHANGED_WHILE_EDITING)).toBeTruthy();
    expect(api.callsTo('notes.update')[0]?.input).toMatchObject({ body: 'first draft!', expectedVersion: 1 });
  });
});

describe('deleting a note that changed elsewhere', () => {
  async function confirmDelete(user: ReturnType<typeof signedInWith>['user'], stored: Note[]) {
    const card = await screen.findByRole('article', { name: 'Plan' });
    await user.click(within(card).getByRole('button', { name: 'Delete' }));
    changeElsewhere(stored, { title: 'Plan', body: 'new text from elsewhere' });
    const confirmation = within(card).getByRole('group', { name: 'Confirm deletion' });
    await user.click(within(confirmation).getByRole('button', { name: 'Delete' }));

    return within(card).findByRole('group', { name: CHANGED_BEFORE_DELETE });
  }

  it('deletes it anyway when asked', async () => {
    const { user, api, stored } = signedInWith([aNote({ title: 'Plan', body: 'first draft' })]);

    const notice = await confirmDelete(user, stored);
    expect(document.activeElement).toBe(notice);
    await user.click(within(notice).getByRole('button', { name: 'Delete anyway' }));

    await waitFor(() => expect(screen.queryByRole('article', { name: 'Plan' })).toBeNull());
    expect(api.callsTo('notes.delete').map((call) => call.input)).toEqual([
      { id: 'n1', expectedVersion: 1 },
      { id: 'n1', expectedVersion: 2 },
    ]);
    expect(stored).toEqual([]);
  });

  it('shows what changed with Reload, and keeps the note', async () => {
    const { user, api, stored } = signedInWith([aNote({ title: 'Plan', body: 'first draft' })]);

    const notice = await confirmDelete(user, stored);
    await user.click(within(notice).getByRole('button', { name: 'Reload' }));

    const card = screen.getByRole('article', { name: 'Plan' });
    await within(card).findByText('new text from elsewhere');
    expect(within(card).queryByRole('group')).toBeNull();
    expect(document.activeElement).toBe(within(card).getByRole('button', { name: 'Delete' }));
    expect(api.callsTo('notes.get')).toHaveLength(1);
    expect(stored).toHaveLength(1);
  });
});
