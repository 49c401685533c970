import path from 'node:path';
import type { FastifyRequest } from 'fastify';
import { BlobTooLarge, type BlobStore, type StagedBlob } from '../../storage/blobs/index.js';
import { ParamProblem } from './params.js';

/** A file parameter an endpoint takes (a multipart part with a file name). */
export interface UploadRule {
  /** Accepted file name extensions, lowercase, with the dot (`.pdf`). */
  extensions: readonly string[];
  /** Largest accepted file; the server's LECTERN_MAX_UPLOAD_BYTES caps it further. */
  maxBytes?: number;
  /** For the documents: the endpoint refuses a request without this file. */
  required?: boolean;
  description?: string;
}

/** A received file, staged: the handler commits it (or it is discarded when the request ends). */
export interface Upload {
  field: string;
  /** The file name the client sent, without any directory part. */
  fileName: string;
  /** Lowercase, with the dot; `''` when the name has none. */
  extension: string;
  mimeType: string;
  blob: StagedBlob;
}

/** Lectern could not store a received file (a full disk, say): the client is not at fault. */
export class UploadFailed extends Error {
  constructor(readonly field: string, cause: unknown) {
    super(`${field} could not be stored`, { cause });
    this.name = 'UploadFailed';
  }
}

/** What a multipart body held: its text fields (they take part in signatures) and its staged files. */
export interface MultipartBody {
  fields: Array<[string, string]>;
  uploads: Map<string, Upload>;
  /** Removes every staged file no handler committed. */
  discard(): Promise<void>;
}

const MAX_FIELDS = 1000;
const MAX_FIELD_BYTES = 1024 * 1024;

const baseName = (name: string) => name.split(/[\\/]/).pop() ?? '';

function isClientFault(err: unknown): boolean {
  const status = (err as { statusCode?: unknown })?.statusCode;
  if (typeof status === 'number') return status < 500;
  const message = err instanceof Error ? err.message : '';
  // busboy's words for a body that stopped before its closing boundary.
  return /unexpected end|terminated early|premature close|aborted/i.test(message);
}

/**
 * Reads a multipart body as it arrives. Text fields are kept; each file an endpoint declares is
 * checked by name before a byte of it is stored, then streamed into staging up to its limit, so
 * nothing is ever buffered whole. A file breaking its rule refuses the request at once (the body
 * cannot be read further anyway). Files the endpoint does not take are read and dropped. When
 * anything fails, every file staged so far is removed: a half-received upload leaves nothing.
 */
export async function readMultipart(req: FastifyRequest, rules: Readonly<Record<string, UploadRule>> = {}, blobs: BlobStore, serverMaxBytes: number): Promise<MultipartBody> {
  const uploads = new Map<string, Upload>();
  const discard = async () => {
    await Promise.all([...uploads.values()].map((u) => u.blob.discard()));
  };
  const limitOf = (rule: UploadRule) => Math.min(rule.maxBytes ?? serverMaxBytes, serverMaxBytes);
  const largest = Math.max(0, ...Object.values(rules).map(limitOf));
  const fields: Array<[string, string]> = [];
  try {
    // One byte past the largest limit lets the stager see that a file is too large.
    const parts = req.parts({ limits: { fileSize: largest + 1, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES, files: MAX_FIELDS }, throwFileSizeLimit: false } as Parameters<FastifyRequest['parts']>[0]);
    for await (const part of parts) {
      if (part.type === 'field') {
        if (part.valueTruncated) throw new ParamProblem(part.fieldname, 'too_long', `${part.fieldname} must be at most ${MAX_FIELD_BYTES} bytes`);
        fields.push([part.fieldname, typeof part.value === 'string' ? part.value : JSON.stringify(part.value)]);
        continue;
      }
      const rule = Object.hasOwn(rules, part.fieldname) ? rules[part.fieldname] : undefined;
      if (!rule) {
        part.file.resume();
        continue;
      }
      if (uploads.has(part.fieldname)) throw new ParamProblem(part.fieldname, 'malformed', `${part.fieldname} takes one file`);
      const fileName = baseName(part.filename ?? '');
      const extension = path.extname(fileName).toLowerCase();
      if (!rule.extensions.includes(extension)) {
        throw new ParamProblem(part.fieldname, 'malformed', `${part.fieldname} must be a ${rule.extensions.join(' ')} file, got "${fileName}"`);
      }
      const max = limitOf(rule);
      let blob: StagedBlob;
      try {
        blob = await blobs.stage(part.file, { maxBytes: max });
      } catch (err) {
        if (err instanceof BlobTooLarge) throw new ParamProblem(part.fieldname, 'too_long', `${part.fieldname} must be at most ${max} bytes`);
        if (isClientFault(err)) throw new ParamProblem(part.fieldname, 'malformed', `${part.fieldname} was not received completely`);
        throw new UploadFailed(part.fieldname, err);
      }
      if (blob.size === 0) {
        await blob.discard();
        throw new ParamProblem(part.fieldname, 'missing', `${part.fieldname} is empty`);
      }
      uploads.set(part.fieldname, { field: part.fieldname, fileName, extension, mimeType: part.mimetype, blob });
    }
  } catch (err) {
    // The rest of the body is read and dropped, so the answer can go out and the connection stays usable.
    req.raw.unpipe();
    req.raw.resume();
    await discard();
    if (err instanceof ParamProblem || err instanceof UploadFailed) throw err;
    if (isClientFault(err)) throw new ParamProblem('body', 'malformed', `the multipart body is malformed: ${err instanceof Error ? err.message : String(err)}`);
    throw err;
  }
  return { fields, uploads, discard };
}
