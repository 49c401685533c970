import { useCallback, useEffect, useState } from 'preact/hooks';
import { adminApi, ApiError, type RoomView, type SessionView, type TenantView } from './api';
import { byRole, duration, when } from './format';

const REFRESH_MS = 5_000;

/** Calls `load` now and every few seconds; a 401 means the session ended. */
function usePolling<T>(load: () => Promise<T>, onLoggedOut: () => void, deps: unknown[]): { data: T | null; error: string | null } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(load, deps);
  useEffect(() => {
    let stopped = false;
    const tick = () => run().then((d) => { if (!stopped) { setData(d); setError(null); } }, (err: unknown) => {
      if (stopped) return;
      if (err instanceof ApiError && err.status === 401) onLoggedOut();
      else setError(err instanceof Error ? err.message : 'Loading failed.');
    });
    setData(null);
    void tick();
    const timer = setInterval(tick, REFRESH_MS);
    return () => { stopped = true; clearInterval(timer); };
  }, [run]);
  return { data, error };
}

function RoomIds({ room }: { room: RoomView }) {
  return (
    <span class="ids">
      <span title="Gensee id">G {room.id}</span>
      <span title="Baijiayun room_id">B {room.baijiayunRoomId}</span>
      <span title="Gensee number">№ {room.number}</span>
    </span>
  );
}

function Phase({ room }: { room: RoomView }) {
  const label = room.phase === 'live' ? `live · ${duration(room.live!.startedAt, null)}` : room.phase;
  return <span class={`phase phase-${room.phase}`}>{label}</span>;
}

function RoomTable({ rooms, withTenant, caption }: { rooms: RoomView[]; withTenant?: boolean; caption: string }) {
  if (rooms.length === 0) return <p class="muted">{caption}: none.</p>;
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>{withTenant && <th scope="col">Tenant</th>}<th scope="col">Room</th><th scope="col">Ids</th><th scope="col">Kind</th><th scope="col">State</th><th scope="col">Inside now</th><th scope="col"><span class="sr-only">Observe</span></th></tr>
      </thead>
      <tbody>
        {rooms.map((r) => (
          <tr key={r.id} data-room={r.id}>
            {withTenant && <td>{r.tenantName}</td>}
            <th scope="row">{r.title}</th>
            <td><RoomIds room={r} /></td>
            <td>{r.kind.replace(/_/g, ' ')}</td>
            <td><Phase room={r} /></td>
            <td class="count" data-testid="present">{r.present.total} <span class="muted">({byRole(r.present.byRole)})</span></td>
            <td><a href={r.observeUrl} aria-label={`Observe ${r.title}`}>Observe</a></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Sessions({ sessions }: { sessions: SessionView[] }) {
  if (sessions.length === 0) return <p class="muted">Recent sessions: none.</p>;
  return (
    <table>
      <caption>Recent sessions</caption>
      <thead><tr><th scope="col">Room</th><th scope="col">Session</th><th scope="col">Started</th><th scope="col">Ended</th><th scope="col">Length</th><th scope="col">People</th><th scope="col">Peak</th></tr></thead>
      <tbody>
        {sessions.map((s) => (
          <tr key={s.id}>
            <th scope="row">{s.room.title}</th>
            <td><code>{s.id}</code></td>
            <td>{when(s.startedAt)}</td>
            <td>{s.endedAt === null ? <span class="phase phase-live">on now</span> : when(s.endedAt)}</td>
            <td>{duration(s.startedAt, s.endedAt)}</td>
            <td class="count">{s.participants}</td>
            <td class="count">{s.peak.peak}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TenantRooms({ tenant, onLoggedOut }: { tenant: TenantView; onLoggedOut: () => void }) {
  const [page, setPage] = useState(1);
  const [phase, setPhase] = useState('');
  const rooms = usePolling(() => adminApi.rooms(tenant.id, page, phase), onLoggedOut, [tenant.id, page, phase]);
  const sessions = usePolling(() => adminApi.sessions(tenant.id), onLoggedOut, [tenant.id]);
  const pages = rooms.data ? Math.max(1, Math.ceil(rooms.data.total / rooms.data.pageSize)) : 1;
  return (
    <section aria-labelledby="tenant-heading">
      <h2 id="tenant-heading">{tenant.name}</h2>
      <p class="ids">{tenant.identifiers.map((i) => <span key={i.scheme}>{i.scheme}: {i.keyId}</span>)}<span>id {tenant.id}</span></p>
      <label>Show <select value={phase} onChange={(e) => { setPhase((e.target as HTMLSelectElement).value); setPage(1); }}>
        <option value="">every room</option>
        <option value="live">live</option>
        <option value="live,occupied">live or occupied</option>
        <option value="idle">idle</option>
        <option value="terminated">closed for good</option>
      </select></label>
      {rooms.error && <p class="error" role="alert">{rooms.error}</p>}
      {rooms.data ? <RoomTable rooms={rooms.data.rooms} caption={`Rooms (${rooms.data.total})`} /> : <p class="muted">Loading rooms…</p>}
      {pages > 1 && (
        <nav class="pager" aria-label="Room pages">
          <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>Previous</button>
          <span>Page {page} of {pages}</span>
          <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>Next</button>
        </nav>
      )}
      {sessions.data && <Sessions sessions={sessions.data.sessions} />}
    </section>
  );
}

export function Dashboard({ onLoggedOut }: { onLoggedOut: () => void }) {
  const tenants = usePolling(() => adminApi.tenants(), onLoggedOut, []);
  const live = usePolling(() => adminApi.live(), onLoggedOut, []);
  const [selected, setSelected] = useState<string | null>(null);
  const tenant = tenants.data?.tenants.find((t) => t.id === selected) ?? null;

  const logout = async () => {
    await adminApi.logout().catch(() => undefined);
    onLoggedOut();
  };

  return (
    <div class="layout">
      <header>
        <h1>Lectern operator</h1>
        <button type="button" onClick={logout}>Log out</button>
      </header>
      <main>
        <section aria-labelledby="live-heading">
          <h2 id="live-heading">Live now</h2>
          {live.error && <p class="error" role="alert">{live.error}</p>}
          {live.data ? <RoomTable rooms={live.data.rooms} withTenant caption="Rooms in class or with people inside" /> : <p class="muted">Loading…</p>}
        </section>
        <section aria-labelledby="tenants-heading">
          <h2 id="tenants-heading">Tenants</h2>
          {tenants.error && <p class="error" role="alert">{tenants.error}</p>}
          {tenants.data && (
            <table>
              <caption>Tenants ({tenants.data.tenants.length})</caption>
              <thead><tr><th scope="col">Name</th><th scope="col">Rooms</th><th scope="col">Live</th><th scope="col">Inside now</th><th scope="col">Created</th></tr></thead>
              <tbody>
                {tenants.data.tenants.map((t) => (
                  <tr key={t.id} aria-selected={t.id === selected}>
                    <th scope="row"><button type="button" class="link" aria-pressed={t.id === selected} onClick={() => setSelected(t.id)}>{t.name}</button>{t.demo && <span class="muted"> (demo)</span>}</th>
                    <td class="count">{t.rooms}</td>
                    <td class="count">{t.liveRooms}</td>
                    <td class="count">{t.peopleInside}</td>
                    <td>{when(t.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        {tenant && <TenantRooms key={tenant.id} tenant={tenant} onLoggedOut={onLoggedOut} />}
      </main>
    </div>
  );
}
