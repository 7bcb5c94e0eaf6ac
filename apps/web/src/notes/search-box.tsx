import { useId, type KeyboardEvent, type RefObject } from 'react';

interface SearchBoxProps {
  value: string;
  onChange(value: string): void;
  inputRef: RefObject<HTMLInputElement | null>;
}

/** Searches titles and text as the user types; Escape or the Clear button empties it. */
export function SearchBox({ value, onChange, inputRef }: SearchBoxProps) {
  const id = useId();
  const hintId = `${id}-hint`;

  const clear = () => {
    onChange('');
    inputRef.current?.focus();
  };

  const clearOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || value === '') return;

    event.preventDefault();
    onChange('');
  };

  return (
    <div role="search" className="search-box">
      <label htmlFor={id}>Search notes</label>
      <div className="search-row">
        <input
          id={id}
          ref={inputRef}
          type="search"
          value={value}
          autoComplete="off"
          aria-describedby={hintId}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={clearOnEscape}
        />
        {value && (
          <button type="button" onClick={clear}>
            Clear search
          </button>
        )}
      </div>
      <p id={hintId} className="field-hint">
        Finds the words in titles and text, whatever their case.
      </p>
    </div>
  );
}
