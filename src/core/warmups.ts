import type { Kysely } from 'kysely';
import type { Database, RecordingRow, RoomRow, WarmupRow } from '../storage/schema.js';
import { notFound } from './errors.js';
import { randomHex } from './ids.js';
import { inTransaction, withUniqueRetry } from './transactions.js';

/** Player layouts a warm-up item plays in. */
export type WarmupMode = 1 | 2 | 3;

export interface NewWarmup {
  tenantId: string;
  name: string;
  recording: RecordingRow;
  mode: WarmupMode;
  ownerUserId?: number | null;
}

export interface WarmupPatch {
  name?: string;
  recording?: RecordingRow;
  mode?: WarmupMode;
}

/**
 * Warm-up items: a recording shown (in a player layout) while a room waits for its class to start.
 * An item can serve many rooms; a room shows at most one.
 */
export class WarmupService {
  constructor(private readonly db: Kysely<Database>) {}

  async create(input: NewWarmup, at = Date.now()): Promise<WarmupRow> {
    if (input.recording.tenant_id !== input.tenantId || input.recording.deleted_at !== null) throw notFound('recording');
    return withUniqueRetry(this.db, () => this.db.insertInto('warmups').values({
      tenant_id: input.tenantId, public_id: randomHex(32), name: input.name, recording_id: input.recording.id, mode: input.mode,
      owner_user_id: input.ownerUserId ?? null, created_at: at, updated_at: at,
    }).returningAll().executeTakeFirstOrThrow());
  }

  /** A warm-up item of the tenant whose recording still exists. */
  async find(tenantId: string, publicId: string): Promise<WarmupRow | undefined> {
    return this.db.selectFrom('warmups').innerJoin('recordings', 'recordings.id', 'warmups.recording_id')
      .selectAll('warmups').where('warmups.tenant_id', '=', tenantId).where('warmups.public_id', '=', publicId.toLowerCase())
      .where('recordings.deleted_at', 'is', null).executeTakeFirst();
  }

  async update(warmup: WarmupRow, patch: WarmupPatch, at = Date.now()): Promise<WarmupRow> {
    if (patch.recording && (patch.recording.tenant_id !== warmup.tenant_id || patch.recording.deleted_at !== null)) throw notFound('recording');
    return this.db.updateTable('warmups').set({
      updated_at: at,
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.recording !== undefined ? { recording_id: patch.recording.id } : {}),
      ...(patch.mode !== undefined ? { mode: patch.mode } : {}),
    }).where('id', '=', warmup.id).returningAll().executeTakeFirstOrThrow();
  }

  /** Makes `warmup` the room's warm-up, replacing the one it had. */
  async attach(room: RoomRow, warmup: WarmupRow, at = Date.now()): Promise<void> {
    if (warmup.tenant_id !== room.tenant_id) throw notFound('warm-up');
    await this.db.insertInto('room_warmups').values({ room_id: room.id, tenant_id: room.tenant_id, warmup_id: warmup.id, bound_at: at })
      .onConflict((oc) => oc.column('room_id').doUpdateSet({ warmup_id: warmup.id, bound_at: at })).execute();
  }

  /** Removes the room's warm-up; false when it had none. */
  async detach(room: RoomRow): Promise<boolean> {
    const res = await this.db.deleteFrom('room_warmups').where('room_id', '=', room.id).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  /** The warm-up item the room shows (none when its recording has been deleted). */
  async ofRoom(room: RoomRow): Promise<WarmupRow | undefined> {
    return this.db.selectFrom('room_warmups').innerJoin('warmups', 'warmups.id', 'room_warmups.warmup_id')
      .innerJoin('recordings', 'recordings.id', 'warmups.recording_id').selectAll('warmups')
      .where('room_warmups.room_id', '=', room.id).where('recordings.deleted_at', 'is', null).executeTakeFirst();
  }

  /** Deletes the warm-up items built on a recording, and detaches them from their rooms (a deleted recording takes them along). */
  async removeForRecording(recording: RecordingRow): Promise<number> {
    return inTransaction(this.db, async (db) => {
      const ids = (await db.selectFrom('warmups').select('id').where('recording_id', '=', recording.id).execute()).map((r) => r.id);
      if (ids.length === 0) return 0;
      await db.deleteFrom('room_warmups').where('warmup_id', 'in', ids).execute();
      await db.deleteFrom('warmups').where('id', 'in', ids).execute();
      return ids.length;
    });
  }
}
