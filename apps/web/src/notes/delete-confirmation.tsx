import { useEffect, useRef } from 'react';

import { describeError } from '../errors/describe-error';
import { FormAlert } from '../forms/form-alert';
import { useDeleteNote } from './use-note-mutations';

interface DeleteConfirmationProps {
  noteId: string;
  onCancel(): void;
  onDeleted(): void;
}

/** Asks before deleting; the safe answer has the focus, so a stray Enter keeps the note. */
export function DeleteConfirmation({ noteId, onCancel, onDeleted }: DeleteConfirmationProps) {
  const deleteNote = useDeleteNote();
  const keepRef = useRef<HTMLButtonElement>(null);

  useEffect(() => keepRef.current?.focus(), []);

  return (
    <div className="delete-confirmation" role="group" aria-label="Confirm deletion">
      <p>Delete this note? This cannot be undone.</p>
      <FormAlert message={deleteNote.error ? describeError(deleteNote.error, 'delete-note').message : null} />
      <div className="form-actions">
        <button
          type="button"
          className="button-danger"
          disabled={deleteNote.isPending}
          onClick={() => deleteNote.mutate(noteId, { onSuccess: onDeleted })}
        >
          {deleteNote.isPending ? 'Deleting…' : 'Delete'}
        </button>
        <button type="button" ref={keepRef} onClick={onCancel}>
          Keep it
        </button>
      </div>
    </div>
  );
}
