import { useId, type Ref } from 'react';

interface TextFieldProps {
  label: string;
  name: string;
  value: string;
  onChange(value: string): void;
  /** Shown under the field, and read out with it. */
  hint?: string;
  /** Marks the field invalid and says why. */
  error?: string;
  type?: 'text' | 'password' | 'email';
  autoComplete?: string;
  /** A textarea with this many rows instead of a one-line input. */
  rows?: number;
  autoFocus?: boolean;
  inputRef?: Ref<HTMLInputElement & HTMLTextAreaElement>;
}

/** A labelled input whose hint and error are tied to it for screen readers. */
export function TextField(props: TextFieldProps) {
  const { label, name, value, onChange, hint, error, type = 'text', autoComplete, rows, autoFocus, inputRef } = props;
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;

  const shared = {
    id,
    name,
    value,
    ref: inputRef,
    autoComplete,
    autoFocus,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
  };

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {rows ? (
        <textarea {...shared} rows={rows} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input {...shared} type={type} onChange={(event) => onChange(event.target.value)} />
      )}
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
