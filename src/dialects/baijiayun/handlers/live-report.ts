import { parseJsonObject } from '../../../core/json.js';
import type { LiveSessionRow, ParticipationRow } from '../../../storage/schema.js';
import type { WithInput } from '../../framework/dialect.js';
import { In } from '../../framework/input.js';
import type { BaijiayunContext } from '../context.js';
import { bjyTime, dayAt, dayOf, MAX_PAGE_SIZE, pageOf, peopleOf, ROOM_ID, roomByNumber, userNumberOf, userRole, type Window } from './data-common.js';

/** `type` of 20: which roles' records to export. */
const ROLES_OF_TYPE: Record<'all' | 'student' | 'teacher' | 'admin', readonly string[] | undefined> = {
  all: undefined,
  student: ['student', 'attendee'],
  teacher: ['host', 'speaker'],
  admin: ['assistant'],
};

/** `client_type`: 0 PC web, 1 PC client, 2 mobile web, 3 iOS, 4 Android, 5 Mac client, 6 WeChat mini program. */
const CLIENT_TYPES: Record<string, number> = { web: 0, pc: 1, h5: 2, ios: 3, android: 4, mac: 5, mini: 6 };
export const clientType = (platform: string | null): number => (platform ? CLIENT_TYPES[platform] ?? 0 : 0);

export const EXPORT_LIVE_REPORT_INPUT = In.object({
  room_id: ROOM_ID(),
  type: In.optional(In.oneOf(['all', 'student', 'teacher', 'admin'], { default: 'student', description: 'all, student (default), teacher or admin (assistants)' })),
  page: In.optional(In.int({ min: 1, default: 1 })),
  page_size: In.optional(In.int({ min: 0, max: MAX_PAGE_SIZE, default: 0, description: 'Rows per page; 0 (default): every row' })),
  date: In.optional(In.string({ pattern: '^(0|\\d{4}-\\d{2}-\\d{2})$', description: 'The day, like 2018-03-02; 0 (default): every day' })),
});

/**
 * One person's entries on one day, folded as they are read: only the figures the row shows and the
 * latest entry are kept, so the report holds one of these per person and day, never every entry.
 */
interface Visit {
  participantId: number;
  date: string;
  firstJoined: number;
  /** The latest entry (its name, role, address and properties are the row's). */
  last: ParticipationRow;
  stillInside: boolean;
  lastLeft: number;
  listenMs: number;
  firstBeat: number | null;
  lastBeat: number | null;
}

/** Overlap of [a1, a2] and [b1, b2], or undefined. */
function overlap(a1: number, a2: number, b1: number, b2: number): [number, number] | undefined {
  const from = Math.max(a1, b1);
  const to = Math.min(a2, b2);
  return from < to ? [from, to] : undefined;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const int = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : 0);

/**
 * 20 `/openapi/room_data/exportLiveReport`: one row per person and day of entry. First and last
 * times span their entries (`last_time` is `''` while they are still inside); the heartbeat times
 * and `actual_listen_time` count only the time they were inside while class was in session (a
 * live session), summed over every entry. Rows are ordered by day, then first entry. The entries
 * are read in chunks and folded into one running figure per person and day.
 */
export async function exportLiveReport(ctx: WithInput<BaijiayunContext, typeof EXPORT_LIVE_REPORT_INPUT>) {
  const room = await roomByNumber(ctx, ctx.input.room_id);
  const roles = ROLES_OF_TYPE[ctx.input.type ?? 'student'];
  const day: Partial<Window> = ctx.input.date && ctx.input.date !== '0' ? dayOf('date', ctx.input.date, ctx.zone) : {};
  const now = Date.now();
  const sessions: LiveSessionRow[] = await ctx.services.sessions.ofRoom(room.id);
  const visits = new Map<string, Visit>();
  const filter = { tenantId: ctx.tenant.id, roomId: room.id, ...day, roles };
  // Entries come in join order, so the calendar day changes rarely: it is worked out again only then.
  let today: Window & { date: string } = { from: 1, to: 0, date: '' };
  for await (const chunk of ctx.services.activity.participationChunks(filter)) {
    for (const p of chunk) {
      if (p.joined_at < today.from || p.joined_at > today.to) today = dayAt(p.joined_at, ctx.zone);
      const date = today.date;
      const key = `${p.participant_id}|${date}`;
      let visit = visits.get(key);
      if (!visit) {
        visit = { participantId: p.participant_id, date, firstJoined: p.joined_at, last: p, stillInside: false, lastLeft: -Infinity, listenMs: 0, firstBeat: null, lastBeat: null };
        visits.set(key, visit);
      }
      visit.last = p;
      if (p.left_at === null) visit.stillInside = true;
      else visit.lastLeft = Math.max(visit.lastLeft, p.left_at);
      for (const s of sessions) {
        const both = overlap(p.joined_at, p.left_at ?? now, s.started_at, s.ended_at ?? now);
        if (!both) continue;
        visit.listenMs += both[1] - both[0];
        visit.firstBeat = visit.firstBeat === null ? both[0] : Math.min(visit.firstBeat, both[0]);
        visit.lastBeat = visit.lastBeat === null ? both[1] : Math.max(visit.lastBeat, both[1]);
      }
    }
  }
  const ordered = [...visits.values()].sort((a, b) => a.date.localeCompare(b.date) || a.firstJoined - b.firstJoined || a.participantId - b.participantId);
  const page = pageOf(ordered, ctx.input.page ?? 1, ctx.input.page_size ?? 0);
  const people = await peopleOf(ctx, page.map((v) => v.participantId));
  const rows = page.map((v) => {
    const last = v.last;
    const props = parseJsonObject(last.properties);
    return {
      date: v.date,
      user_number: userNumberOf(people, v.participantId),
      user_name: last.name,
      user_role: userRole(last.role),
      first_time: bjyTime(v.firstJoined, ctx.zone),
      last_time: v.stillInside ? '' : bjyTime(v.lastLeft, ctx.zone),
      first_heartbeat_time: bjyTime(v.firstBeat, ctx.zone),
      last_heartbeat_time: bjyTime(v.lastBeat, ctx.zone),
      actual_listen_time: Math.floor(v.listenMs / 1000),
      user_ip: last.ip ?? '',
      area: last.area ?? '',
      city: str(props.city),
      network_operator: str(props.isp),
      group_id: int(props.group),
      client_type: clientType(last.platform),
      // 0 is a trial (audition) entry, 1 a regular one (as documented, inverted as it reads).
      is_audition: props.audition === true ? 0 : 1,
    };
  });
  return { total: ordered.length, room_user_info: rows };
}
