import type { FormEvent, Ref } from 'react';

import type { ErrorDescription } from '../errors/describe-error';
import { FormAlert } from '../forms/form-alert';
import { TextField } from '../forms/text-field';

export interface NoteDraft {
  title: string;
  body: string;
}

interface NoteFormProps {
  label: string;
  draft: NoteDraft;
  onChange(draft: NoteDraft): void;
  onSubmit(): void;
  submitLabel: string;
  pendingLabel: string;
  isPending: boolean;
  problem: ErrorDescription | null;
  onCancel?(): void;
  titleRef?: Ref<HTMLInputElement & HTMLTextAreaElement>;
}

/** The title and body fields, shared by the new-note form and the note editor. */
export function NoteForm(props: NoteFormProps) {
  const { label, draft, onChange, onSubmit, submitLabel, pendingLabel, isPending, problem, onCancel, titleRef } = props;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };

  return (
    <form className="note-form" aria-label={label} onSubmit={submit} noValidate>
      <FormAlert message={problem?.message} />
      <TextField
        label="Title"
        name="title"
        value={draft.title}
        onChange={(title) => onChange({ ...draft, title })}
        error={problem?.fields.title}
        inputRef={titleRef}
      />
      <TextField
        label="Note"
        name="body"
        rows={4}
        value={draft.body}
        onChange={(body) => onChange({ ...draft, body })}
        error={problem?.fields.body}
      />
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={isPending}>
          {isPending ? pendingLabel : submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
