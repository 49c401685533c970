import { useEffect, useRef, useState } from 'preact/hooks';
import { adminApi, ApiError } from './api';
import { byRole, when } from './format';

/** What the live room's WebSocket sends (docs/realtime-protocol.md), as far as the observer reads it. */
type Person = { participantId: number; name: string; role: string };
type Welcome = { type: 'welcome'; ticket: string; room: { id: string; title: string; present: Person[]; total: number; counts: Record<string, number>; classStarted: boolean; lastSeq: number } };
type EventFrame = { type: 'event'; seq: number; event: { type: string; at: number; data: Record<string, unknown> } };
/** A large room's joins and leaves, folded per tick instead of one event each. */
type PresenceDelta = { type: 'presence.delta'; joined: Person[]; left: number[]; total: number; counts: Record<string, number> };
type ServerFrame = Welcome | EventFrame | PresenceDelta | { type: 'ack' | 'error'; code?: string; message?: string };

interface FeedItem {
  seq: number;
  at: number;
  text: string;
  kind: string;
}

const str = (v: unknown) => (typeof v === 'string' ? v : String(v ?? ''));

/** One line of the feed for an event, or null for events the feed leaves out. */
function describe(e: EventFrame['event'], people: Map<number, Person>): string | null {
  const d = e.data;
  const name = (id: unknown) => (typeof id === 'number' ? people.get(id)?.name ?? `#${id}` : '?');
  switch (e.type) {
    case 'session.started': return 'Class started';
    case 'session.ended': return 'Class ended';
    case 'participant.joined': return `${str(d.name)} entered as ${str(d.role)}`;
    case 'participant.left': return `${name(d.participantId)} left`;
    case 'participant.removed': return `${name(d.participantId)} was removed`;
    case 'participant.muted': return `${name(d.participantId)} was ${d.muted ? 'muted' : 'unmuted'}`;
    case 'chat.sent': return d.to === null ? `${str(d.fromName)}: ${str(d.content)}` : `${str(d.fromName)} → ${name(d.to)} (private): ${str(d.content)}`;
    case 'question.asked': return `Question: ${str(d.content)}`;
    case 'question.answered': return `Question #${str(d.id)} answered`;
    case 'poll.published': return `Poll published: ${str(d.title)}`;
    case 'poll.answered': return `${name(d.participantId)} answered poll #${str(d.id)}`;
    case 'poll.closed': return `Poll #${str(d.id)} closed`;
    case 'rollcall.started': return 'Roll-call started';
    case 'rollcall.answered': return `${name(d.participantId)} checked in`;
    case 'rollcall.ended': return 'Roll-call ended';
    case 'hand.raised': return `${name(d.participantId)} raised a hand`;
    case 'reward.given': return `Reward given (${str(d.kind)})`;
    case 'announcement.set': return `Announcement: ${str(d.content)}`;
    case 'lottery.drawn': return `Lottery drawn: ${str(d.prize)}`;
    default: return null;
  }
}

type Link = 'connecting' | 'open' | 'reconnecting' | 'refused';

/**
 * Watches one room as an observer: a ticket from the operator API, then the live room's WebSocket.
 * Reconnects by itself with the fresh ticket from `welcome` and `resume`, so no event is missed.
 */
export function Observer({ tenantId, room, onLoggedOut }: { tenantId: string; room: string; onLoggedOut: () => void }) {
  const [title, setTitle] = useState<string>('');
  const [link, setLink] = useState<Link>('connecting');
  const [problem, setProblem] = useState<string | null>(null);
  const [inClass, setInClass] = useState(false);
  const [people, setPeople] = useState<Map<number, Person>>(new Map());
  const [feed, setFeed] = useState<FeedItem[]>([]);
  /** The server's counts where the people list is not everyone (a large room); null: count the list. */
  const [serverCounts, setServerCounts] = useState<{ total: number; byRole: Record<string, number> } | null>(null);
  const peopleRef = useRef(people);
  peopleRef.current = people;

  useEffect(() => {
    let ws: WebSocket | null = null;
    let stopped = false;
    let ticket = '';
    let lastSeq: number | null = null;
    let deltas = 0;
    let retry: ReturnType<typeof setTimeout> | undefined;

    const open = () => {
      const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
      const resume = lastSeq === null ? '' : `&resume=${lastSeq}`;
      ws = new WebSocket(`${proto}//${location.host}/live/ws?ticket=${encodeURIComponent(ticket)}${resume}`);
      ws.onmessage = (m) => {
        const frame = JSON.parse(String(m.data)) as ServerFrame;
        if (frame.type === 'welcome') {
          ticket = frame.ticket;
          setLink('open');
          setTitle(frame.room.title);
          // A resumed connection keeps its state and catches up from the events; a first one starts from here.
          if (lastSeq === null) {
            lastSeq = frame.room.lastSeq;
            setInClass(frame.room.classStarted);
            setPeople(new Map(frame.room.present.map((p) => [p.participantId, p])));
            setServerCounts(frame.room.total > frame.room.present.length ? { total: frame.room.total, byRole: frame.room.counts } : null);
          }
        } else if (frame.type === 'event') {
          if (lastSeq !== null && frame.seq <= lastSeq) return;
          lastSeq = frame.seq;
          const e = frame.event;
          if (e.type === 'session.started') setInClass(true);
          if (e.type === 'session.ended') {
            setInClass(false);
            setPeople(new Map());
          }
          // Joins and leaves one by one: a small room, whose list is everyone.
          if (e.type === 'participant.joined' || e.type === 'participant.left') setServerCounts(null);
          if (e.type === 'participant.joined') {
            const p = { participantId: Number(e.data.participantId), name: str(e.data.name), role: str(e.data.role) };
            setPeople((old) => new Map(old).set(p.participantId, p));
          }
          const text = describe(e, peopleRef.current);
          if (e.type === 'participant.left' || e.type === 'participant.removed') {
            setPeople((old) => { const next = new Map(old); next.delete(Number(e.data.participantId)); return next; });
          }
          if (text) setFeed((old) => [{ seq: frame.seq, at: e.at, text, kind: e.type }, ...old].slice(0, 300));
        } else if (frame.type === 'presence.delta') {
          setPeople((old) => {
            const next = new Map(old);
            for (const id of frame.left) next.delete(id);
            for (const p of frame.joined) next.set(p.participantId, p);
            return next;
          });
          setServerCounts({ total: frame.total, byRole: frame.counts });
          const changes = [frame.joined.length && `${frame.joined.length} entered`, frame.left.length && `${frame.left.length} left`].filter(Boolean).join(', ');
          setFeed((old) => [{ seq: -++deltas, at: Date.now(), text: `${changes} (${frame.total} present)`, kind: 'presence.delta' }, ...old].slice(0, 300));
        } else if (frame.type === 'error' && (frame.code === 'bad_ticket' || frame.code === 'room_closed')) {
          setProblem(frame.message ?? 'The room refused the observer.');
        }
      };
      ws.onclose = (e) => {
        if (stopped) return;
        if (e.code === 4001 || e.code === 4003) {
          // The ticket ran out (a long pause): ask the operator API for a new one.
          setLink('reconnecting');
          retry = setTimeout(() => void start(), 1000);
          return;
        }
        setLink('reconnecting');
        retry = setTimeout(open, 2000);
      };
    };

    const start = async () => {
      try {
        const t = await adminApi.observe(tenantId, room);
        ticket = t.ticket;
        setTitle(t.room.title);
        setProblem(null);
        open();
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return onLoggedOut();
        setLink('refused');
        setProblem(err instanceof Error ? err.message : 'The room cannot be observed.');
        if (!(err instanceof ApiError) || err.status === 0) retry = setTimeout(() => void start(), 3000);
      }
    };
    void start();
    return () => {
      stopped = true;
      clearTimeout(retry);
      ws?.close();
    };
  }, [tenantId, room]);

  const present = [...people.values()];
  const counted: Record<string, number> = {};
  for (const p of present) counted[p.role] = (counted[p.role] ?? 0) + 1;
  const counts = serverCounts?.byRole ?? counted;

  return (
    <div class="layout">
      <header>
        <h1>Observing: {title || room}</h1>
        <a href="/admin">Back to the dashboard</a>
      </header>
      <main class="observer">
        <p role="status" class={`link link-${link}`}>
          {link === 'open' ? 'Connected' : link === 'reconnecting' ? 'Connection lost: reconnecting…' : link === 'refused' ? 'Not connected' : 'Connecting…'}
          {' · '}{inClass ? 'Class is on' : 'Class is not on'}
          {' · '}You watch as an observer: nobody sees you and you are not counted.
        </p>
        {problem && <p class="error" role="alert">{problem}</p>}
        <section aria-labelledby="present-heading">
          <h2 id="present-heading">Inside now: <span data-testid="present-count">{serverCounts?.total ?? present.length}</span></h2>
          <p class="muted">{byRole(counts)}</p>
          <ul class="people">
            {present.map((p) => <li key={p.participantId}>{p.name} <span class="muted">({p.role})</span></li>)}
          </ul>
        </section>
        <section aria-labelledby="feed-heading">
          <h2 id="feed-heading">What happens</h2>
          <ol class="feed" aria-live="polite">
            {feed.map((f) => <li key={f.seq} class={`feed-${f.kind.replace('.', '-')}`}><time>{when(f.at).slice(11)}</time> {f.text}</li>)}
          </ol>
        </section>
      </main>
    </div>
  );
}
