import type { Note } from '@scoped-notes/client';
import { useEffect, useRef, useState } from 'react';

import { describeError } from '../errors/describe-error';
import { currentVersionOf, isVersionConflict } from '../errors/version-conflict';
import { FormAlert } from '../forms/form-alert';
import { ConflictNotice } from './conflict-notice';
import { useDeleteNote, useReloadNote } from './use-note-mutations';

interface DeleteConfirmationProps {
  note: Note;
  onCancel(): void;
  onDeleted(): void;
}

/**
 * Asks before deleting; the safe answer has the focus, so a stray Enter keeps the
 * note. The delete names the version the user was asked about: a note changed
 * elsewhere since is shown to them before it can go.
 */
export function DeleteConfirmation({ note, onCancel, onDeleted }: DeleteConfirmationProps) {
  const deleteNote = useDeleteNote();
  const reloadNote = useReloadNote();
  const [askedAbout] = useState(note.version);
  const keepRef = useRef<HTMLButtonElement>(null);

  useEffect(() => keepRef.current?.focus(), []);

  const remove = (expectedVersion: number | undefined) =>
    deleteNote.mutate({ id: note.id, expectedVersion }, { onSuccess: onDeleted });

  if (isVersionConflict(deleteNote.error)) {
    return (
      <ConflictNotice
          message="This note was changed somewhere else, in another tab or on another device, after it was shown here."
          explanation="Reload to see what changed before you decide, or delete it anyway."
          reloadQuestion={null}
          onReload={() => reloadNote.mutate(note.id, { onSuccess: onCancel })}
          insistLabel="Delete anyway"
          onInsist={() => remove(currentVersionOf(deleteNote.error) ?? undefined)}
          onCancel={onCancel}
          cancelLabel="Keep it"
          isReloading={reloadNote.isPending}
          reloadProblem={reloadNote.error ? describeError(reloadNote.error, 'reload-note').message : null}
        />
    );
  }

  return (
    <div className="delete-confirmation" role="group" aria-label="Confirm deletion">
      <p>Delete this note? This cannot be undone.</p>
      <FormAlert message={deleteNote.error ? describeError(deleteNote.error, 'delete-note').message : null} />
      <div className="form-actions">
        <button
          type="button"
          className="button-danger"
          disabled={deleteNote.isPending}
          onClick={() => remove(askedAbout)}
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
