import { useId, useState, type FormEvent } from 'react';

import { describeError } from '../errors/describe-error';
import { FormAlert } from '../forms/form-alert';
import { TextField } from '../forms/text-field';
import { useRegister } from './use-auth-actions';

export function RegisterForm({ autoFocus, onHasAccount }: { autoFocus: boolean; onHasAccount(): void }) {
  const headingId = useId();
  const register = useRegister();
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const problem = register.error ? describeError(register.error, 'register') : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    register.mutate({ username, email, password });
  };

  return (
    <form className="card auth-form" aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h2 id={headingId}>Create an account</h2>
      <FormAlert message={problem?.message} />
      <TextField
        label="Username"
        name="username"
        autoComplete="username"
        autoFocus={autoFocus}
        hint="3 to 32 characters: letters, digits, dots, underscores or dashes."
        value={username}
        onChange={setUsername}
        error={problem?.fields.username}
      />
      <TextField
        label="Email (optional)"
        name="email"
        type="email"
        autoComplete="email"
        value={email}
        onChange={setEmail}
        error={problem?.fields.email}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint="At least 8 characters."
        value={password}
        onChange={setPassword}
        error={problem?.fields.password}
      />
      <button type="submit" className="button-primary" disabled={register.isPending}>
        {register.isPending ? 'Creating your account…' : 'Create account'}
      </button>
      <p className="switch-mode">
        Already have an account?{' '}
        <button type="button" className="link-button" onClick={onHasAccount}>
          Log in
        </button>
      </p>
    </form>
  );
}
