import { useId, useState, type FormEvent } from 'react';

import { describeError } from '../errors/describe-error';
import { FormAlert } from '../forms/form-alert';
import { TextField } from '../forms/text-field';
import { useLogin } from './use-auth-actions';

export function LoginForm({ autoFocus, onWantsAccount }: { autoFocus: boolean; onWantsAccount(): void }) {
  const headingId = useId();
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const problem = login.error ? describeError(login.error, 'log-in') : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ username, password });
  };

  return (
    <form className="card auth-form" aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h2 id={headingId}>Log in</h2>
      <FormAlert message={problem?.message} />
      <TextField
        label="Username"
        name="username"
        autoComplete="username"
        autoFocus={autoFocus}
        value={username}
        onChange={setUsername}
        error={problem?.fields.username}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
        error={problem?.fields.password}
      />
      <button type="submit" className="button-primary" disabled={login.isPending}>
        {login.isPending ? 'Logging in…' : 'Log in'}
      </button>
      <p className="switch-mode">
        New here?{' '}
        <button type="button" className="link-button" onClick={onWantsAccount}>
          Create an account
        </button>
      </p>
    </form>
  );
}
