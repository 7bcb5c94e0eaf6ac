import { useId } from 'react';

import { useLogoutEverywhere } from '../auth/use-auth-actions';
import { describeError } from '../errors/describe-error';
import { FormAlert } from '../forms/form-alert';
import { SessionRow } from './session-row';
import { useSessions } from './use-sessions';

/** Where the user is logged in, with a way to end any other session, or all of them. */
export function SessionsPanel({ id }: { id: string }) {
  const headingId = useId();
  const sessions = useSessions();
  const logoutEverywhere = useLogoutEverywhere();

  return (
    <section id={id} className="card sessions-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Where you are logged in</h2>
      {sessions.isPending && <p role="status">Loading your sessions…</p>}
      <FormAlert message={sessions.error ? describeError(sessions.error, 'load-sessions').message : null} />
      {sessions.data && (
        <ul className="session-list">
          {sessions.data.map((session) => (
            <SessionRow key={session.id} session={session} />
          ))}
        </ul>
      )}
      <FormAlert
        message={logoutEverywhere.error ? describeError(logoutEverywhere.error, 'log-out-everywhere').message : null}
      />
      <p className="field-hint">Logging out everywhere ends every session above, this one too.</p>
      <button
        type="button"
        className="button-danger"
        disabled={logoutEverywhere.isPending}
        onClick={() => logoutEverywhere.mutate()}
      >
        {logoutEverywhere.isPending ? 'Logging out everywhere…' : 'Log out everywhere'}
      </button>
    </section>
  );
}
