import { useLogout } from '../auth/use-auth-actions';
import { useMe } from '../auth/use-me';

interface AppHeaderProps {
  /** The id of the sessions panel this header's button shows and hides. */
  sessionsPanelId: string;
  sessionsOpen: boolean;
  onToggleSessions(): void;
}

/** The app's name and the account: who is signed in, their sessions, and the way out. */
export function AppHeader({ sessionsPanelId, sessionsOpen, onToggleSessions }: AppHeaderProps) {
  const me = useMe();
  const logout = useLogout();

  return (
    <header className="app-header">
      <h1 className="brand">Scoped Notes</h1>
      <div className="account">
        {me.data && (
          <p className="signed-in-as">
            Logged in as <strong>{me.data.username}</strong>
          </p>
        )}
        <button type="button" aria-expanded={sessionsOpen} aria-controls={sessionsPanelId} onClick={onToggleSessions}>
          Sessions
        </button>
        <button type="button" onClick={() => logout.mutate()} disabled={logout.isPending}>
          {logout.isPending ? 'Logging out…' : 'Log out'}
        </button>
      </div>
    </header>
  );
}
