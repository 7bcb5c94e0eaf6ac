import { SEARCH_MAX_LENGTH } from '@scoped-notes/client';
import { useMemo, useState } from 'react';
import { useDebouncedCallback } from 'use-debounce';

import type { NoteListInput } from './note-list-input';

/** How long typing must pause before the search is sent. */
export const SEARCH_DELAY_MS = 300;

/**
 * At most the API's limit on search text, counted as the API counts it: in
 * characters (code points), so an emoji is one, and never cut in half.
 */
function withinSearchLimit(text: string): string {
  const characters = [...text];

  return characters.length <= SEARCH_MAX_LENGTH ? text : characters.slice(0, SEARCH_MAX_LENGTH).join('');
}

export interface NoteFilter {
  /** The search box's text, as typed. */
  searchText: string;
  setSearchText(text: string): void;
  selectedTags: string[];
  toggleTag(tag: string): void;
  clearTags(): void;
  /** What the list shows now: the search once typing paused, and the selected tags. */
  input: NoteListInput;
  /** The search box holds text the list does not show yet. */
  isTyping: boolean;
}

function listInput(search: string, tags: string[]): NoteListInput {
  return {
    ...(search ? { search } : {}),
    // Sorted so that the same tags picked in another order share one cached list.
    ...(tags.length > 0 ? { tags: [...tags].sort() } : {}),
  };
}

/**
 * The search box and tag chips of the list. A search waits for a pause in typing;
 * emptying the box shows every note at once.
 */
export function useNoteFilter(): NoteFilter {
  const [searchText, setTypedText] = useState('');
  const [search, setSearch] = useState('');
  const [selectedTags, setSelectedTags] = useState<string[]>([]);
  const applySearch = useDebouncedCallback(setSearch, SEARCH_DELAY_MS);
  const input = useMemo(() => listInput(search, selectedTags), [search, selectedTags]);

  const setSearchText = (typed: string) => {
    const text = withinSearchLimit(typed);
    setTypedText(text);

    const wanted = text.trim();
    if (wanted !== '') return applySearch(wanted);

    applySearch.cancel();
    setSearch('');
  };

  const toggleTag = (tag: string) =>
    setSelectedTags((tags) => (tags.includes(tag) ? tags.filter((each) => each !== tag) : [...tags, tag]));

  return {
    searchText,
    setSearchText,
    selectedTags,
    toggleTag,
    clearTags: () => setSelectedTags([]),
    input,
    isTyping: searchText.trim() !== search,
  };
}
