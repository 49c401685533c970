import type { Kysely } from 'kysely';
import type { Database, RecordingRow, RoomRow, VodRow } from '../storage/schema.js';
import { INSERT_PLAY, MediaLibrary } from './media.js';
import { inTransaction } from './transactions.js';

/** A recording the room may insert-play (插播), with when it was chosen and the playback (VOD) made from it. */
export interface InsertPlayItem {
  recording: RecordingRow;
  vod: VodRow | null;
  boundAt: number;
}

/** The insert-play sources of rooms as a whole set (the media library adds and removes them one by one). */
export class InsertPlaySets {
  constructor(private readonly db: Kysely<Database>) {}

  /** The tenant's VODs with these numbers; numbers that are not the tenant's (or deleted) are absent. */
  vodsByNumber(tenantId: string, numbers: readonly string[]): Promise<VodRow[]> {
    if (numbers.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('vods').selectAll().where('tenant_id', '=', tenantId).where('number', 'in', [...numbers]).where('deleted_at', 'is', null).execute();
  }

  /**
   * Makes the room's insert-play sources exactly `recordings`, in one transaction. Sources kept keep
   * when they were chosen, unless they were chosen before `renewBefore`: those count as chosen now.
   */
  async replace(room: RoomRow, recordings: readonly RecordingRow[], at: number, renewBefore = -Infinity): Promise<void> {
    await inTransaction(this.db, async (trx) => {
      const wanted = new Set(recordings.map((r) => r.id));
      const current = await trx.selectFrom('room_recordings').select(['recording_id', 'bound_at']).where('room_id', '=', room.id).where('kind', '=', INSERT_PLAY).execute();
      const drop = current.filter((c) => !wanted.has(Number(c.recording_id)) || Number(c.bound_at) < renewBefore).map((c) => Number(c.recording_id));
      const media = new MediaLibrary(trx);
      await media.removeInsertPlay(room, drop);
      await media.chooseInsertPlay(room, recordings, at);
    });
  }

  /** The room's insert-play sources chosen at or after `since`, in the order chosen. */
  async items(room: RoomRow, since = -Infinity): Promise<InsertPlayItem[]> {
    const rows = await this.db.selectFrom('room_recordings').innerJoin('recordings', 'recordings.id', 'room_recordings.recording_id')
      .selectAll('recordings').select('room_recordings.bound_at as bound_at')
      .where('room_recordings.room_id', '=', room.id).where('room_recordings.kind', '=', INSERT_PLAY).where('recordings.deleted_at', 'is', null)
      .orderBy('room_recordings.bound_at').orderBy('room_recordings.id').execute();
    const kept = rows.filter((r) => Number(r.bound_at) >= since);
    const vods = kept.length === 0 ? [] : await this.db.selectFrom('vods').selectAll().where('recording_id', 'in', kept.map((r) => r.id)).where('deleted_at', 'is', null).orderBy('id').execute();
    return kept.map(({ bound_at, ...recording }) => ({ recording, vod: vods.find((v) => v.recording_id === recording.id) ?? null, boundAt: Number(bound_at) }));
  }
}
