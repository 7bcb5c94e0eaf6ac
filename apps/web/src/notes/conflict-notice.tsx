import { useEffect, useId, useRef, useState } from 'react';

import { FormAlert } from '../forms/form-alert';

interface ConflictNoticeProps {
  /** What happened, first; then what each action does. */
  message: string;
  explanation: string;
  /** Asked before reloading when reloading throws work away; null reloads at once. */
  reloadQuestion: string | null;
  onReload(): void;
  /** "Overwrite" or "Delete anyway": doing it over the other change. */
  insistLabel: string;
  onInsist(): void;
  onCancel?(): void;
  cancelLabel?: string;
  isReloading: boolean;
  /** Why the last reload failed. */
  reloadProblem: string | null;
}

/**
 * Says that the note changed elsewhere since the user saw it, and offers to take that
 * version or to go ahead over it. It takes the focus when it appears, so a keyboard
 * user lands on it and a screen reader reads it.
 */
export function ConflictNotice(props: ConflictNoticeProps) {
  const messageId = useId();
  const noticeRef = useRef<HTMLDivElement>(null);
  const reloadRef = useRef<HTMLButtonElement>(null);
  const keepRef = useRef<HTMLButtonElement>(null);
  const [confirming, setConfirming] = useState(false);
  const asked = useRef(false);

  useEffect(() => noticeRef.current?.focus(), []);

  // The question takes the focus to its safe answer; once it is gone, the focus
  // returns to the button that asked it.
  useEffect(() => {
    if (confirming) keepRef.current?.focus();
    else if (asked.current) reloadRef.current?.focus();

    asked.current = confirming;
  }, [confirming]);

  const askToReload = () => (props.reloadQuestion ? setConfirming(true) : props.onReload());

  return (
    <div ref={noticeRef} className="conflict-notice" role="group" aria-labelledby={messageId} tabIndex={-1}>
      <p id={messageId} className="conflict-message">
        {props.message}
      </p>
      <p>{props.explanation}</p>
      <FormAlert message={props.reloadProblem} />
      {confirming ? (
        <div className="conflict-question">
          <p>{props.reloadQuestion}</p>
          <div className="form-actions">
            <button type="button" className="button-danger" disabled={props.isReloading} onClick={props.onReload}>
              {props.isReloading ? 'Reloading…' : 'Discard my changes'}
            </button>
            <button type="button" ref={keepRef} onClick={() => setConfirming(false)}>
              Keep my changes
            </button>
          </div>
        </div>
      ) : (
        <div className="form-actions">
          <button type="button" ref={reloadRef} disabled={props.isReloading} onClick={askToReload}>
            {props.isReloading ? 'Reloading…' : 'Reload'}
          </button>
          <button type="button" onClick={props.onInsist}>
            {props.insistLabel}
          </button>
          {props.onCancel && (
            <button type="button" onClick={props.onCancel}>
              {props.cancelLabel ?? 'Cancel'}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
