import type { FastifyRequest } from 'fastify';
import type { Multipart } from '@fastify/multipart';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BlobTooLarge, type BlobStore, type SpooledBlob } from '../../storage/blobs/blob-store.js';
import { ParamProblem } from './params.js';
import type { FileRule } from './input.js';

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
  /** The file fields the endpoint takes, with their rules; other file parts are read and thrown away. */
  accept: ReadonlyMap<string, FileRule>;
  store: BlobStore;
  /** The server's limit for any one file. */
  maxFileBytes: number;
}

/** Lectern could not store a received file (a full disk, say): the client is not at fault. */
export class UploadFailed extends Error {
  constructor(readonly field: string, cause: unknown) {
    super(`${field} could not be stored`, { cause });
    this.name = 'UploadFailed';
  }
}

const extensionOf = (fileName: string) => {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
};

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
  let limit = opts.maxFileBytes;
  try {
    // One byte over the limit lets the store see (and refuse) an oversized file itself.
    for await (const part of req.parts({ limits: { fileSize: opts.maxFileBytes + 1 } }) as AsyncIterable<Multipart>) {
      current = part.fieldname;
      const rule = opts.accept.get(part.fieldname);
      if (part.type === 'field') {
        if (part.valueTruncated) throw new ParamProblem(part.fieldname, 'too_long', `${part.fieldname} is too long`);
        pairs.push([part.fieldname, typeof part.value === 'string' ? part.value : JSON.stringify(part.value)]);
      } else if (rule && !files.has(part.fieldname)) {
        const fileName = part.filename ?? '';
        // The name is checked before a byte of the file is stored.
        if (rule.extensions && !rule.extensions.includes(extensionOf(fileName))) {
          throw new ParamProblem(part.fieldname, 'malformed', `${part.fieldname} must be a ${rule.extensions.join(' ')} file, got "${fileName}"`);
        }
        limit = Math.min(rule.maxBytes ?? opts.maxFileBytes, opts.maxFileBytes);
        let spooled: SpooledBlob;
        try {
          spooled = await opts.store.spool(part.file, { maxBytes: limit });
        } catch (err) {
          // The store's own failures (a full disk) are Lectern's; a stream that broke off or ran over is the client's.
          if (err instanceof BlobTooLarge || (err as { code?: string }).code?.startsWith('FST_') || isBrokenBody(err)) throw err;
          throw new UploadFailed(part.fieldname, err);
        }
        files.set(part.fieldname, { field: part.fieldname, fileName, mimeType: part.mimetype, spooled });
        if (part.file.truncated) throw tooLarge(part.fieldname, limit);
      } else if (rule) {
        throw new ParamProblem(part.fieldname, 'malformed', `send one file in ${part.fieldname}`);
      } else {
        await pipeline(part.file, sink());
      }
    }
  } catch (err) {
    // The rest of the body is read and dropped, so the answer can go out and a kept-alive connection
    // serves the next request (an abandoned, paused body would hold it until the client gives up).
    req.raw.unpipe();
    req.raw.resume();
    await release();
    if (err instanceof ParamProblem || err instanceof UploadFailed) throw err;
    if (err instanceof BlobTooLarge || (err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(current, limit);
    if ((err as { statusCode?: number }).statusCode !== undefined && (err as { statusCode: number }).statusCode < 500) {
      throw new ParamProblem('body', 'malformed', `the multipart body could not be read: ${(err as Error).message}`);
    }
    // busboy's own parse errors (a body cut off, a broken boundary) carry no status code.
    if (isBrokenBody(err)) {
      throw new ParamProblem('body', 'malformed', `the multipart body is incomplete or malformed: ${err.message}`);
    }
    throw err;
  }
  return { pairs, files, release };
}

function isBrokenBody(err: unknown): err is Error {
  return err instanceof Error && /multipart|form|boundary|terminated|premature|aborted/i.test(err.message);
}
