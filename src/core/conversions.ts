import type { Kysely } from 'kysely';
import type { Database, DocumentRow, RecordingRow, VodRow } from '../storage/schema.js';
import type { Engine } from '../storage/database.js';
import type { StoredBlob } from '../storage/blobs/blob-store.js';
import { JobQueue, type Job, type JobState } from '../jobs/queue.js';
import { inTransaction } from './transactions.js';
import { invalid } from './errors.js';
import type { JsonObject } from './json.js';
import { MediaLibrary } from './media.js';

/** Job kinds a media worker leases. */
export const CONVERT_DOCUMENT = 'media.convert-document';
export const CONVERT_MEDIA = 'media.convert-media';

/** Where the file to convert is: a stored upload, or a URL the worker downloads. */
export type ConversionSource =
  | { kind: 'blob'; blob: StoredBlob; fileName: string }
  | { kind: 'url'; url: string; fileName: string | null };

/**
 * A request to be told when the conversion ends: the worker POSTs a form with `idField` = the
 * converted VOD's public id and `statusField` = `okValue` or `errorValue`.
 */
export interface ConversionCallback {
  url: string;
  idField: string;
  statusField: string;
  okValue: string;
  errorValue: string;
}

interface ConversionCommon {
  tenantId: string;
  ownerUserId: number | null;
  /** The name of the VOD (and document) it produces. */
  name: string;
  source: ConversionSource;
  callback?: ConversionCallback;
  at: number;
}

/** Documents convert to vector graphics (default) or to one image a page. */
export type DocumentConversionMode = 'vector' | 'image';

/** What an item waiting for a conversion reports. */
export type ConversionState = 'converting' | 'ready' | 'failed';

/**
 * The state of an item: one without a conversion job was ready from the start; one with a job is
 * converting until the job is done (or has failed for good).
 */
export function conversionState(jobId: number | null, states: ReadonlyMap<number, JobState>): ConversionState {
  if (jobId === null) return 'ready';
  const state = states.get(jobId);
  if (state === 'done') return 'ready';
  if (state === 'failed') return 'failed';
  return 'converting';
}

const sourcePayload = (s: ConversionSource): JsonObject => (s.kind === 'blob'
  ? { kind: 'blob', key: s.blob.path, size: s.blob.size, sha256: s.blob.sha256, fileName: s.fileName }
  : { kind: 'url', url: s.url, fileName: s.fileName });

const sourceSize = (s: ConversionSource) => (s.kind === 'blob' ? s.blob.size : 0);
const sourceKey = (s: ConversionSource) => (s.kind === 'blob' ? s.blob.path : null);
const sourceFileName = (s: ConversionSource) => s.fileName;

/**
 * Documents and media files sent to be converted into playable VODs. Each request writes, in one
 * transaction, the items that wait for the conversion and the durable job that will perform it;
 * the items carry the job's id, so what they report is the job's own state. Nothing here converts:
 * a media worker leases the jobs (CONVERT_DOCUMENT, CONVERT_MEDIA), and until one has, the items
 * stay honestly "converting".
 */
export class MediaConversions {
  constructor(private readonly db: Kysely<Database>, private readonly engine: Engine) {}

  /** A document to convert: a library document and a VOD of its pages, both waiting for the job. */
  async convertDocument(input: ConversionCommon & { mode: DocumentConversionMode }): Promise<{ vod: VodRow; document: DocumentRow; job: Job }> {
    if (!input.name.trim()) throw invalid('a conversion needs a name', 'name');
    return inTransaction(this.db, async (trx) => {
      const media = new MediaLibrary(trx);
      const jobs = new JobQueue(trx, this.engine);
      const document = await media.createDocument({
        tenantId: input.tenantId, name: input.name, source: 'api', ownerUserId: input.ownerUserId, fileName: sourceFileName(input.source),
        size: sourceSize(input.source), storageKey: sourceKey(input.source), status: 'converting', at: input.at,
      });
      const vod = await media.createVod({ tenantId: input.tenantId, subject: input.name, source: 'document', ownerUserId: input.ownerUserId, at: input.at });
      const job = await jobs.enqueue({
        tenantId: input.tenantId, kind: CONVERT_DOCUMENT,
        payload: { source: sourcePayload(input.source), mode: input.mode, documentId: document.id, vodId: vod.id, vodPublicId: vod.public_id, ...callbackPayload(input.callback) },
      }, input.at);
      await trx.updateTable('documents').set({ conversion_job_id: job.id }).where('id', '=', document.id).execute();
      await trx.updateTable('vods').set({ conversion_job_id: job.id }).where('id', '=', vod.id).execute();
      return { vod: { ...vod, conversion_job_id: job.id }, document: { ...document, conversion_job_id: job.id }, job };
    });
  }

  /** A media file to convert: a recording of it and a VOD playing it, the VOD waiting for the job. */
  async convertMedia(input: ConversionCommon): Promise<{ vod: VodRow; recording: RecordingRow; job: Job }> {
    if (!input.name.trim()) throw invalid('a conversion needs a name', 'name');
    return inTransaction(this.db, async (trx) => {
      const media = new MediaLibrary(trx);
      const jobs = new JobQueue(trx, this.engine);
      const recording = await media.addRecording({
        tenantId: input.tenantId, name: input.name, fileName: sourceFileName(input.source), size: sourceSize(input.source),
        storageKey: sourceKey(input.source), creatorUserId: input.ownerUserId, at: input.at,
      });
      const vod = await media.createVod({ tenantId: input.tenantId, subject: input.name, source: 'media', recording, ownerUserId: input.ownerUserId, at: input.at });
      const job = await jobs.enqueue({
        tenantId: input.tenantId, kind: CONVERT_MEDIA,
        payload: { source: sourcePayload(input.source), recordingId: recording.id, vodId: vod.id, vodPublicId: vod.public_id, ...callbackPayload(input.callback) },
      }, input.at);
      await trx.updateTable('vods').set({ conversion_job_id: job.id }).where('id', '=', vod.id).execute();
      return { vod: { ...vod, conversion_job_id: job.id }, recording, job };
    });
  }
}

function callbackPayload(callback: ConversionCallback | undefined): JsonObject {
  return callback ? { callback: { ...callback } } : {};
}
