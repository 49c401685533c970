import { useState } from 'preact/hooks';
import { adminApi, ApiError } from './api';

export function Login({ notice, onLoggedIn }: { notice: string | null; onLoggedIn: () => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(notice);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await adminApi.login(token.trim());
      onLoggedIn();
    } catch (err) {
      setError(err instanceof ApiError ? (err.status === 401 ? 'That is not the admin token.' : err.message) : 'Logging in failed.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="login">
      <h1>Lectern operator</h1>
      <form onSubmit={submit}>
        <label for="token">Admin token</label>
        <input id="token" name="token" type="password" autocomplete="current-password" required value={token}
          onInput={(e) => setToken((e.target as HTMLInputElement).value)} />
        <p class="hint">Printed by <code>lectern admin-token</code>, or the server's <code>LECTERN_ADMIN_TOKEN</code>.</p>
        <button type="submit" disabled={busy}>Log in</button>
        {error && <p class="error" role="alert">{error}</p>}
      </form>
    </main>
  );
}
