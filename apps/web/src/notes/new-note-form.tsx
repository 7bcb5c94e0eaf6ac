import { useId, useState, type Ref } from 'react';

import { describeError } from '../errors/describe-error';
import { draftOf, NoteForm, type NoteContent } from './note-form';
import type { NoteListInput } from './note-list-input';
import { noteMatches } from './note-matches';
import { useCreateNote } from './use-note-mutations';

const EMPTY_DRAFT = draftOf({ title: '', body: '', tags: [] });

interface NewNoteFormProps {
  titleRef: Ref<HTMLInputElement & HTMLTextAreaElement>;
  /** What the list shows, to tell the user when their new note is not among it. */
  listInput: NoteListInput;
}

export function NewNoteForm({ titleRef, listInput }: NewNoteFormProps) {
  const headingId = useId();
  const createNote = useCreateNote();
  const [draft, setDraft] = useState(EMPTY_DRAFT);
  const [lastAdded, setLastAdded] = useState<{ title: string; hidden: boolean } | null>(null);

  const submit = (content: NoteContent) => {
    setLastAdded(null);
    createNote.mutate(content, {
      onSuccess: (note) => {
        setDraft(EMPTY_DRAFT);
        setLastAdded({ title: note.title, hidden: !noteMatches(note, listInput) });
      },
    });
  };

  return (
    <section className="card new-note" aria-labelledby={headingId}>
      <h2 id={headingId}>New note</h2>
      <NoteForm
        label="New note"
        draft={draft}
        onChange={setDraft}
        onSubmit={submit}
        submitLabel="Add note"
        pendingLabel="Adding…"
        isPending={createNote.isPending}
        problem={createNote.error ? describeError(createNote.error, 'create-note') : null}
        titleRef={titleRef}
      />
      <p role="status" className="status-line">
        {lastAdded && `Added “${lastAdded.title}”.`}
        {lastAdded?.hidden && ' Your search or tags hide it from the list below.'}
      </p>
    </section>
  );
}
