import { useRef, useState, type FormEvent, type ReactNode, type Ref, type RefObject } from 'react';

import type { ErrorDescription } from '../errors/describe-error';
import { FormAlert } from '../forms/form-alert';
import { TextField } from '../forms/text-field';
import { TagInput } from '../tags/tag-input';
import { addTags, remainingText } from '../tags/tag-rules';

/** What a note is made of, as the form sends it. */
export interface NoteContent {
  title: string;
  body: string;
  tags: string[];
}

/** The form's fields: the content, and tag text not yet turned into tags. */
export interface NoteDraft extends NoteContent {
  tagText: string;
}

export function draftOf(content: NoteContent): NoteDraft {
  return { title: content.title, body: content.body, tags: [...content.tags], tagText: '' };
}

interface NoteFormProps {
  label: string;
  draft: NoteDraft;
  onChange(draft: NoteDraft): void;
  onSubmit(content: NoteContent): void;
  submitLabel: string;
  pendingLabel: string;
  isPending: boolean;
  problem: ErrorDescription | null;
  /** Shown instead of the problem's sentence, when the failure needs more than a sentence. */
  notice?: ReactNode;
  onCancel?(): void;
  titleRef?: Ref<HTMLInputElement & HTMLTextAreaElement>;
  formRef?: RefObject<HTMLFormElement | null>;
}

/** The title, body and tags fields, shared by the new-note form and the note editor. */
export function NoteForm(props: NoteFormProps) {
  const { label, draft, onChange, onSubmit, submitLabel, pendingLabel, isPending, problem, notice } = props;
  const tagsRef = useRef<HTMLInputElement>(null);
  const [tagProblem, setTagProblem] = useState<string | null>(null);

  // Tag text left in the field counts: nobody expects "work" typed without a comma to vanish.
  const submit = (event: FormEvent) => {
    event.preventDefault();

    const added = addTags(draft.tags, draft.tagText.split(','));
    onChange({ ...draft, tags: added.tags, tagText: remainingText(added.refused, '') });
    setTagProblem(added.problem);
    if (added.problem) return tagsRef.current?.focus();

    onSubmit({ title: draft.title, body: draft.body, tags: added.tags });
  };

  return (
    <form className="note-form" aria-label={label} onSubmit={submit} ref={props.formRef} noValidate>
      {notice ?? <FormAlert message={problem?.message} />}
      <TextField
        label="Title"
        name="title"
        value={draft.title}
        onChange={(title) => onChange({ ...draft, title })}
        error={problem?.fields.title}
        inputRef={props.titleRef}
      />
      <TextField
        label="Note"
        name="body"
        rows={4}
        value={draft.body}
        onChange={(body) => onChange({ ...draft, body })}
        error={problem?.fields.body}
      />
      <TagInput
        value={{ tags: draft.tags, text: draft.tagText }}
        onChange={({ tags, text }) => onChange({ ...draft, tags, tagText: text })}
        error={tagProblem ?? problem?.fields.tags}
        onProblem={setTagProblem}
        inputRef={tagsRef}
      />
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={isPending}>
          {isPending ? pendingLabel : submitLabel}
        </button>
        {props.onCancel && (
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
