import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { SEARCH_DELAY_MS } from '../src/notes/use-note-filter';
import { aNote } from './support/fixtures';
import { signedInWith } from './support/notes-server';

const NOTES = [
  aNote({ id: 'n3', title: 'Groceries', body: 'oat milk, eggs', tags: ['errands', 'home'] }),
  aNote({ id: 'n2', title: 'Milk run', body: 'before noon', tags: ['errands'] }),
  aNote({ id: 'n1', title: 'Taxes', body: 'file by April', tags: ['work'] }),
];

const titles = () => screen.queryAllByRole('heading', { level: 3 }).map((heading) => heading.textContent);
const searchBox = () => screen.getByRole('searchbox', { name: 'Search notes' });

type Api = ReturnType<typeof signedInWith>['api'];
const searchesSent = (api: Api) =>
  api.callsTo('notes.list').flatMap((call) => {
    const { search } = call.input as { search?: string };

    return search === undefined ? [] : [search];
  });

describe('searching as you type', () => {
  it('takes up to the API\'s 100 characters, counting an emoji as one, and sends them whole', async () => {
    const { user, api } = signedInWith(NOTES);
    await screen.findByRole('article', { name: 'Taxes' });

    // 60 emoji are 120 UTF-16 units, but 60 characters: all of them fit.
    const emoji = '🥛'.repeat(60);
    await user.click(searchBox());
    await user.paste(emoji);
    await waitFor(() => expect(searchesSent(api)).toEqual([emoji]));

    // 101 characters are cut to 100, between characters.
    await user.clear(searchBox());
    await user.paste(`${'🥛'.repeat(99)}ab`);
    const expected = `${'🥛'.repeat(99)}a`;
    await waitFor(() => expect(searchesSent(api).at(-1)).toBe(expected));
    expect(searchBox()).toHaveProperty('value', expected);
  });

  it('waits for a pause in typing, then sends one search', async () => {
    const { user, api } = signedInWith(NOTES);
    await screen.findByRole('article', { name: 'Taxes' });
    const listsBefore = api.callsTo('notes.list').length;

    await user.type(searchBox(), 'milk');
    const typedAt = Date.now();
    expect(searchesSent(api)).toEqual([]);

    await waitFor(() => expect(titles()).toEqual(['Groceries', 'Milk run']));
    expect(searchesSent(api)).toEqual(['milk']);
    expect(api.callsTo('notes.list')).toHaveLength(listsBefore + 1);
    expect(api.callsTo('notes.list').at(-1)!.at - typedAt).toBeGreaterThanOrEqual(SEARCH_DELAY_MS - 50);
  });

  it('cancels the request for an older search when the text changes', async () => {
    const { user, api } = signedInWith(NOTES, {
      // The answer to "tax" never comes: only the newer search can fill the list.
      'notes.list': (input) => {
        const { search } = input as { search?: string };
        if (search === 'tax') return new Promise(() => {});

        const items = NOTES.filter((note) => !search || note.title.toLowerCase().includes(search));

        return { items, nextCursor: null };
      },
    });
    await screen.findByRole('article', { name: 'Taxes' });

    await user.type(searchBox(), 'tax');
    await waitFor(() => expect(searchesSent(api)).toEqual(['tax']));
    await user.type(searchBox(), 'es');

    await waitFor(() => expect(searchesSent(api)).toEqual(['tax', 'taxes']));
    const [older, newer] = api.callsTo('notes.list').filter((call) => (call.input as { search?: string }).search);
    await waitFor(() => expect(older?.signal?.aborted).toBe(true));
    expect(newer?.signal?.aborted).toBe(false);
    await waitFor(() => expect(titles()).toEqual(['Taxes']));
  });

  it('says when nothing matches, unlike having no notes, and clears the search from there', async () => {
    const { user } = signedInWith(NOTES);
    await screen.findByRole('article', { name: 'Taxes' });

    await user.type(searchBox(), 'zebra');

    expect(await screen.findByText('No notes match “zebra”.')).toBeTruthy();
    expect(screen.getByText(/Check the spelling or try other words, or clear the search/)).toBeTruthy();
    expect(screen.queryByText('You have no notes yet.')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Show all notes' }));
    await waitFor(() => expect(titles()).toEqual(['Groceries', 'Milk run', 'Taxes']));
    expect(searchBox()).toHaveProperty('value', '');
    expect(document.activeElement).toBe(searchBox());
  });

  it('clears with its button or Escape, showing every note at once', async () => {
    const { user } = signedInWith(NOTES);
    await screen.findByRole('article', { name: 'Taxes' });
    await user.type(searchBox(), 'taxes');
    await waitFor(() => expect(titles()).toEqual(['Taxes']));

    await user.click(screen.getByRole('button', { name: 'Clear search' }));

    expect(titles()).toEqual(['Groceries', 'Milk run', 'Taxes']);
    expect(document.activeElement).toBe(searchBox());
    expect(screen.queryByRole('button', { name: 'Clear search' })).toBeNull();

    await user.type(searchBox(), 'april');
    await waitFor(() => expect(titles()).toEqual(['Taxes']));
    await user.keyboard('{Escape}');
    expect(titles()).toEqual(['Groceries', 'Milk run', 'Taxes']);
  });
});

describe('tag chips', () => {
  it('lists the user’s tags with their counts, most used first', async () => {
    signedInWith(NOTES);
    const chips = await screen.findByRole('group', { name: 'Show only notes with these tags' });

    await waitFor(() =>
      expect(within(chips).getAllByRole('button').map((chip) => chip.textContent)).toEqual([
        'errands 2 notes',
        'home 1 note',
        'work 1 note',
      ]),
    );
    const pressed = within(chips).getAllByRole('button').map((chip) => chip.getAttribute('aria-pressed'));
    expect(pressed).toEqual(['false', 'false', 'false']);
  });

  it('keeps the notes that carry every pressed tag, and combines with the search', async () => {
    const { user, api } = signedInWith(NOTES);
    const chips = await screen.findByRole('group', { name: 'Show only notes with these tags' });
    const chip = async (tag: string) => within(chips).findByRole('button', { name: new RegExp(`^${tag} `) });

    await user.click(await chip('errands'));
    await waitFor(() => expect(titles()).toEqual(['Groceries', 'Milk run']));
    expect((await chip('errands')).getAttribute('aria-pressed')).toBe('true');

    await user.click(await chip('home'));
    await waitFor(() => expect(titles()).toEqual(['Groceries']));
    expect(api.callsTo('notes.list').at(-1)?.input).toMatchObject({ tags: ['errands', 'home'] });

    await user.type(searchBox(), 'noon');
    expect(await screen.findByText('No notes with all of the tags “errands” and “home” match “noon”.')).toBeTruthy();

    await user.click(within(chips).getByRole('button', { name: 'Clear tags' }));
    await waitFor(() => expect(titles()).toEqual(['Milk run']));
  });
});
