import { inChunks } from '../../../core/activity.js';
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

interface Visit {
  participantId: number;
  date: string;
  intervals: ParticipationRow[];
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
 * live session), summed over every entry. Rows are ordered by day, then first entry.
 */
export async function exportLiveReport(ctx: WithInput<BaijiayunContext, typeof EXPORT_LIVE_REPORT_INPUT>) {
  const room = await roomByNumber(ctx, ctx.input.room_id);
  const roles = ROLES_OF_TYPE[ctx.input.type ?? 'student'];
  const day: Partial<Window> = ctx.input.date && ctx.input.date !== '0' ? dayOf('date', ctx.input.date, ctx.zone) : {};
  const now = Date.now();
  const visits = new Map<string, Visit>();
  for await (const chunk of inChunks((f) => ctx.services.activity.participations(f), { tenantId: ctx.tenant.id, roomId: room.id, ...day }, (p) => p.joined_at)) {
    for (const p of chunk) {
      if (roles && !roles.includes(p.role)) continue;
      const date = dayAt(p.joined_at, ctx.zone).date;
      const key = `${p.participant_id}|${date}`;
      const visit = visits.get(key) ?? { participantId: p.participant_id, date, intervals: [] };
      visit.intervals.push(p);
      visits.set(key, visit);
    }
  }
  const sessions: LiveSessionRow[] = await ctx.services.sessions.ofRoom(room.id);
  const ordered = [...visits.values()].sort((a, b) => a.date.localeCompare(b.date) || a.intervals[0].joined_at - b.intervals[0].joined_at || a.participantId - b.participantId);
  const page = pageOf(ordered, ctx.input.page ?? 1, ctx.input.page_size ?? 0);
  const people = await peopleOf(ctx, page.map((v) => v.participantId));
  const rows = page.map((v) => {
    const last = v.intervals[v.intervals.length - 1];
    const props = parseJsonObject(last.properties);
    let listenMs = 0;
    let firstBeat: number | null = null;
    let lastBeat: number | null = null;
    for (const p of v.intervals) {
      for (const s of sessions) {
        const both = overlap(p.joined_at, p.left_at ?? now, s.started_at, s.ended_at ?? now);
        if (!both) continue;
        listenMs += both[1] - both[0];
        firstBeat = firstBeat === null ? both[0] : Math.min(firstBeat, both[0]);
        lastBeat = lastBeat === null ? both[1] : Math.max(lastBeat, both[1]);
      }
    }
    const stillInside = v.intervals.some((p) => p.left_at === null);
    return {
      date: v.date,
      user_number: userNumberOf(people, v.participantId),
      user_name: last.name,
      user_role: userRole(last.role),
      first_time: bjyTime(v.intervals[0].joined_at, ctx.zone),
      last_time: stillInside ? '' : bjyTime(Math.max(...v.intervals.map((p) => p.left_at!)), ctx.zone),
      first_heartbeat_time: bjyTime(firstBeat, ctx.zone),
      last_heartbeat_time: bjyTime(lastBeat, ctx.zone),
      actual_listen_time: Math.floor(listenMs / 1000),
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
