import type { Kysely, Updateable } from 'kysely';
import type { Database, DocumentRow, LiveSessionRow, RecordingRow, RoomRow, VodRow, VodsTable } from '../storage/schema.js';
import { inTransaction, withUniqueRetry } from './transactions.js';
import { DomainError, invalid, notFound } from './errors.js';
import { randomDigits, randomHex } from './ids.js';
import { parseJsonObject, type JsonObject } from './json.js';
import { selectPage, type NumberedPage, type PageRequest } from './paging.js';
import { RoomService } from './rooms.js';
import type { BlobStore, SpooledBlob } from '../storage/blobs/blob-store.js';

/** An inclusive window on a record's creation time; either bound may be open. */
export interface TimeWindow {
  from?: number;
  to?: number;
}

/**
 * How a VOD came to be: recorded from a room's class, uploaded by a recording tool, or converted
 * from a document or a media file sent through an API (see MediaConversions).
 */
export type VodSource = 'record' | 'upload' | 'document' | 'media';

/** Library documents a room can present: uploaded files, or documents saved from a class. Links (`url`) are not held files. */
export type DocumentSource = 'upload' | 'room' | 'api';

/** The web player's layout for a room or a VOD (the live runtime reads it when it renders the player). */
export interface PlayerLayout {
  /** 1 three-split, 2 video-primary, 3 two-split, 4 interaction-enhanced */
  mode: number;
  /** 1 document-primary, 2 video-primary */
  mobileMode: number;
  /** 1 three-split, 2 video-primary, 3 two-split */
  padMode: number;
  autoPlay?: boolean;
  video?: boolean;
  showWindow?: boolean;
}

export interface NewRecording {
  tenantId: string;
  name: string;
  size: number;
  roomId?: number | null;
  sessionId?: number | null;
  fileName?: string | null;
  startedAt?: number | null;
  endedAt?: number | null;
  storageKey?: string | null;
  creatorUserId?: number | null;
  at: number;
}

export interface NewVod {
  tenantId: string;
  subject: string;
  source: VodSource;
  recording?: RecordingRow | null;
  roomId?: number | null;
  ownerUserId?: number | null;
  description?: string | null;
  password?: string | null;
  published?: boolean;
  properties?: JsonObject;
  /** The job converting the VOD's source, when it is made by a conversion. */
  conversionJobId?: number | null;
  at: number;
}

export interface VodPatch {
  subject?: string;
  description?: string | null;
  /** The viewing password; null removes the protection. */
  password?: string | null;
  /** Merged into the stored properties (keys set to null are removed). */
  properties?: JsonObject;
}

export interface NewDocument {
  tenantId: string;
  name: string;
  source: DocumentSource;
  ownerUserId?: number | null;
  fileName?: string | null;
  size?: number;
  mime?: string | null;
  pageCount?: number | null;
  /** The room a saved-from-class document came from. */
  roomId?: number | null;
  /** Where the document lives when it is a web page (H5 courseware), not a held file. */
  url?: string | null;
  /** The stored file (a blob key), when Lectern holds one. */
  storageKey?: string | null;
  /** The stored file's sha256. */
  checksum?: string | null;
  /** Documents that wait for a conversion are `converting` (default `ready`). */
  status?: 'ready' | 'converting';
  conversionJobId?: number | null;
  /** Merged with `roomId` into the stored properties. */
  properties?: JsonObject;
  at: number;
}

/** An uploaded file to keep as a library document (see `storeDocument`). */
export interface NewStoredDocument {
  tenantId: string;
  name: string;
  source: DocumentSource;
  spooled: SpooledBlob;
  mime?: string | null;
  ownerUserId?: number | null;
  properties?: JsonObject;
  /** Binds the document to this room as well. */
  room?: RoomRow | null;
  at: number;
}

/** A VOD with what listings show beside it: its room's public id and its recording's time span. */
export type ListedVod = VodRow & { room_public_id: string | null; record_started_at: number | null; record_ended_at: number | null };
export type ListedRecording = RecordingRow & { room_public_id: string | null };
export type ListedView = { id: number; vod_public_id: string; participant_id: number; name: string; ip: string | null; platform: string | null; started_at: number; left_at: number | null };

/** Room property holding the public id of the room's warm-up VOD (played before class starts). */
export const WARMUP_PROPERTY = 'warmUpId';
/** Room property / VOD property holding the PlayerLayout. */
export const PLAYER_PROPERTY = 'player';

/** room_recordings kind of a room's insert-play sources. */
export const INSERT_PLAY = 'insert_play';
const COURSEWARE = 'courseware';

/**
 * Recordings, VODs (playback items made from recordings or uploads), library documents, and what
 * binds them to rooms (warm-up VOD, insert-play recordings, class documents). Every media figure a
 * dialect returns comes from rows this service wrote.
 */
export class MediaLibrary {
  private readonly rooms: RoomService;

  constructor(private readonly db: Kysely<Database>) {
    this.rooms = new RoomService(db);
  }

  /** Runs `fn` in one transaction (or in the caller's, when this library already runs in one). */
  private atomic<T>(fn: (media: MediaLibrary, db: Kysely<Database>) => Promise<T>): Promise<T> {
    return inTransaction(this.db, (trx) => fn(trx === this.db ? this : new MediaLibrary(trx), trx));
  }

  // --- recordings and VODs -------------------------------------------------------------------

  /**
   * A recorded class has ended: stores its recording and the VOD made from it (one per session;
   * calling again for the same session returns what the first call stored). The VOD belongs to the
   * room's owner and starts unpublished unless `publish` says otherwise.
   */
  async recordSession(input: { room: RoomRow; session: LiveSessionRow; size: number; fileName?: string | null; storageKey?: string | null; publish?: boolean; at?: number }): Promise<{ recording: RecordingRow; vod: VodRow }> {
    const { room, session } = input;
    if (session.room_id !== room.id || session.tenant_id !== room.tenant_id) throw invalid('session does not belong to the room', 'session');
    if (session.ended_at === null) throw new DomainError('conflict', 'session has not ended yet', 'session');
    if (!Number.isSafeInteger(input.size) || input.size < 0) throw invalid('size must be a whole number of bytes', 'recording');
    const at = input.at ?? session.ended_at;
    return this.atomic(async (media, db) => {
      const existing = await db.selectFrom('recordings').selectAll().where('room_id', '=', room.id).where('session_id', '=', session.id)
        .where('deleted_at', 'is', null).orderBy('id').limit(1).executeTakeFirst();
      if (existing) {
        const vod = await db.selectFrom('vods').selectAll().where('recording_id', '=', existing.id).where('deleted_at', 'is', null).orderBy('id').limit(1).executeTakeFirst();
        if (vod) return { recording: existing, vod };
      }
      const recording = existing ?? await media.addRecording({
        tenantId: room.tenant_id, roomId: room.id, sessionId: session.id, name: room.title,
        fileName: input.fileName ?? `${session.public_id.toLowerCase()}.mp4`, size: input.size,
        startedAt: session.started_at, endedAt: session.ended_at, storageKey: input.storageKey ?? null, creatorUserId: room.owner_user_id, at,
      });
      const vod = await media.createVod({
        tenantId: room.tenant_id, subject: room.title, description: room.description, source: 'record', recording, roomId: room.id,
        ownerUserId: room.owner_user_id, published: input.publish ?? false, at,
      });
      return { recording, vod };
    });
  }

  /** An uploaded recording (from a recording tool) and its VOD, owned by the uploader. */
  async importUpload(input: { tenantId: string; subject: string; size: number; ownerUserId: number | null; roomId?: number | null; fileName?: string | null; startedAt?: number | null; endedAt?: number | null; description?: string | null; publish?: boolean; at: number }): Promise<{ recording: RecordingRow; vod: VodRow }> {
    return this.atomic(async (media) => {
      const recording = await media.addRecording({
        tenantId: input.tenantId, roomId: input.roomId ?? null, name: input.subject, fileName: input.fileName ?? null, size: input.size,
        startedAt: input.startedAt ?? null, endedAt: input.endedAt ?? null, creatorUserId: input.ownerUserId, at: input.at,
      });
      const vod = await media.createVod({
        tenantId: input.tenantId, subject: input.subject, description: input.description ?? null, source: 'upload', recording, roomId: input.roomId ?? null,
        ownerUserId: input.ownerUserId, published: input.publish ?? false, at: input.at,
      });
      return { recording, vod };
    });
  }

  async addRecording(input: NewRecording): Promise<RecordingRow> {
    if (!input.name.trim()) throw invalid('a recording needs a name', 'recording');
    return this.db.insertInto('recordings').values({
      tenant_id: input.tenantId, room_id: input.roomId ?? null, session_id: input.sessionId ?? null, name: input.name,
      file_name: input.fileName ?? null, size: input.size, started_at: input.startedAt ?? null, ended_at: input.endedAt ?? null,
      storage_key: input.storageKey ?? null, creator_user_id: input.creatorUserId ?? null, properties: '{}', created_at: input.at, deleted_at: null,
    }).returningAll().executeTakeFirstOrThrow();
  }

  async createVod(input: NewVod): Promise<VodRow> {
    const rec = input.recording ?? null;
    const values = {
      tenant_id: input.tenantId, room_id: input.roomId ?? rec?.room_id ?? null, recording_id: rec?.id ?? null, subject: input.subject,
      description: input.description ?? null, password: input.password ?? null, published: input.published ? 1 : 0,
      owner_user_id: input.ownerUserId ?? null, source: input.source,
      duration_ms: rec && rec.started_at !== null && rec.ended_at !== null ? Math.max(0, rec.ended_at - rec.started_at) : 0,
      size: rec?.size ?? 0, properties: JSON.stringify(input.properties ?? {}), created_at: input.at, updated_at: input.at, deleted_at: null,
      conversion_job_id: input.conversionJobId ?? null,
    };
    return withUniqueRetry(this.db, () => this.db.insertInto('vods')
      .values({ ...values, public_id: randomHex(32), number: randomDigits(8) }).returningAll().executeTakeFirstOrThrow());
  }

  /** A VOD of the tenant by its public id (deleted ones are gone). */
  vod(tenantId: string, publicId: string): Promise<VodRow | undefined> {
    return this.db.selectFrom('vods').selectAll().where('tenant_id', '=', tenantId).where('public_id', '=', publicId.trim().toLowerCase())
      .where('deleted_at', 'is', null).executeTakeFirst();
  }

  async updateVod(vod: VodRow, patch: VodPatch, at = Date.now()): Promise<VodRow> {
    const set: Updateable<VodsTable> = { updated_at: at };
    if (patch.subject !== undefined) {
      if (!patch.subject.trim()) throw invalid('a VOD needs a subject', 'vod');
      set.subject = patch.subject;
    }
    if (patch.description !== undefined) set.description = patch.description;
    if (patch.password !== undefined) set.password = patch.password;
    if (patch.properties) set.properties = JSON.stringify(mergeProperties(parseJsonObject(vod.properties), patch.properties));
    return this.db.updateTable('vods').set(set).where('id', '=', vod.id).returningAll().executeTakeFirstOrThrow();
  }

  /** Publishes or withdraws a VOD; asking for the state it is already in changes nothing. */
  async setPublished(vod: VodRow, published: boolean, at = Date.now()): Promise<VodRow> {
    if ((vod.published === 1) === published) return vod;
    return this.db.updateTable('vods').set({ published: published ? 1 : 0, updated_at: at }).where('id', '=', vod.id).returningAll().executeTakeFirstOrThrow();
  }

  /** The room's VODs (of one source, when given), oldest first. */
  vodsOfRoom(room: RoomRow, source?: VodSource): Promise<ListedVod[]> {
    let q = this.listedVods().where('vods.room_id', '=', room.id).where('vods.tenant_id', '=', room.tenant_id);
    if (source !== undefined) q = q.where('vods.source', '=', source);
    return q.orderBy('vods.created_at').orderBy('vods.id').execute();
  }

  /** One numbered page of the tenant's VODs created in the window, oldest first. */
  async pageVods(tenantId: string, opts: { window: TimeWindow; page: PageRequest; source?: VodSource; publishedOnly?: boolean; ownerUserId?: number }): Promise<NumberedPage<ListedVod>> {
    let base = this.db.selectFrom('vods').where('vods.tenant_id', '=', tenantId).where('vods.deleted_at', 'is', null);
    if (opts.source !== undefined) base = base.where('vods.source', '=', opts.source);
    if (opts.publishedOnly) base = base.where('vods.published', '=', 1);
    if (opts.ownerUserId !== undefined) base = base.where('vods.owner_user_id', '=', opts.ownerUserId);
    if (opts.window.from !== undefined) base = base.where('vods.created_at', '>=', opts.window.from);
    if (opts.window.to !== undefined) base = base.where('vods.created_at', '<=', opts.window.to);
    return selectPage(base, base.leftJoin('rooms', 'rooms.id', 'vods.room_id').leftJoin('recordings', 'recordings.id', 'vods.recording_id')
      .selectAll('vods').select(['rooms.public_id as room_public_id', 'recordings.started_at as record_started_at', 'recordings.ended_at as record_ended_at'])
      .orderBy('vods.created_at').orderBy('vods.id'), opts.page);
  }

  private listedVods() {
    return this.db.selectFrom('vods')
      .leftJoin('rooms', 'rooms.id', 'vods.room_id')
      .leftJoin('recordings', 'recordings.id', 'vods.recording_id')
      .selectAll('vods')
      .select(['rooms.public_id as room_public_id', 'recordings.started_at as record_started_at', 'recordings.ended_at as record_ended_at'])
      .where('vods.deleted_at', 'is', null);
  }

  /** Recordings of the tenant by id; ids that are not the tenant's (or deleted) are simply absent. */
  recordings(tenantId: string, ids: readonly number[]): Promise<RecordingRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('recordings').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', [...ids]).where('deleted_at', 'is', null).execute();
  }

  /** One numbered page of the tenant's recordings created in the window, oldest first. */
  async pageRecordings(tenantId: string, opts: { window: TimeWindow; page: PageRequest }): Promise<NumberedPage<ListedRecording>> {
    let base = this.db.selectFrom('recordings').where('recordings.tenant_id', '=', tenantId).where('recordings.deleted_at', 'is', null);
    if (opts.window.from !== undefined) base = base.where('recordings.created_at', '>=', opts.window.from);
    if (opts.window.to !== undefined) base = base.where('recordings.created_at', '<=', opts.window.to);
    return selectPage(base, base.leftJoin('rooms', 'rooms.id', 'recordings.room_id').selectAll('recordings').select('rooms.public_id as room_public_id')
      .orderBy('recordings.created_at').orderBy('recordings.id'), opts.page);
  }

  // --- warm-up, insert-play, player --------------------------------------------------------------

  /** Makes `vod` the room's warm-up (one per room: it replaces any earlier one). */
  async setWarmup(room: RoomRow, vod: VodRow, at = Date.now()): Promise<RoomRow> {
    if (vod.tenant_id !== room.tenant_id) throw notFound('vod');
    return this.rooms.update(room, { properties: { [WARMUP_PROPERTY]: vod.public_id } }, at);
  }

  warmupOf(room: RoomRow): string | null {
    const v = parseJsonObject(room.properties)[WARMUP_PROPERTY];
    return typeof v === 'string' ? v : null;
  }

  async clearWarmup(room: RoomRow, at = Date.now()): Promise<RoomRow> {
    return this.rooms.update(room, { properties: { [WARMUP_PROPERTY]: null } }, at);
  }

  /** Adds recordings to the room's insert-play sources; repeated or already chosen ones are kept once. Returns how many were added. */
  async chooseInsertPlay(room: RoomRow, recordings: readonly RecordingRow[], at = Date.now()): Promise<number> {
    if (recordings.some((r) => r.tenant_id !== room.tenant_id)) throw notFound('recording');
    const wanted = [...new Set(recordings.map((r) => r.id))];
    if (wanted.length === 0) return 0;
    return this.atomic(async (_media, db) => {
      const have = new Set((await db.selectFrom('room_recordings').select('recording_id').where('room_id', '=', room.id).where('kind', '=', INSERT_PLAY)
        .where('recording_id', 'in', wanted).execute()).map((r) => r.recording_id));
      const fresh = wanted.filter((id) => !have.has(id));
      if (fresh.length) {
        // A concurrent identical request may have bound some meanwhile: those rows are left as they are.
        await db.insertInto('room_recordings').values(fresh.map((id) => ({ tenant_id: room.tenant_id, room_id: room.id, recording_id: id, kind: INSERT_PLAY, bound_at: at })))
          .onConflict((oc) => oc.columns(['room_id', 'recording_id', 'kind']).doNothing()).execute();
      }
      return fresh.length;
    });
  }

  /** Removes recordings from the room's insert-play sources; ids that were not chosen are ignored. Returns how many were removed. */
  async removeInsertPlay(room: RoomRow, recordingIds: readonly number[]): Promise<number> {
    if (recordingIds.length === 0) return 0;
    const res = await this.db.deleteFrom('room_recordings').where('room_id', '=', room.id).where('kind', '=', INSERT_PLAY)
      .where('recording_id', 'in', [...new Set(recordingIds)]).executeTakeFirst();
    return Number(res.numDeletedRows);
  }

  /** The room's insert-play recordings, in the order they were chosen. */
  insertPlayOf(room: RoomRow): Promise<RecordingRow[]> {
    return this.db.selectFrom('room_recordings').innerJoin('recordings', 'recordings.id', 'room_recordings.recording_id')
      .selectAll('recordings').where('room_recordings.room_id', '=', room.id).where('room_recordings.kind', '=', INSERT_PLAY)
      .where('recordings.deleted_at', 'is', null).orderBy('room_recordings.bound_at').orderBy('room_recordings.id').execute();
  }

  async setRoomPlayer(room: RoomRow, layout: PlayerLayout, at = Date.now()): Promise<RoomRow> {
    return this.rooms.update(room, { properties: { [PLAYER_PROPERTY]: layoutJson(layout) } }, at);
  }

  async setVodPlayer(vod: VodRow, layout: PlayerLayout, at = Date.now()): Promise<VodRow> {
    return this.updateVod(vod, { properties: { [PLAYER_PROPERTY]: layoutJson(layout) } }, at);
  }

  // --- documents -------------------------------------------------------------------------------

  async createDocument(input: NewDocument): Promise<DocumentRow> {
    if (!input.name.trim()) throw invalid('a document needs a name', 'document');
    return this.db.insertInto('documents').values({
      tenant_id: input.tenantId, owner_user_id: input.ownerUserId ?? null, name: input.name, file_name: input.fileName ?? null, url: input.url ?? null,
      size: input.size ?? 0, mime: input.mime ?? null, storage_key: input.storageKey ?? null, source: input.source, status: input.status ?? 'ready', page_count: input.pageCount ?? null,
      properties: JSON.stringify({ ...input.properties, ...(input.roomId ? { roomId: input.roomId } : {}) }), created_at: input.at, deleted_at: null,
      conversion_job_id: input.conversionJobId ?? null, checksum: input.checksum ?? null,
    }).returningAll().executeTakeFirstOrThrow();
  }

  /**
   * Keeps an uploaded file as a library document, bound to `input.room` when given: the file is
   * committed to `blobs` and the rows written together, or neither (a failed write removes the file).
   */
  async storeDocument(blobs: BlobStore, input: NewStoredDocument): Promise<{ document: DocumentRow; bindId: number | null }> {
    if (input.room && input.room.tenant_id !== input.tenantId) throw notFound('room');
    const stored = await blobs.commit(input.tenantId, input.spooled);
    try {
      return await this.atomic(async (media) => {
        const document = await media.createDocument({
          tenantId: input.tenantId, name: input.name, source: input.source, ownerUserId: input.ownerUserId, fileName: input.name, size: stored.size,
          mime: input.mime, storageKey: stored.path, checksum: stored.sha256, properties: input.properties, at: input.at,
        });
        const bindId = input.room ? (await media.bindDocument(input.room, document, input.at)).bindId : null;
        return { document, bindId };
      });
    } catch (err) {
      await blobs.delete(stored.path);
      throw err;
    }
  }

  /**
   * Presents a library document in the room's class and returns the binding's id; binding it again
   * returns the existing binding.
   */
  async bindDocument(room: RoomRow, doc: DocumentRow, at = Date.now()): Promise<{ bindId: number; created: boolean }> {
    if (doc.tenant_id !== room.tenant_id) throw notFound('document');
    return this.atomic(async (_media, db) => {
      const created = await db.insertInto('room_documents').values({ tenant_id: room.tenant_id, room_id: room.id, document_id: doc.id, kind: COURSEWARE, bound_at: at })
        .onConflict((oc) => oc.columns(['room_id', 'document_id']).doNothing()).returning('id').executeTakeFirst();
      if (created) return { bindId: created.id, created: true };
      const bound = await db.selectFrom('room_documents').select('id').where('room_id', '=', room.id).where('document_id', '=', doc.id).executeTakeFirstOrThrow();
      return { bindId: bound.id, created: false };
    });
  }

  /** One numbered page of the tenant's library documents of the given sources, oldest first. */
  async documentsBySource(tenantId: string, sources: readonly DocumentSource[], page: PageRequest): Promise<NumberedPage<DocumentRow>> {
    const base = this.db.selectFrom('documents').where('tenant_id', '=', tenantId).where('deleted_at', 'is', null).where('source', 'in', [...sources]);
    return selectPage(base, base.selectAll().orderBy('created_at').orderBy('id'), page);
  }

  /** A library document of the tenant (not a link attachment, not deleted). */
  document(tenantId: string, id: number): Promise<DocumentRow | undefined> {
    return this.db.selectFrom('documents').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id)
      .where('source', '<>', 'url').where('deleted_at', 'is', null).executeTakeFirst();
  }

  /** One numbered page of the tenant's library documents created in the window, oldest first. */
  async pageDocuments(tenantId: string, opts: { window: TimeWindow; page: PageRequest }): Promise<NumberedPage<DocumentRow>> {
    let base = this.db.selectFrom('documents').where('tenant_id', '=', tenantId).where('deleted_at', 'is', null).where('source', '<>', 'url');
    if (opts.window.from !== undefined) base = base.where('created_at', '>=', opts.window.from);
    if (opts.window.to !== undefined) base = base.where('created_at', '<=', opts.window.to);
    return selectPage(base, base.selectAll().orderBy('created_at').orderBy('id'), opts.page);
  }

  /** Presents a library document in the room's class; attaching it again changes nothing. Returns whether it was added. */
  async attachDocument(room: RoomRow, doc: DocumentRow, at = Date.now()): Promise<boolean> {
    if (doc.tenant_id !== room.tenant_id) throw notFound('document');
    return this.atomic(async (_media, db) => {
      const bound = await db.selectFrom('room_documents').select('id').where('room_id', '=', room.id).where('document_id', '=', doc.id).executeTakeFirst();
      if (bound) return false;
      await db.insertInto('room_documents').values({ tenant_id: room.tenant_id, room_id: room.id, document_id: doc.id, kind: COURSEWARE, bound_at: at })
        .onConflict((oc) => oc.columns(['room_id', 'document_id']).doNothing()).execute();
      return true;
    });
  }

  /** Removes a document from the room's class documents. Returns whether it was attached. */
  async detachDocument(room: RoomRow, doc: DocumentRow): Promise<boolean> {
    const res = await this.db.deleteFrom('room_documents').where('room_id', '=', room.id).where('document_id', '=', doc.id).where('kind', '=', COURSEWARE).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  /** The room's class documents, in the order they were attached. */
  documentsOfRoom(room: RoomRow): Promise<DocumentRow[]> {
    return this.db.selectFrom('room_documents').innerJoin('documents', 'documents.id', 'room_documents.document_id').selectAll('documents')
      .where('room_documents.room_id', '=', room.id).where('room_documents.kind', '=', COURSEWARE).where('documents.deleted_at', 'is', null)
      .orderBy('room_documents.bound_at').orderBy('room_documents.id').execute();
  }

  // --- viewing ---------------------------------------------------------------------------------

  /**
   * One numbered page of the tenant's VOD viewing intervals that started (or, `by: 'leave'`, ended)
   * in the window, in that time's order.
   */
  async pageViews(tenantId: string, opts: { window: Required<TimeWindow>; page: PageRequest; by?: 'start' | 'leave' }): Promise<NumberedPage<ListedView>> {
    const column = opts.by === 'leave' ? 'vod_views.left_at' : 'vod_views.started_at';
    const base = this.db.selectFrom('vod_views').where('vod_views.tenant_id', '=', tenantId)
      .where(column, '>=', opts.window.from).where(column, '<=', opts.window.to);
    return selectPage(base, base.innerJoin('vods', 'vods.id', 'vod_views.vod_id')
      .select(['vod_views.id', 'vods.public_id as vod_public_id', 'vod_views.participant_id', 'vod_views.name', 'vod_views.ip', 'vod_views.platform', 'vod_views.started_at', 'vod_views.left_at'])
      .orderBy(column).orderBy('vod_views.id'), opts.page);
  }

  /** How many times the VOD has been watched (every viewing interval counts, re-watches too). */
  async viewCount(vod: VodRow): Promise<number> {
    const { n } = await this.db.selectFrom('vod_views').select((eb) => eb.fn.countAll<number>().as('n')).where('vod_id', '=', vod.id).executeTakeFirstOrThrow();
    return Number(n);
  }

  // --- removal ---------------------------------------------------------------------------------

  /** Deletes a VOD; a room that used it as its warm-up has none afterwards. */
  async deleteVod(vod: VodRow, at = Date.now()): Promise<void> {
    await this.atomic(async (media, db) => {
      await db.updateTable('vods').set({ deleted_at: at, updated_at: at }).where('id', '=', vod.id).where('deleted_at', 'is', null).execute();
      await media.clearWarmupsOf(vod, at);
    });
  }

  /**
   * Deletes a recording with everything built on it: the VODs made from it (and the warm-ups they
   * were), and its insert-play bindings.
   */
  async deleteRecording(recording: RecordingRow, at = Date.now()): Promise<void> {
    await this.atomic(async (media, db) => {
      await db.updateTable('recordings').set({ deleted_at: at }).where('id', '=', recording.id).where('deleted_at', 'is', null).execute();
      const vods = await db.selectFrom('vods').selectAll().where('recording_id', '=', recording.id).where('deleted_at', 'is', null).execute();
      for (const vod of vods) await media.deleteVod(vod, at);
      await db.deleteFrom('room_recordings').where('recording_id', '=', recording.id).execute();
    });
  }

  /** Rooms of the VOD's tenant whose warm-up it is; the JSON text is searched, then each match is checked. */
  private async clearWarmupsOf(vod: VodRow, at: number): Promise<void> {
    const rooms = await this.db.selectFrom('rooms').selectAll().where('tenant_id', '=', vod.tenant_id)
      .where('properties', 'like', `%${vod.public_id}%`).execute();
    for (const room of rooms) if (this.warmupOf(room) === vod.public_id) await this.clearWarmup(room, at);
  }
}

function mergeProperties(current: JsonObject, patch: JsonObject): JsonObject {
  const merged = { ...current };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete merged[k];
    else merged[k] = v;
  }
  return merged;
}

function layoutJson(layout: PlayerLayout): JsonObject {
  const out: JsonObject = { mode: layout.mode, mobileMode: layout.mobileMode, padMode: layout.padMode };
  if (layout.autoPlay !== undefined) out.autoPlay = layout.autoPlay;
  if (layout.video !== undefined) out.video = layout.video;
  if (layout.showWindow !== undefined) out.showWindow = layout.showWindow;
  return out;
}
