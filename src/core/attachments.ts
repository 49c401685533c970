import type { Kysely, Transaction } from 'kysely';
import type { Database, RoomRow } from '../storage/schema.js';
import { DomainError } from './errors.js';
import { parseJsonObject } from './json.js';
import { inTransaction } from './transactions.js';

/** A link a room hands out beside the class (a handout, a slide deck, a reading): identified by its URL. */
export interface AttachmentInput {
  url: string;
  name?: string | null;
  description?: string | null;
}

export interface Attachment {
  url: string;
  name: string;
  description: string | null;
  attachedAt: number;
}

type Db = Kysely<Database> | Transaction<Database>;

/** Stored as a `documents` row of source `url`, bound to the room with kind `attachment`. */
const SOURCE = 'url';
const KIND = 'attachment';

/** The name shown when the caller gives none: the last path segment of the URL, else the URL itself. */
export function defaultAttachmentName(url: string): string {
  try {
    const segment = new URL(url).pathname.split('/').filter(Boolean).pop();
    if (segment) return decodeURIComponent(segment);
  } catch {
    // Not decodable: fall through to the URL.
  }
  return url;
}

/** Attachments of rooms: each room has at most one attachment per URL. */
export class AttachmentService {
  constructor(private readonly db: Kysely<Database>) {}

  private bound(db: Db, room: RoomRow) {
    return db.selectFrom('room_documents').innerJoin('documents', 'documents.id', 'room_documents.document_id')
      .where('room_documents.room_id', '=', room.id).where('room_documents.kind', '=', KIND)
      .where('documents.source', '=', SOURCE).where('documents.deleted_at', 'is', null);
  }

  /** The room's attachments in the order they were first attached. */
  async list(room: RoomRow): Promise<Attachment[]> {
    const rows = await this.bound(this.db, room)
      .select(['documents.url', 'documents.name', 'documents.properties', 'room_documents.bound_at'])
      .orderBy('room_documents.bound_at').orderBy('room_documents.id').execute();
    return rows.map((r) => {
      const description = parseJsonObject(r.properties).description;
      return { url: r.url ?? '', name: r.name, description: typeof description === 'string' ? description : null, attachedAt: r.bound_at };
    });
  }

  /**
   * Adds attachments in one transaction. Attaching a URL the room already has replaces its name and
   * description (so a client may safely retry); within one call the last item for a URL wins.
   */
  async attach(room: RoomRow, items: readonly AttachmentInput[], opts: { ownerUserId?: number | null; at?: number } = {}): Promise<void> {
    const at = opts.at ?? Date.now();
    const byUrl = new Map<string, AttachmentInput>();
    for (const item of items) byUrl.set(item.url, item);
    await inTransaction(this.db, async (trx) => {
      for (const item of byUrl.values()) {
        const name = item.name || defaultAttachmentName(item.url);
        const properties = JSON.stringify(item.description ? { description: item.description } : {});
        const existing = await this.bound(trx, room).where('documents.url', '=', item.url).select('documents.id').executeTakeFirst();
        if (existing) {
          await trx.updateTable('documents').set({ name, properties }).where('id', '=', existing.id).execute();
          continue;
        }
        const doc = await trx.insertInto('documents').values({
          tenant_id: room.tenant_id, owner_user_id: opts.ownerUserId ?? null, name, file_name: null, url: item.url, size: 0, mime: null,
          storage_key: null, source: SOURCE, status: 'ready', page_count: null, properties, created_at: at, deleted_at: null,
        }).returning('id').executeTakeFirstOrThrow();
        await trx.insertInto('room_documents').values({ tenant_id: room.tenant_id, room_id: room.id, document_id: doc.id, kind: KIND, bound_at: at }).execute();
      }
    });
  }

  /** Removes attachments by URL, all or nothing: a URL the room does not have refuses the whole call. */
  async detach(room: RoomRow, urls: readonly string[], at = Date.now()): Promise<void> {
    const wanted = [...new Set(urls)];
    if (wanted.length === 0) return;
    await inTransaction(this.db, async (trx) => {
      const found = await this.bound(trx, room).where('documents.url', 'in', wanted)
        .select(['documents.id as documentId', 'documents.url', 'room_documents.id as bindingId']).execute();
      const have = new Set(found.map((f) => f.url));
      const missing = wanted.filter((u) => !have.has(u));
      if (missing.length) throw new DomainError('not_found', `no attachment with URL ${missing.map((u) => `"${u}"`).join(', ')}`, 'attachment');
      await trx.deleteFrom('room_documents').where('id', 'in', found.map((f) => f.bindingId)).execute();
      // The document existed only as this room's attachment, so it goes with the binding.
      await trx.updateTable('documents').set({ deleted_at: at }).where('id', 'in', found.map((f) => f.documentId)).execute();
    });
  }
}
