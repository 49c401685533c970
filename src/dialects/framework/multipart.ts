import type { FastifyRequest } from 'fastify';
import type { Multipart } from '@fastify/multipart';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BlobTooLarge, type BlobStore, type SpooledBlob } from '../../storage/blobs/blob-store.js';
import { ParamProblem } from './params.js';

/** A file part of a multipart request, spooled to disk until a handler stores it (or the request ends). */
export interface UploadedFile {
  /** The form field that carried it. */
  field: string;
  /** The file name the client gave (may be empty). */
  fileName: string;
  mimeType: string;
  spooled: SpooledBlob;
}

/** A multipart body read whole: its text fields as parameters, its accepted files spooled. */
export interface MultipartBody {
  pairs: Array<[string, string]>;
  files: ReadonlyMap<string, UploadedFile>;
  /** Drops the spooled files that no handler committed; call when the request is done. */
  release(): Promise<void>;
}

export interface MultipartOptions {
  /** Field names whose file parts the endpoint takes; other file parts are read and thrown away. */
  accept: ReadonlySet<string>;
  store: BlobStore;
  maxFileBytes: number;
}

/** Where file parts nobody takes are read to. */
const sink = () => new Writable({ write: (_chunk, _enc, done) => done() });

function tooLarge(field: string, maxBytes: number): ParamProblem {
  return new ParamProblem(field, 'too_long', `${field} must be at most ${maxBytes} bytes`);
}

/**
 * Reads a multipart/form-data body: text fields become parameters, like a form's (clients such as
 * PHP's curl send every form this way), and file parts the endpoint accepts are spooled to disk
 * within the size limit. A body that breaks off, or a file over the limit, leaves nothing behind.
 */
export async function readMultipart(req: FastifyRequest, opts: MultipartOptions): Promise<MultipartBody> {
  const pairs: Array<[string, string]> = [];
  const files = new Map<string, UploadedFile>();
  const release = async () => {
    for (const f of files.values()) await opts.store.discard(f.spooled);
  };
  let current = 'body';
  try {
    // One byte over the limit lets the store see (and refuse) an oversized file itself.
    for await (const part of req.parts({ limits: { fileSize: opts.maxFileBytes + 1 } }) as AsyncIterable<Multipart>) {
      current = part.fieldname;
      if (part.type === 'field') {
        if (part.valueTruncated) throw new ParamProblem(part.fieldname, 'too_long', `${part.fieldname} is too long`);
        pairs.push([part.fieldname, typeof part.value === 'string' ? part.value : JSON.stringify(part.value)]);
      } else if (opts.accept.has(part.fieldname) && !files.has(part.fieldname)) {
        const spooled = await opts.store.spool(part.file, { maxBytes: opts.maxFileBytes });
        files.set(part.fieldname, { field: part.fieldname, fileName: part.filename ?? '', mimeType: part.mimetype, spooled });
        if (part.file.truncated) throw tooLarge(part.fieldname, opts.maxFileBytes);
      } else if (opts.accept.has(part.fieldname)) {
        throw new ParamProblem(part.fieldname, 'malformed', `send one file in ${part.fieldname}`);
      } else {
        await pipeline(part.file, sink());
      }
    }
  } catch (err) {
    await release();
    if (err instanceof ParamProblem) throw err;
    if (err instanceof BlobTooLarge || (err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(current, opts.maxFileBytes);
    if ((err as { statusCode?: number }).statusCode !== undefined && (err as { statusCode: number }).statusCode < 500) {
      throw new ParamProblem('body', 'malformed', `the multipart body could not be read: ${(err as Error).message}`);
    }
    // busboy's own parse errors (a body cut off, a broken boundary) carry no status code.
    if (err instanceof Error && /multipart|form|boundary|terminated/i.test(err.message)) {
      throw new ParamProblem('body', 'malformed', `the multipart body is incomplete or malformed: ${err.message}`);
    }
    throw err;
  }
  return { pairs, files, release };
}
