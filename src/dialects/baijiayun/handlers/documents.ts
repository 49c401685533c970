import type { DocumentRow } from '../../../storage/schema.js';
import type { DocumentSource } from '../../../core/media.js';
import type { JsonObject } from '../../../core/json.js';
import { BlobStore } from '../../../storage/blobs/blob-store.js';
import type { WithInput } from '../../framework/dialect.js';
import { In } from '../../framework/input.js';
import { ParamProblem } from '../../framework/params.js';
import type { BaijiayunContext } from '../context.js';
import { requireFeature } from '../features.js';
import { bjyTime, classDay, DATE, MAX_PAGE_SIZE, ROOM_ID, roomByNumber } from './data-common.js';

/** What uploadDoc accepts (catalog API 10): documents, images, and H5 courseware as a .zip. */
export const DOCUMENT_EXTENSIONS = ['.doc', '.ppt', '.pdf', '.pptx', '.docx', '.jpg', '.jpeg', '.png', '.gif', '.zip'] as const;
export const DOCUMENT_MAX_BYTES = 100 * 1024 * 1024;

const PPT = new Set(['.ppt', '.pptx']);
const H5_MIME = 'text/html';

/** `upload_source`: documents saved in class are `room`; everything uploaded to the library is `api`. */
const uploadSource = (doc: DocumentRow) => (doc.source === 'room' ? 'room' : 'api');
const SOURCES_OF_TYPE: Record<'all' | 'room' | 'api', DocumentSource[]> = { all: ['api', 'upload', 'room'], room: ['room'], api: ['api', 'upload'] };

async function accountDocument(ctx: BaijiayunContext, fid: number): Promise<DocumentRow> {
  const doc = await ctx.services.media.document(ctx.tenant.id, fid);
  if (!doc) throw new ParamProblem('fid', 'out_of_range', `fid ${fid} is not a document of this account`);
  return doc;
}

export const UPLOAD_DOC_INPUT = In.object({
  room_id: In.optional(ROOM_ID()),
  ppt_animation: In.optional(In.oneOf([0, 1], { description: '1: keep the PPT animations (PPT only)' })),
  attachment: In.file({
    extensions: DOCUMENT_EXTENSIONS, maxBytes: DOCUMENT_MAX_BYTES,
    description: 'The file (not signed): .doc .ppt .pdf .pptx .docx .jpg .jpeg .png .gif .zip, at most 100 MiB',
  }),
});

const extensionOf = (fileName: string) => {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(dot).toLowerCase() : '';
};

/**
 * 10 `/openapi/doc/uploadDoc`: a multipart upload of `attachment`, kept in the account's library and
 * bound to `room_id` when given. The file arrives already spooled (streamed to disk, checksummed,
 * its name and size checked as it came); it is committed with its row, or not at all.
 */
export async function uploadDoc(ctx: WithInput<BaijiayunContext, typeof UPLOAD_DOC_INPUT>) {
  const upload = ctx.input.attachment;
  if (upload.spooled.size === 0) throw new ParamProblem('attachment', 'missing', 'attachment is empty');
  const room = ctx.input.room_id === undefined ? null : await roomByNumber(ctx, ctx.input.room_id);
  const name = upload.fileName.split(/[\\/]/).pop()!;
  const extension = extensionOf(name);
  const properties: JsonObject = {};
  if (ctx.input.ppt_animation === 1 && PPT.has(extension)) properties.pptAnimation = true;
  if (extension === '.zip') {
    requireFeature(ctx, 'h5', 'H5 courseware (a .zip upload)');
    properties.h5 = true;
  }
  const { document, bindId } = await ctx.services.media.storeDocument(BlobStore.forDataDir(ctx.config.dataDir), {
    tenantId: ctx.tenant.id, name, source: 'api', spooled: upload.spooled, mime: upload.mimeType || null, properties, room, at: Date.now(),
  });
  return bindId === null ? { fid: document.id, name: document.name } : { fid: document.id, name: document.name, bind_id: bindId };
}

export const BIND_DOC_INPUT = In.object({
  room_id: ROOM_ID(),
  fid: In.int({ min: 1, description: 'Document id (fid)' }),
});

/** 11 `/openapi/doc/bindDoc`: binding a bound document again answers its existing bind_id. */
export async function bindDoc(ctx: WithInput<BaijiayunContext, typeof BIND_DOC_INPUT>) {
  const room = await roomByNumber(ctx, ctx.input.room_id);
  const doc = await accountDocument(ctx, ctx.input.fid);
  const { bindId } = await ctx.services.media.bindDocument(room, doc);
  return { fid: doc.id, room_id: room.numeric_id, bind_id: bindId };
}

export const ROOM_INPUT = In.object({ room_id: ROOM_ID() });

/** 12 `/openapi/doc/listDoc`: the room's documents in the order they were bound. */
export async function listDoc(ctx: WithInput<BaijiayunContext, typeof ROOM_INPUT>) {
  const room = await roomByNumber(ctx, ctx.input.room_id);
  const docs = await ctx.services.media.documentsOfRoom(room);
  return { room_id: room.numeric_id, list: docs.map((d) => ({ fid: d.id, name: d.name, create_time: bjyTime(d.created_at, ctx.zone) })) };
}

export const LIST_ALL_DOC_INPUT = In.object({
  type: In.oneOf(['all', 'room', 'api'], { description: 'all, room (uploaded in class) or api (uploaded through the API)' }),
  page: In.optional(In.int({ min: 1, default: 1, description: 'Lectern extension: page number, with limit' })),
  limit: In.optional(In.int({ min: 1, max: MAX_PAGE_SIZE, description: 'Lectern extension: documents per page (default: all of them)' })),
});

/**
 * 13 `/openapi/doc/listAllDoc`: the account's documents, oldest first, with `total`. The document
 * has no paging; a `limit` (with `page`) asks for one page, otherwise every document is listed.
 */
export async function listAllDoc(ctx: WithInput<BaijiayunContext, typeof LIST_ALL_DOC_INPUT>) {
  const sources = SOURCES_OF_TYPE[ctx.input.type];
  const toItem = (d: DocumentRow) => ({ fid: d.id, name: d.name, upload_source: uploadSource(d), create_time: bjyTime(d.created_at, ctx.zone) });
  if (ctx.input.limit !== undefined) {
    const { rows, total } = await ctx.services.media.documentsBySource(ctx.tenant.id, sources, { pageNo: ctx.input.page ?? 1, pageSize: ctx.input.limit });
    return { total, list: rows.map(toItem) };
  }
  const list = [];
  let total = 0;
  // Read in chunks; the count of the first read is the total.
  for (let pageNo = 1; ; pageNo++) {
    const chunk = await ctx.services.media.documentsBySource(ctx.tenant.id, sources, { pageNo, pageSize: MAX_PAGE_SIZE });
    if (pageNo === 1) total = chunk.total;
    list.push(...chunk.rows.map(toItem));
    if (chunk.rows.length < MAX_PAGE_SIZE) break;
  }
  return { total, list };
}

export const REMOVE_DOC_INPUT = BIND_DOC_INPUT;

/** 14 `/openapi/doc/removeDoc`: unbinds the document from this room only; it stays in the account (and in other rooms). */
export async function removeDoc(ctx: WithInput<BaijiayunContext, typeof REMOVE_DOC_INPUT>) {
  const room = await roomByNumber(ctx, ctx.input.room_id);
  const doc = await accountDocument(ctx, ctx.input.fid);
  if (!(await ctx.services.media.detachDocument(room, doc))) throw new ParamProblem('fid', 'out_of_range', `fid ${doc.id} is not in room ${room.numeric_id}`);
  return { fid: String(doc.id) };
}

export const PLAYBACK_PDF_INPUT = In.object({
  room_id: ROOM_ID(),
  date: In.optional(DATE('The class day; required for long-term rooms')),
});

/**
 * 43 `/openapi/room_data/getPlaybackPdfPath` (pro): the PDFs that a room's PPTs were converted
 * to for playback. Lectern does not convert documents yet, so no PDF exists and the list is
 * empty, as the vendor answers for a room whose PPTs have no PDF; the room and date are still checked.
 */
export async function getPlaybackPdfPath(ctx: WithInput<BaijiayunContext, typeof PLAYBACK_PDF_INPUT>) {
  requireFeature(ctx, 'pro');
  const room = await roomByNumber(ctx, ctx.input.room_id);
  classDay(ctx, room, ctx.input.date);
  return { list: [], total: 0 };
}

export const UPLOAD_H5_INPUT = In.object({
  room_id: In.optional(ROOM_ID()),
  h5_doc_url: In.string({ max: 2000, pattern: '^https?://\\S+$', description: 'The H5 courseware address (https:// advised)', examples: ['https://example.com/course/index.html'] }),
});

/** 56 `/openapi/doc/uploadH5ByUrl`: H5 courseware kept by its address (named by it), bound to `room_id` when given. */
export async function uploadH5ByUrl(ctx: WithInput<BaijiayunContext, typeof UPLOAD_H5_INPUT>) {
  requireFeature(ctx, 'h5', 'H5 courseware (doc/uploadH5ByUrl)');
  const url = ctx.input.h5_doc_url;
  const room = ctx.input.room_id === undefined ? null : await roomByNumber(ctx, ctx.input.room_id);
  const at = Date.now();
  const { document, bindId } = await ctx.services.transaction(async (tx) => {
    const doc = await tx.media.createDocument({ tenantId: ctx.tenant.id, name: url, source: 'api', url, mime: H5_MIME, properties: { h5: true }, at });
    return { document: doc, bindId: room ? (await tx.media.bindDocument(room, doc, at)).bindId : null };
  });
  return bindId === null ? { fid: document.id, name: document.name } : { fid: document.id, name: document.name, bind_id: bindId };
}
