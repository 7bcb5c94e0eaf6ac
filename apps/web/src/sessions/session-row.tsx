import { formatDateTime } from '../app/format-date-time';
import { describeError } from '../errors/describe-error';
import { FormAlert } from '../forms/form-alert';
import { describeDevice } from './describe-device';
import { useEndSession, type Session } from './use-sessions';

export function SessionRow({ session }: { session: Session }) {
  const endSession = useEndSession();
  const device = describeDevice(session.userAgent);

  return (
    <li className="session-row">
      <p className="session-device">
        {device}
        {session.current && <span className="badge">This device</span>}
      </p>
      <p className="session-dates">
        Logged in <time dateTime={session.createdAt}>{formatDateTime(session.createdAt)}</time>, last active{' '}
        <time dateTime={session.lastUsedAt}>{formatDateTime(session.lastUsedAt)}</time>
      </p>
      <FormAlert message={endSession.error ? describeError(endSession.error, 'end-session').message : null} />
      {!session.current && (
        <button
          type="button"
          aria-label={`Log out ${device}, last active ${formatDateTime(session.lastUsedAt)}`}
          disabled={endSession.isPending}
          onClick={() => endSession.mutate(session.id)}
        >
          {endSession.isPending ? 'Logging out…' : 'Log out this device'}
        </button>
      )}
    </li>
  );
}
