import { useId, useRef, useState } from 'react';

import { describeError } from '../errors/describe-error';
import { FormAlert } from '../forms/form-alert';
import { EmptyState } from './empty-state';
import { MoreNotes } from './more-notes';
import { NoteCard } from './note-card';
import { useNoteList } from './use-note-list';

export function NoteList({ onStartWriting }: { onStartWriting(): void }) {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const list = useNoteList();
  const [announcement, setAnnouncement] = useState('');

  const noteDeleted = () => {
    setAnnouncement('Note deleted.');
    headingRef.current?.focus();
  };

  return (
    <section className="notes" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        Your notes
      </h2>
      <p role="status" className="status-line">
        {announcement}
      </p>
      <NoteListBody list={list} onStartWriting={onStartWriting} onDeleted={noteDeleted} />
    </section>
  );
}

interface NoteListBodyProps {
  list: ReturnType<typeof useNoteList>;
  onStartWriting(): void;
  onDeleted(): void;
}

function NoteListBody({ list, onStartWriting, onDeleted }: NoteListBodyProps) {
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
  if (notes.length === 0) return <EmptyState onStartWriting={onStartWriting} />;

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
        loadMore={() => void list.fetchNextPage()}
      />
    </>
  );
}
