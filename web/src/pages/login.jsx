// Sign-in, and accepting an invitation (the link an administrator or a
// partner admin shares: /app/invitations/CODE).
import { useState } from 'preact/hooks';
import * as api from '../api.js';
import { navigate } from '../router.jsx';
import { Button, ErrorBox, Field, fieldError, notify, useTitle } from '../ui.jsx';

function AuthFrame({ title, intro, children }) {
  useTitle(title);
  return (
    <main class="auth-page" id="main">
      <div class="auth-card">
        <div class="auth-brand">
          <img src="/app/favicon.svg" alt="" width="36" height="36" />
          <span>Consort</span>
        </div>
        <h1>{title}</h1>
        {intro && <p class="subtitle">{intro}</p>}
        {children}
      </div>
      <p class="auth-foot">
        Looking for a partner? <a href="/partners">Browse the partner directory</a>.
      </p>
    </main>
  );
}

export function LoginPage({ onLogin }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onLogin(await api.login(email.trim(), password));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <AuthFrame title="Sign in to the partner portal" intro="Partners and the partnerships team sign in here.">
      <form onSubmit={submit} noValidate>
        {error && !error.field && <ErrorBox error={error} title="Cannot sign in" />}
        <Field label="Email" error={fieldError(error, 'email')} required>
          {(p) => <input {...p} type="email" autocomplete="username" value={email} onInput={(e) => setEmail(e.target.value)} />}
        </Field>
        <Field label="Password" error={fieldError(error, 'password')} required>
          {(p) => (
            <input {...p} type="password" autocomplete="current-password" value={password} onInput={(e) => setPassword(e.target.value)} />
          )}
        </Field>
        <Button type="submit" busy={busy} class="btn-block">
          Sign in
        </Button>
      </form>
    </AuthFrame>
  );
}

export function InvitationPage({ code, onDone }) {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const mismatch = confirm && password !== confirm ? 'The two passwords differ.' : null;
  const submit = async (e) => {
    e.preventDefault();
    if (mismatch) return;
    setBusy(true);
    setError(null);
    try {
      await api.post(`/invitations/${api.seg(code)}/accept`, { password });
      navigate('/', { replace: true });
      notify('Your account is ready: sign in with your email and the new password.');
      onDone();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <AuthFrame title="Accept your invitation" intro="Choose a password to finish creating your account.">
      <form onSubmit={submit} noValidate>
        {error && error.field !== 'password' && <ErrorBox error={error} title="Cannot accept the invitation" />}
        <Field label="New password" hint="At least 12 characters." error={fieldError(error, 'password')} required>
          {(p) => <input {...p} type="password" autocomplete="new-password" value={password} onInput={(e) => setPassword(e.target.value)} />}
        </Field>
        <Field label="Repeat the password" error={mismatch} required>
          {(p) => <input {...p} type="password" autocomplete="new-password" value={confirm} onInput={(e) => setConfirm(e.target.value)} />}
        </Field>
        <Button type="submit" busy={busy} class="btn-block" disabled={!password || !!mismatch}>
          Create my account
        </Button>
      </form>
    </AuthFrame>
  );
}
