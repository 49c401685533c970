import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, adminApi } from './api';
import { Login } from './Login';
import { Dashboard } from './Dashboard';
import { Observer } from './Observer';
import './admin.css';

/** `/admin/observe/<tenant>/<room>` watches one room; everything else under /admin is the dashboard. */
function route(): { observe: { tenantId: string; room: string } } | { observe: null } {
  const m = /^\/admin\/observe\/([0-9a-f]{32})\/([0-9a-zA-Z]{1,32})\/?$/.exec(location.pathname);
  return m ? { observe: { tenantId: m[1], room: m[2] } } : { observe: null };
}

function App() {
  const [state, setState] = useState<'checking' | 'out' | 'in'>('checking');
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    adminApi.session().then(() => setState('in'), (err: unknown) => {
      setState('out');
      if (err instanceof ApiError && err.status !== 401) setProblem(err.message);
    });
  }, []);

  const loggedOut = () => setState('out');
  if (state === 'checking') return <p class="muted" role="status">Checking your session…</p>;
  if (state === 'out') return <Login notice={problem} onLoggedIn={() => { setProblem(null); setState('in'); }} />;
  const r = route();
  return r.observe ? <Observer tenantId={r.observe.tenantId} room={r.observe.room} onLoggedOut={loggedOut} /> : <Dashboard onLoggedOut={loggedOut} />;
}

render(<App />, document.getElementById('app')!);
