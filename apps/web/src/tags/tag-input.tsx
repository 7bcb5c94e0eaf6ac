import { useId, type ChangeEvent, type KeyboardEvent, type RefObject } from 'react';

import { addTags, remainingText, splitTypedTags } from './tag-rules';

export interface TagInputValue {
  /** The tags added so far, normalised. */
  tags: string[];
  /** What is typed in the field and not yet a tag. */
  text: string;
}

interface TagInputProps {
  value: TagInputValue;
  onChange(value: TagInputValue): void;
  /** The sentence under the field: why the last tag was refused. */
  error?: string | null;
  /** Told after every attempt to add tags: the problem, or null when there was none. */
  onProblem(problem: string | null): void;
  inputRef: RefObject<HTMLInputElement | null>;
}

/**
 * A note's tags as removable chips, and a field where a comma or Enter turns what was
 * typed into tags. Each tag is shown as the server will store it.
 */
export function TagInput({ value, onChange, error, onProblem, inputRef }: TagInputProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const { tags, text } = value;

  const add = (typed: string[], typing: string) => {
    const added = addTags(tags, typed);
    onProblem(added.problem);
    onChange({ tags: added.tags, text: remainingText(added.refused, typing) });
  };

  const type = (event: ChangeEvent<HTMLInputElement>) => {
    const { finished, typing } = splitTypedTags(event.target.value);
    if (finished.length > 0) return add(finished, typing);

    onChange({ tags, text: event.target.value });
  };

  // Enter adds what is typed; with nothing typed it submits the form as usual.
  const addOnEnter = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter' || text.trim() === '') return;

    event.preventDefault();
    add(text.split(','), '');
  };

  const remove = (tag: string) => {
    onChange({ tags: tags.filter((each) => each !== tag), text });
    onProblem(null);
    // The chip's button is gone; the field is where the user was working.
    inputRef.current?.focus();
  };

  return (
    <div className="field">
      <label htmlFor={id}>Tags</label>
      {tags.length > 0 && (
        <ul className="tag-chips" aria-label="Tags added">
          {tags.map((tag) => (
            <li key={tag} className="tag-chip">
              {tag}
              <button type="button" className="tag-remove" aria-label={`Remove tag ${tag}`} onClick={() => remove(tag)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={id}
        ref={inputRef}
        name="tags"
        value={text}
        autoComplete="off"
        enterKeyHint="enter"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${hintId} ${errorId}` : hintId}
        onChange={type}
        onKeyDown={addOnEnter}
      />
      <p id={hintId} className="field-hint">
        Separate tags with commas, or press Enter after each one.
      </p>
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
