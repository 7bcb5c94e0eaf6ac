import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { signedInWith } from './support/notes-server';

const newNoteForm = () => screen.getByRole('form', { name: 'New note' });
const chips = () => within(newNoteForm()).queryAllByRole('listitem').map((chip) => chip.firstChild?.textContent);

async function openNewNoteForm() {
  const rendered = signedInWith([]);
  await screen.findByText('You have no notes yet.');

  return { ...rendered, tagsField: within(newNoteForm()).getByLabelText('Tags') };
}

describe('the tag field', () => {
  it('turns text ended by a comma or Enter into chips spelled as the server stores them', async () => {
    const { user, api, tagsField } = await openNewNoteForm();

    await user.type(within(newNoteForm()).getByLabelText('Title'), 'Shopping');
    await user.type(tagsField, 'Work, HOME,');
    await user.type(tagsField, 'Ｅｒｒａｎｄｓ{Enter}');

    expect(chips()).toEqual(['work', 'home', 'errands']);
    expect(tagsField).toHaveProperty('value', '');
    expect(api.callsTo('notes.create')).toHaveLength(0);

    // Typed but not ended: still a tag when the note is added.
    await user.type(tagsField, 'home, later');
    await user.click(screen.getByRole('button', { name: 'Add note' }));

    await screen.findByRole('article', { name: 'Shopping' });
    expect(api.callsTo('notes.create')[0]?.input).toEqual({
      title: 'Shopping',
      body: '',
      tags: ['work', 'home', 'errands', 'later'],
    });
    expect(chips()).toEqual([]);
  });

  it('names a tag it refuses and why, keeps the text for fixing, and adds nothing until it is fixed', async () => {
    const { user, api, tagsField } = await openNewNoteForm();
    const sentence = '“to do” cannot be a tag: use only letters, digits, dashes (-) and underscores (_), with no spaces.';

    await user.type(tagsField, 'fine, To Do,');

    expect(chips()).toEqual(['fine']);
    expect(tagsField).toHaveProperty('value', 'To Do');
    expect(tagsField.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (tagsField.getAttribute('aria-describedby') ?? '').split(' ');
    expect(describedBy.map((id) => document.getElementById(id)?.textContent)).toContain(sentence);

    await user.type(within(newNoteForm()).getByLabelText('Title'), 'Plans');
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    expect(api.callsTo('notes.create')).toHaveLength(0);
    expect(document.activeElement).toBe(tagsField);

    await user.clear(tagsField);
    await user.type(tagsField, 'to-do{Enter}');
    expect(chips()).toEqual(['fine', 'to-do']);
    expect(tagsField.getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByText(sentence)).toBeNull();
  });

  it('removes a chip with its own button and gives the focus back to the field', async () => {
    const { user, tagsField } = await openNewNoteForm();

    await user.type(tagsField, 'one, two, three,');
    await user.click(screen.getByRole('button', { name: 'Remove tag two' }));

    expect(chips()).toEqual(['one', 'three']);
    expect(document.activeElement).toBe(tagsField);
  });

  it('edits a note’s tags, and shows them on its card', async () => {
    const { user, api } = signedInWith([]);
    await screen.findByText('You have no notes yet.');
    await user.type(within(newNoteForm()).getByLabelText('Title'), 'Trip');
    await user.type(within(newNoteForm()).getByLabelText('Tags'), 'travel, summer,');
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    const card = await screen.findByRole('article', { name: 'Trip' });
    expect(within(within(card).getByRole('list', { name: 'Tags' })).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'travel',
      'summer',
    ]);

    await user.click(within(card).getByRole('button', { name: 'Edit' }));
    const editor = screen.getByRole('form', { name: 'Edit “Trip”' });
    await user.click(within(editor).getByRole('button', { name: 'Remove tag summer' }));
    await user.type(within(editor).getByLabelText('Tags'), 'Winter{Enter}');
    await user.click(within(editor).getByRole('button', { name: 'Save' }));

    const saved = await screen.findByRole('article', { name: 'Trip' });
    await within(saved).findByText('winter');
    expect(api.callsTo('notes.update')[0]?.input).toEqual({
      id: 'n1',
      title: 'Trip',
      body: '',
      tags: ['travel', 'winter'],
      expectedVersion: 1,
    });
  });
});
