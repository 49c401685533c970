import path from 'node:path';
import type { ConversionCallback, ConversionSource } from '../../../core/conversions.js';
import { BlobStore, type StoredBlob } from '../../../storage/blobs/blob-store.js';
import type { WithInput } from '../../framework/dialect.js';
import { In } from '../../framework/input.js';
import type { UploadedFile } from '../../framework/multipart.js';
import { ParamProblem } from '../../framework/params.js';
import type { TrainingContext } from '../context.js';
import { coursewareUrl } from '../courseware-view.js';

/** What the converters take (a file of another type fails conversion, so it is refused up front). */
const DOCUMENT_TYPES = new Set(['ppt', 'pptx', 'pps', 'ppsx', 'doc', 'docx', 'xls', 'xlsx', 'pdf', 'txt', 'wps', 'jpg', 'jpeg', 'png', 'bmp', 'gif']);
const MEDIA_TYPES = new Set(['mp4', 'm4v', 'flv', 'f4v', 'mov', 'avi', 'wmv', 'mkv', 'webm', 'mpg', 'mpeg', 'ts', '3gp', 'rm', 'rmvb', 'mp3', 'wav', 'wma', 'aac', 'm4a', 'ogg']);
const dotted = (types: ReadonlySet<string>) => [...types].map((t) => `.${t}`);

const URL_MAX = 2000;
// Not In.url: GET callers encode resourceUrl twice (5.27), which httpUrl below undoes.
const resourceUrl = (description: string) => In.optional(In.string({ max: URL_MAX, description }));
const callbackUrl = () => In.optional(In.url({ max: URL_MAX, description: 'Told by a POST of `gscoursewareId` and `gsstatus` (ok/error) when the conversion ends' }));

export const DOCUMENT_TRANSCODE_INPUT = In.object({
  resourceUrl: resourceUrl('URL of the document (http or https); a `gs_filename` query parameter names the file when the path does not. Required unless `file` is sent'),
  callbackUrl: callbackUrl(),
  name: In.string({ max: 250, description: 'Document name' }),
  convmode: In.optional(In.oneOf([0, 1], { description: '0 vector (default), 1 images' })),
  file: In.optional(In.file({ extensions: dotted(DOCUMENT_TYPES), description: 'Lectern extension: the document itself in a multipart/form-data body, instead of resourceUrl' })),
});

export const MEDIA_TRANSCODE_INPUT = In.object({
  resourceUrl: resourceUrl('URL of the media file (http or https). Required unless `file` is sent'),
  callbackUrl: callbackUrl(),
  name: In.string({ max: 250, description: 'File name' }),
  file: In.optional(In.file({ extensions: dotted(MEDIA_TYPES), description: 'Lectern extension: the media file itself in a multipart/form-data body, instead of resourceUrl' })),
});

/**
 * An http(s) URL as sent. The document asks GET callers to encode the URL twice; the query is
 * decoded once, so a URL that arrives still encoded as a whole (`http%3A%2F%2F…`) is decoded once more.
 */
function httpUrl(name: string, sent: string): URL {
  for (const candidate of [sent, safeDecode(sent)]) {
    try {
      const url = new URL(candidate);
      if (url.protocol === 'http:' || url.protocol === 'https:') return url;
    } catch {
      // not this form; try the next
    }
  }
  throw new ParamProblem(name, 'malformed', `${name} must be an http or https URL, got "${sent.slice(0, 60)}"`);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The file name of a resource URL: `gs_filename` first, else the last path segment (5.27). */
function urlFileName(url: URL): string | null {
  const given = url.searchParams.get('gs_filename')?.trim();
  if (given) return path.basename(given);
  const last = safeDecode(url.pathname.split('/').pop() ?? '').trim();
  return last || null;
}

const extension = (fileName: string) => {
  const ext = path.extname(fileName).slice(1).toLowerCase();
  return ext || null;
};

/**
 * A file name whose type is known must be one the converter takes. A name without an extension is
 * accepted as the vendor accepts it: the worker finds out, and the conversion fails if it cannot.
 */
function checkType(field: string, fileName: string | null, types: ReadonlySet<string>): void {
  const ext = fileName ? extension(fileName) : null;
  if (ext !== null && !types.has(ext)) throw new ParamProblem(field, 'malformed', `${field}: files of type .${ext} cannot be converted (supported: ${[...types].join(', ')})`);
}

interface TranscodeRequest {
  resourceUrl?: string;
  callbackUrl?: string;
  file?: UploadedFile;
}

/** Where the file comes from: the uploaded `file`, or `resourceUrl` for the worker to download. */
function sourceOf(input: TranscodeRequest, types: ReadonlySet<string>): { url: URL; fileName: string | null } | { file: UploadedFile; fileName: string } {
  if (input.file && input.resourceUrl !== undefined) throw new ParamProblem('resourceUrl', 'malformed', 'send resourceUrl or a file, not both');
  // The framework has checked an uploaded file's type against the field's extensions.
  if (input.file) return { file: input.file, fileName: path.basename(input.file.fileName.replace(/\\/g, '/')) };
  if (input.resourceUrl === undefined) throw new ParamProblem('resourceUrl', 'missing', 'resourceUrl is required (or upload the file in a multipart/form-data body as `file`)');
  const url = httpUrl('resourceUrl', input.resourceUrl);
  const fileName = urlFileName(url);
  checkType('resourceUrl', fileName, types);
  return { url, fileName };
}

/** 5.27/5.28's callback: a form POST of the courseware id and ok/error (A-46). */
function callbackOf(input: TranscodeRequest): ConversionCallback | undefined {
  if (input.callbackUrl === undefined) return undefined;
  return { url: input.callbackUrl, idField: 'gscoursewareId', statusField: 'gsstatus', okValue: 'ok', errorValue: 'error' };
}

/**
 * Stores an uploaded file for the tenant and runs `create` with it; if `create` fails, the stored
 * file is removed again, so a refused request keeps neither a file nor a row.
 */
async function withSource<T>(ctx: TrainingContext, src: ReturnType<typeof sourceOf>, create: (source: ConversionSource) => Promise<T>): Promise<T> {
  if (!('file' in src)) return create({ kind: 'url', url: src.url.href, fileName: src.fileName });
  const store = BlobStore.forDataDir(ctx.config.dataDir);
  const blob: StoredBlob = await store.commit(ctx.tenant.id, src.file.spooled);
  try {
    return await create({ kind: 'blob', blob, fileName: src.fileName });
  } catch (err) {
    await store.delete(blob.path);
    throw err;
  }
}

/**
 * 5.27 `/training/courseware/transcode`: accepts a document (by URL, or uploaded) for conversion and
 * answers at once with the courseware and the server document that will hold it. Both report
 * "converting" (5.11 convertResult 0, 5.22 convCode 2) until a media worker has done the job.
 */
export async function transcodeDocument(ctx: WithInput<TrainingContext, typeof DOCUMENT_TRANSCODE_INPUT>) {
  const input = ctx.input;
  const src = sourceOf(input, DOCUMENT_TYPES);
  const callback = callbackOf(input);
  const { vod, document } = await withSource(ctx, src, (source) => ctx.services.conversions.convertDocument({
    tenantId: ctx.tenant.id, ownerUserId: ctx.user.id, name: input.name, source, callback, mode: input.convmode === 1 ? 'image' : 'vector', at: Date.now(),
  }));
  return { coursewareId: vod.public_id, coursewareCode: vod.number, visitUrl: coursewareUrl(ctx, vod), docId: String(document.id) };
}

/** 5.28 `/training/media/transcode`: the same for a media file; it answers with the recording that holds it. */
export async function transcodeMedia(ctx: WithInput<TrainingContext, typeof MEDIA_TRANSCODE_INPUT>) {
  const input = ctx.input;
  const src = sourceOf(input, MEDIA_TYPES);
  const callback = callbackOf(input);
  const { vod, recording } = await withSource(ctx, src, (source) => ctx.services.conversions.convertMedia({
    tenantId: ctx.tenant.id, ownerUserId: ctx.user.id, name: input.name, source, callback, at: Date.now(),
  }));
  return { coursewareId: vod.public_id, coursewareCode: vod.number, visitUrl: coursewareUrl(ctx, vod), recordId: String(recording.id) };
}
