/** Dates and counts as the operator page shows them. */

const pad = (n: number) => String(n).padStart(2, '0');

export function when(ms: number | null): string {
  if (ms === null) return '—';
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function duration(from: number, to: number | null, now = Date.now()): string {
  const minutes = Math.max(0, Math.round(((to ?? now) - from) / 60_000));
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${pad(minutes % 60)} min`;
}

const ROLE_ORDER = ['host', 'assistant', 'speaker', 'student', 'attendee'];

/** `host 1 · student 2`, in a fixed role order. */
export function byRole(counts: Record<string, number>): string {
  const roles = Object.keys(counts).sort((a, b) => ROLE_ORDER.indexOf(a) - ROLE_ORDER.indexOf(b));
  return roles.length ? roles.map((r) => `${r} ${counts[r]}`).join(' · ') : 'nobody';
}
