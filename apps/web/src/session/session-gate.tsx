import { AuthScreen } from '../auth/auth-screen';
import { NotesScreen } from '../notes/notes-screen';
import { useSession } from './use-session';

export function SessionGate() {
  const { signedIn, signOutReason } = useSession();

  return signedIn ? <NotesScreen /> : <AuthScreen signOutReason={signOutReason} />;
}
