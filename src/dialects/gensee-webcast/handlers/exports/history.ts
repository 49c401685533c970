import type { JsonObject } from '../../../../core/json.js';
import { parseJsonObject } from '../../../../core/json.js';
import type { ParticipationRow } from '../../../../storage/schema.js';
import { SESSION_EXPORT } from '../../../shared/gensee-window.js';
import { joinType } from '../../../shared/gensee-terminal.js';
import { streamedList } from '../../../framework/streamed-envelope.js';
import { exportScope, shown, type ExportContext } from './common.js';

/**
 * 5.13 `userdata`: the join's custom parameters as `key1=value1&key2=value2`. A join that carried
 * Gensee's own `userdata` string keeps it verbatim; otherwise every scalar property is listed.
 */
function userdata(properties: JsonObject): string | undefined {
  if (typeof properties.userdata === 'string') return properties.userdata || undefined;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(properties)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') q.append(k, String(v));
  }
  const s = q.toString();
  return s || undefined;
}

function accessRecord(p: ParticipationRow) {
  return {
    nickname: p.name,
    joinTime: p.joined_at,
    leaveTime: shown(p.left_at),
    ip: shown(p.ip),
    uid: p.participant_id,
    area: shown(p.area),
    mobile: shown(p.mobile),
    company: shown(p.company),
    userdata: userdata(parseJsonObject(p.properties)),
    joinType: joinType(p.platform, p.user_agent),
  };
}

/** 5.13 `/webcast/export/history`: every join (of every role) whose join time is in the window. */
export async function exportHistory(ctx: ExportContext) {
  const { filter } = await exportScope(ctx, SESSION_EXPORT);
  return { list: filter ? streamedList(ctx.services.activity.participationChunks(filter), (rows) => rows.map(accessRecord)) : [] };
}
