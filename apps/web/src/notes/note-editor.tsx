import type { Note } from '@scoped-notes/client';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

import { describeError } from '../errors/describe-error';
import { NoteForm } from './note-form';
import { useUpdateNote } from './use-note-mutations';

/** Edits one note in place; Escape or Cancel leaves it unchanged. */
export function NoteEditor({ note, onDone }: { note: Note; onDone(): void }) {
  const updateNote = useUpdateNote();
  const [draft, setDraft] = useState({ title: note.title, body: note.body });
  const titleRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);

  useEffect(() => titleRef.current?.focus(), []);

  const save = () => {
    const unchanged = draft.title === note.title && draft.body === note.body;
    if (unchanged) return onDone();

    updateNote.mutate({ id: note.id, ...draft }, { onSuccess: onDone });
  };

  const cancelOnEscape = (event: KeyboardEvent) => {
    if (event.key === 'Escape') onDone();
  };

  return (
    <div className="note-editor" onKeyDown={cancelOnEscape}>
      <NoteForm
        label={`Edit “${note.title}”`}
        draft={draft}
        onChange={setDraft}
        onSubmit={save}
        submitLabel="Save"
        pendingLabel="Saving…"
        isPending={updateNote.isPending}
        problem={updateNote.error ? describeError(updateNote.error, 'save-note') : null}
        onCancel={onDone}
        titleRef={titleRef}
      />
    </div>
  );
}
