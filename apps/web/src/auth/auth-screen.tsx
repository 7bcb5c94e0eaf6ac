import { useState } from 'react';

import type { SignOutReason } from '../session/session-watcher';
import { SignOutNotice } from '../session/sign-out-notice';
import { LoginForm } from './login-form';
import { RegisterForm } from './register-form';

type AuthMode = 'log-in' | 'register';

export function AuthScreen({ signOutReason }: { signOutReason: SignOutReason | null }) {
  const [mode, setMode] = useState<AuthMode>('log-in');
  // The button that switched forms is gone, so its focus moves to the new form's first field.
  const [switched, setSwitched] = useState(false);

  const switchTo = (next: AuthMode) => {
    setMode(next);
    setSwitched(true);
  };

  return (
    <main className="auth-screen">
      <h1 className="brand">Scoped Notes</h1>
      <p className="tagline">Notes that only you can see.</p>
      <SignOutNotice reason={signOutReason} />
      {mode === 'log-in' ? (
        <LoginForm autoFocus={switched} onWantsAccount={() => switchTo('register')} />
      ) : (
        <RegisterForm autoFocus={switched} onHasAccount={() => switchTo('log-in')} />
      )}
    </main>
  );
}
