import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { Refusal } from './support/fake-api';
import { aNote } from './support/fixtures';
import { signedInWith } from './support/notes-server';

describe('the notes screen', () => {
  it('shows who is logged in and an empty state whose button leads to the title field', async () => {
    const { user } = signedInWith([]);

    expect(await screen.findByText('ada')).toBeTruthy();
    await user.click(await screen.findByRole('button', { name: 'Write your first note' }));

    expect(document.activeElement).toBe(screen.getByLabelText('Title'));
  });

  it('adds a note at the top, clears the form and says so', async () => {
    const { user, api } = signedInWith([aNote()]);

    await screen.findByRole('article', { name: 'First note' });
    await user.type(screen.getByLabelText('Title'), 'Second');
    await user.type(screen.getByLabelText('Note'), 'more');
    await user.click(screen.getByRole('button', { name: 'Add note' }));

    await screen.findByRole('article', { name: 'Second' });
    const titles = screen.getAllByRole('heading', { level: 3 }).map((heading) => heading.textContent);
    expect(titles).toEqual(['Second', 'First note']);
    expect(screen.getByLabelText('Title')).toHaveProperty('value', '');
    expect(screen.getByText('Added “Second”.')).toBeTruthy();
    expect(api.callsTo('notes.create')[0]?.input).toEqual({ title: 'Second', body: 'more', tags: [] });
  });

  it('asks before deleting, keeps the note when told to, and gives the focus back', async () => {
    const { user, api } = signedInWith([aNote()]);
    const card = await screen.findByRole('article', { name: 'First note' });

    await user.click(within(card).getByRole('button', { name: 'Delete' }));
    expect(within(card).getByText('Delete this note? This cannot be undone.')).toBeTruthy();
    expect(document.activeElement).toBe(within(card).getByRole('button', { name: 'Keep it' }));

    await user.click(within(card).getByRole('button', { name: 'Keep it' }));
    expect(document.activeElement).toBe(within(card).getByRole('button', { name: 'Delete' }));
    expect(api.callsTo('notes.delete')).toHaveLength(0);
  });

  it('deletes after the second yes, and moves the focus to the list heading', async () => {
    const { user, api } = signedInWith([aNote(), aNote({ id: 'n0', title: 'Older' })]);
    const card = await screen.findByRole('article', { name: 'First note' });

    await user.click(within(card).getByRole('button', { name: 'Delete' }));
    const confirmation = screen.getByRole('group', { name: 'Confirm deletion' });
    await user.click(within(confirmation).getByRole('button', { name: 'Delete' }));

    await waitFor(() => expect(screen.queryByRole('article', { name: 'First note' })).toBeNull());
    expect(api.callsTo('notes.delete')[0]?.input).toEqual({ id: 'n1', expectedVersion: 1 });
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Your notes' }));
    expect(screen.getByText('Note deleted.')).toBeTruthy();
  });

  it('leaves a note unchanged and sends nothing when editing ends with Escape', async () => {
    const { user, api } = signedInWith([aNote()]);
    const card = await screen.findByRole('article', { name: 'First note' });

    await user.click(within(card).getByRole('button', { name: 'Edit' }));
    expect(document.activeElement).toBe(screen.getByDisplayValue('First note'));
    await user.type(screen.getByDisplayValue('First note'), ' changed');
    await user.keyboard('{Escape}');

    expect(await screen.findByRole('article', { name: 'First note' })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Edit' }));
    expect(api.callsTo('notes.update')).toHaveLength(0);
  });

  it('says so when the note being saved was deleted elsewhere', async () => {
    const { user } = signedInWith([aNote()], {
      'notes.update': () => {
        throw new Refusal('NOT_FOUND');
      },
    });

    const card = await screen.findByRole('article', { name: 'First note' });
    await user.click(within(card).getByRole('button', { name: 'Edit' }));
    await user.type(screen.getByDisplayValue('First note'), '!');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect((await screen.findByRole('alert')).textContent).toBe(
      'This note no longer exists. It may have been deleted in another tab or on another device.',
    );
  });

  it('marks the title when the server refuses it', async () => {
    const { user } = signedInWith([], {
      'notes.create': () => {
        throw new Refusal('BAD_REQUEST', { title: ['Title must not be empty'] });
      },
    });

    await user.click(await screen.findByRole('button', { name: 'Add note' }));

    await screen.findByRole('alert');
    expect(screen.getByLabelText('Title').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Give the note a title of 1 to 200 characters.')).toBeTruthy();
  });
});
