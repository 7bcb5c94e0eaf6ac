import { useId, useRef, useState } from 'react';

import { describeError } from '../errors/describe-error';
import { FormAlert } from '../forms/form-alert';
import { TagFilter } from '../tags/tag-filter';
import { EmptyState } from './empty-state';
import { MoreNotes } from './more-notes';
import { NoMatches } from './no-matches';
import { NoteCard } from './note-card';
import type { NoteListInput } from './note-list-input';
import { isFiltered } from './note-matches';
import { SearchBox } from './search-box';
import type { NoteFilter } from './use-note-filter';
import { useNoteList } from './use-note-list';

interface NoteListProps {
  filter: NoteFilter;
  onStartWriting(): void;
}

export function NoteList({ filter, onStartWriting }: NoteListProps) {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const list = useNoteList(filter.input);
  const [announcement, setAnnouncement] = useState('');
  const searching = filter.isTyping || (list.isPlaceholderData && list.isFetching);

  const noteDeleted = () => {
    setAnnouncement('Note deleted.');
    headingRef.current?.focus();
  };

  const showAll = () => {
    filter.setSearchText('');
    filter.clearTags();
    searchRef.current?.focus();
  };

  return (
    <section className="notes" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        Your notes
      </h2>
      <SearchBox value={filter.searchText} onChange={filter.setSearchText} inputRef={searchRef} />
      <TagFilter selected={filter.selectedTags} onToggle={filter.toggleTag} onClear={filter.clearTags} />
      <p role="status" className="status-line">
        {announcement}
      </p>
      <p role="status" className="status-line">
        {searching ? 'Searching…' : ''}
      </p>
      <div className="note-list-body" aria-busy={searching}>
        <NoteListBody
          list={list}
          input={filter.input}
          onStartWriting={onStartWriting}
          onShowAll={showAll}
          onDeleted={noteDeleted}
        />
      </div>
    </section>
  );
}

interface NoteListBodyProps {
  list: ReturnType<typeof useNoteList>;
  input: NoteListInput;
  onStartWriting(): void;
  onShowAll(): void;
  onDeleted(): void;
}

function NoteListBody({ list, input, onStartWriting, onShowAll, onDeleted }: NoteListBodyProps) {
  if (list.isPending) return <p role="status">Loading your notes…</p>;

  if (list.isError && !list.isFetchNextPageError) {
    return (
      <div>
        <FormAlert message={describeError(list.error, 'load-notes').message} />
        <button type="button" onClick={() => void list.refetch()}>
          Try again
        </button>
      </div>
    );
  }

  const notes = list.data?.pages.flatMap((page) => page.items) ?? [];
  if (notes.length === 0) {
    // An empty answer to the previous input says nothing about this one: wait for its own.
    if (list.isPlaceholderData) return null;

    return isFiltered(input) ? (
      <NoMatches input={input} onShowAll={onShowAll} />
    ) : (
      <EmptyState onStartWriting={onStartWriting} />
    );
  }

  return (
    <>
      <ul className="note-list">
        {notes.map((note) => (
          <li key={note.id}>
            <NoteCard note={note} onDeleted={onDeleted} />
          </li>
        ))}
      </ul>
      <MoreNotes
        hasMore={list.hasNextPage}
        isLoading={list.isFetchingNextPage}
        error={list.isFetchNextPageError ? list.error : null}
        showEnd={(list.data?.pages.length ?? 0) > 1}
        filtered={isFiltered(input)}
        loadMore={() => void list.fetchNextPage()}
      />
    </>
  );
}
