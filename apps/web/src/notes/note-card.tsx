import type { Note } from '@scoped-notes/client';
import { useEffect, useId, useRef, useState } from 'react';

import { NoteTags } from '../tags/note-tags';
import { DeleteConfirmation } from './delete-confirmation';
import { noteDateLabel } from './format-note-date';
import { NoteEditor } from './note-editor';

type CardMode = 'reading' | 'editing' | 'confirming-delete';

interface NoteCardProps {
  note: Note;
  /** Called once the note is deleted, so the list can take the focus the card had. */
  onDeleted(): void;
}

export function NoteCard({ note, onDeleted }: NoteCardProps) {
  const titleId = useId();
  const [mode, setMode] = useState<CardMode>('reading');
  // After editing or declining to delete, the focus goes back to the button that started it.
  const [returnFocusTo, setReturnFocusTo] = useState<'edit' | 'delete' | null>(null);
  const editRef = useRef<HTMLButtonElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const date = noteDateLabel(note);

  useEffect(() => {
    if (mode !== 'reading' || !returnFocusTo) return;

    (returnFocusTo === 'edit' ? editRef : deleteRef).current?.focus();
    setReturnFocusTo(null);
  }, [mode, returnFocusTo]);

  const finish = (focus: 'edit' | 'delete') => {
    setMode('reading');
    setReturnFocusTo(focus);
  };

  if (mode === 'editing') {
    return (
      <article className="card note-card" aria-label={`Editing “${note.title}”`}>
        <NoteEditor note={note} onDone={() => finish('edit')} />
      </article>
    );
  }

  return (
    <article className="card note-card" aria-labelledby={titleId}>
      <h3 id={titleId} className="note-title">
        {note.title}
      </h3>
      {note.body && <p className="note-body">{note.body}</p>}
      <NoteTags tags={note.tags} />
      <p className="note-date">
        {date.verb} <time dateTime={date.iso}>{date.text}</time>
      </p>
      {mode === 'confirming-delete' ? (
        <DeleteConfirmation note={note} onCancel={() => finish('delete')} onDeleted={onDeleted} />
      ) : (
        <div className="note-actions">
          <button type="button" ref={editRef} aria-describedby={titleId} onClick={() => setMode('editing')}>
            Edit
          </button>
          <button type="button" ref={deleteRef} aria-describedby={titleId} onClick={() => setMode('confirming-delete')}>
            Delete
          </button>
        </div>
      )}
    </article>
  );
}
