import type { Note } from '@scoped-notes/client';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

import { describeError } from '../errors/describe-error';
import { currentVersionOf, isVersionConflict } from '../errors/version-conflict';
import { ConflictNotice } from './conflict-notice';
import { draftOf, NoteForm, type NoteContent } from './note-form';
import { useReloadNote, useUpdateNote } from './use-note-mutations';

function sameContent(content: NoteContent, note: Note): boolean {
  const sameTags =
    content.tags.length === note.tags.length && content.tags.every((tag, index) => tag === note.tags[index]);

  return content.title === note.title && content.body === note.body && sameTags;
}

/**
 * Edits one note in place; Escape or Cancel leaves it unchanged. A save names the
 * version the editing started from, so a change made meanwhile in another tab or on
 * another device is never overwritten unless the user chooses to.
 */
export function NoteEditor({ note, onDone }: { note: Note; onDone(): void }) {
  const updateNote = useUpdateNote();
  const reloadNote = useReloadNote();
  const [draft, setDraft] = useState(() => draftOf(note));
  const [reloaded, setReloaded] = useState(false);
  // A ref, not the `note` prop: a list refetched meanwhile may bring a newer version
  // that the user never saw, and saving over it must stay their choice.
  const baseVersion = useRef<number | undefined>(note.version);
  const titleRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const conflict = isVersionConflict(updateNote.error);

  useEffect(() => titleRef.current?.focus(), []);

  const save = (content: NoteContent) => {
    if (sameContent(content, note)) return onDone();

    setReloaded(false);
    updateNote.mutate({ id: note.id, ...content, expectedVersion: baseVersion.current }, { onSuccess: onDone });
  };

  // Saves the form as it is now over the version the server has.
  const overwrite = () => {
    baseVersion.current = currentVersionOf(updateNote.error) ?? undefined;
    formRef.current?.requestSubmit();
  };

  const reload = () =>
    reloadNote.mutate(note.id, {
      onSuccess: (fresh) => {
        baseVersion.current = fresh.version;
        setDraft(draftOf(fresh));
        updateNote.reset();
        setReloaded(true);
        titleRef.current?.focus();
      },
    });

  const cancelOnEscape = (event: KeyboardEvent) => {
    if (event.key === 'Escape') onDone();
  };

  const conflictNotice = conflict && (
    <ConflictNotice
      message="This note was changed somewhere else, in another tab or on another device, after you started editing it."
      explanation="Reload to see the saved version and lose your changes here, or overwrite it with your version."
      reloadQuestion="Discard your changes and show the version saved elsewhere?"
      onReload={reload}
      insistLabel="Overwrite"
      onInsist={overwrite}
      isReloading={reloadNote.isPending}
      reloadProblem={reloadNote.error ? describeError(reloadNote.error, 'reload-note').message : null}
    />
  );
  const reloadedNotice = reloaded && (
    <p role="status" className="notice">
      This is the version saved elsewhere; your changes were discarded.
    </p>
  );

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
        problem={updateNote.error && !conflict ? describeError(updateNote.error, 'save-note') : null}
        notice={conflictNotice || reloadedNotice || undefined}
        onCancel={onDone}
        titleRef={titleRef}
        formRef={formRef}
      />
    </div>
  );
}
