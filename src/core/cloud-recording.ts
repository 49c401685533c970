import type { Kysely } from 'kysely';
import type { Database, LiveSessionRow, RecordingRow, RoomRow, VodRow } from '../storage/schema.js';
import { DomainError } from './errors.js';
import { MediaLibrary } from './media.js';
import { inTransaction } from './transactions.js';

/**
 * VOD property holding how far its media is: `processing` until a media pipeline has produced the
 * playable file. Lectern has no pipeline yet, so every playback made here stays `processing`.
 */
export const VOD_MEDIA_STATE = 'mediaState';
export type VodMediaState = 'processing' | 'ready';

/**
 * The server-side ("cloud") recording of a room's classes. Every class is recorded from its start;
 * stopping the recording during class keeps what was recorded so far as the class's recording, and
 * a class that ends while still recorded is recorded whole. Playbacks (VODs) are made from these
 * recordings on request.
 */
export class CloudRecording {
  constructor(private readonly db: Kysely<Database>) {}

  private openSession(room: RoomRow, db: Kysely<Database>): Promise<LiveSessionRow | undefined> {
    return db.selectFrom('live_sessions').selectAll().where('room_id', '=', room.id).where('ended_at', 'is', null)
      .orderBy('started_at', 'desc').limit(1).executeTakeFirst();
  }

  private recordingOf(session: LiveSessionRow, db: Kysely<Database>): Promise<RecordingRow | undefined> {
    return db.selectFrom('recordings').selectAll().where('session_id', '=', session.id).where('deleted_at', 'is', null)
      .orderBy('id').limit(1).executeTakeFirst();
  }

  /**
   * Stops the recording of the class in progress: the part recorded so far becomes its recording.
   * Stopping a recording already stopped changes nothing. Refused (conflict) when no class is on.
   */
  async stop(room: RoomRow, at = Date.now()): Promise<RecordingRow> {
    return inTransaction(this.db, async (db) => {
      const session = await this.openSession(room, db);
      if (!session) throw new DomainError('conflict', 'the room is not in class: no cloud recording is running', 'recording');
      const stopped = await this.recordingOf(session, db);
      if (stopped) return stopped;
      return new MediaLibrary(db).addRecording(this.recordingValues(room, session, Math.max(at, session.started_at), at));
    });
  }

  private recordingValues(room: RoomRow, session: LiveSessionRow, endedAt: number, at: number) {
    return {
      tenantId: room.tenant_id, roomId: room.id, sessionId: session.id, name: room.title,
      // No media is stored yet: the size is what Lectern holds, nothing.
      fileName: `${session.public_id.toLowerCase()}.mp4`, size: 0, startedAt: session.started_at, endedAt, at,
    };
  }

  /**
   * Makes a playback of every finished recording of the room that has none yet: classes that ended
   * while recorded, and recordings stopped during class. Returns the playbacks made now (none when
   * every recording already has one). Refused (conflict) when the room has nothing recorded to
   * convert: no class yet, or only the class in progress, which is still being recorded.
   */
  async toPlayback(room: RoomRow, at = Date.now()): Promise<VodRow[]> {
    return inTransaction(this.db, async (db) => {
      const media = new MediaLibrary(db);
      const sessions = await db.selectFrom('live_sessions').selectAll().where('room_id', '=', room.id).orderBy('started_at').orderBy('id').execute();
      const recorded = await db.selectFrom('recordings').selectAll().where('room_id', '=', room.id).where('deleted_at', 'is', null).orderBy('id').execute();
      const recordedSessions = new Set(recorded.map((r) => r.session_id));
      for (const s of sessions) {
        if (s.ended_at === null || recordedSessions.has(s.id)) continue;
        recorded.push(await media.addRecording(this.recordingValues(room, s, s.ended_at, at)));
      }
      if (recorded.length === 0) {
        const live = sessions.some((s) => s.ended_at === null);
        throw new DomainError('conflict', live ? 'the class in progress is still being recorded: stop the cloud recording or end the class first' : 'the room has no cloud recording: no class has been held', 'recording');
      }
      const converted = new Set((await db.selectFrom('vods').select('recording_id').where('room_id', '=', room.id).where('recording_id', 'is not', null)
        .where('deleted_at', 'is', null).execute()).map((v) => v.recording_id));
      const made: VodRow[] = [];
      for (const recording of recorded) {
        if (converted.has(recording.id)) continue;
        made.push(await media.createVod({
          tenantId: room.tenant_id, subject: room.title, description: room.description, source: 'record', recording, roomId: room.id,
          ownerUserId: room.owner_user_id, properties: { [VOD_MEDIA_STATE]: 'processing' satisfies VodMediaState }, at,
        }));
      }
      return made;
    });
  }
}
