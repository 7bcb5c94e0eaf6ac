import { useId, useState, type Ref } from 'react';

import { describeError } from '../errors/describe-error';
import { NoteForm, type NoteDraft } from './note-form';
import { useCreateNote } from './use-note-mutations';

const EMPTY_DRAFT: NoteDraft = { title: '', body: '' };

export function NewNoteForm({ titleRef }: { titleRef: Ref<HTMLInputElement & HTMLTextAreaElement> }) {
  const headingId = useId();
  const createNote = useCreateNote();
  const [draft, setDraft] = useState(EMPTY_DRAFT);
  const [lastAdded, setLastAdded] = useState<string | null>(null);

  const submit = () => {
    setLastAdded(null);
    createNote.mutate(draft, {
      onSuccess: (note) => {
        setDraft(EMPTY_DRAFT);
        setLastAdded(note.title);
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
        {lastAdded && `Added “${lastAdded}”.`}
      </p>
    </section>
  );
}
