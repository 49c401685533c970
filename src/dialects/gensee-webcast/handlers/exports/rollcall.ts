import type { RollcallWithResponses } from '../../../../core/activity.js';
import type { WebcastContext } from '../../context.js';
import { SESSION_EXPORT } from '../../export-window.js';
import { exportScope, shown, type ExportContext } from './common.js';

/** Organizer, assistants and panelists run the roll-call; they are not counted as absent. */
const STAFF_ROLES = ['host', 'assistant', 'speaker'];

/**
 * One 5.17 roll-call. `total` is everyone who answered plus every attendee who was in the webcast
 * at some moment while the roll-call was open (an open roll-call runs to now); `absent` = total − present.
 */
async function rollcallItem(ctx: WebcastContext, roomId: number, { rollcall, responses }: RollcallWithResponses) {
  const until = rollcall.ended_at ?? Date.now();
  const inRoom = await ctx.services.activity.participantsDuring(roomId, rollcall.started_at, until, { excludeRoles: STAFF_ROLES });
  const answered = new Set(responses.map((r) => r.participant_id));
  const users = [
    ...responses.map((r) => ({ id: r.participant_id, name: r.name, present: true })),
    ...inRoom.filter((p) => !answered.has(p.participantId)).map((p) => ({ id: p.participantId, name: p.name, present: false })),
  ];
  return {
    startTime: rollcall.started_at,
    endTime: shown(rollcall.ended_at),
    total: users.length,
    present: responses.length,
    absent: users.length - responses.length,
    users,
  };
}

/** 5.17 `/webcast/export/rollcall`: roll-calls initiated in the window, with who answered and who did not. */
export async function exportRollcalls(ctx: ExportContext) {
  const { room, filter } = await exportScope(ctx, SESSION_EXPORT);
  const calls = filter ? await ctx.services.activity.rollcalls(filter) : [];
  const rollcall = [];
  for (const c of calls) rollcall.push(await rollcallItem(ctx, room.id, c));
  return { rollcall };
}
