import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** How much one blob may hold. */
export interface BlobLimits {
  maxBytes: number;
}

/** A stored blob: `path` is its key within the store (relative, never absolute). */
export interface StoredBlob {
  path: string;
  size: number;
  /** Lowercase hex SHA-256 of the content. */
  sha256: string;
}

/** Content written to the store's scratch area and not yet given to a tenant (see `spool`). */
export interface SpooledBlob {
  readonly tempPath: string;
  readonly size: number;
  readonly sha256: string;
}

/** The stream held more than the limit allows; nothing was kept. */
export class BlobTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`the file is larger than ${maxBytes} bytes`);
    this.name = 'BlobTooLarge';
  }
}

const TENANT = /^[0-9a-f]{32}$/;
const KEY = /^[0-9a-f]{32}\/\d{6}\/[0-9a-f]{32}$/;
const SCRATCH = '.incoming';

/**
 * Uploaded files on local disk under one root (`LECTERN_DATA/blobs`): `<tenant>/<yyyymm>/<random>`.
 * Content is first written to a scratch file and renamed into place only once it has arrived whole
 * and within the limit, so a half-received or oversized upload never leaves a blob behind.
 */
export class BlobStore {
  constructor(readonly root: string) {}

  static forDataDir(dataDir: string): BlobStore {
    return new BlobStore(path.join(dataDir, 'blobs'));
  }

  /** Stores the stream for the tenant. */
  async put(tenantId: string, stream: Readable, limits: BlobLimits): Promise<StoredBlob> {
    return this.commit(tenantId, await this.spool(stream, limits));
  }

  /**
   * Writes the stream to a scratch file, hashing and counting as it goes. For uploads that arrive
   * before the caller (and so the tenant) is known; `commit` or `discard` it afterwards.
   */
  async spool(stream: Readable, limits: BlobLimits): Promise<SpooledBlob> {
    // The client may break off while the scratch directory is made, before pipeline listens:
    // an 'error' with no listener would take the whole process down.
    let early: Error | undefined;
    const remember = (err: Error) => void (early ??= err);
    stream.on('error', remember);
    const dir = path.join(this.root, SCRATCH);
    try {
      await fs.promises.mkdir(dir, { recursive: true });
    } finally {
      stream.off('error', remember);
    }
    if (early) throw early;
    const tempPath = path.join(dir, randomBytes(16).toString('hex'));
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > limits.maxBytes) return done(new BlobTooLarge(limits.maxBytes));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    const file = fs.createWriteStream(tempPath, { flags: 'wx' });
    try {
      await pipeline(stream, meter, file);
    } catch (err) {
      // The file may still be opening when the stream fails: remove it once it is closed, or it would reappear.
      if (!file.closed) await new Promise<void>((resolve) => file.once('close', () => resolve()));
      await removeFile(tempPath);
      throw err;
    }
    return { tempPath, size, sha256: hash.digest('hex') };
  }

  /** Moves spooled content into the tenant's part of the store. */
  async commit(tenantId: string, spooled: SpooledBlob): Promise<StoredBlob> {
    if (!TENANT.test(tenantId)) throw new Error(`not a tenant id: "${tenantId}"`);
    const d = new Date();
    const month = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    const key = `${tenantId}/${month}/${randomBytes(16).toString('hex')}`;
    const target = this.file(key);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    await fs.promises.rename(spooled.tempPath, target);
    return { path: key, size: spooled.size, sha256: spooled.sha256 };
  }

  /** Drops spooled content that was not committed (committed content is left alone). */
  async discard(spooled: SpooledBlob): Promise<void> {
    await removeFile(spooled.tempPath);
  }

  open(key: string): Readable {
    return fs.createReadStream(this.file(key));
  }

  /** Removes a blob; removing one that is gone already is not an error. */
  async delete(key: string): Promise<void> {
    await removeFile(this.file(key));
  }

  /** The file of a key; keys are checked so that none can name a file outside the store. */
  private file(key: string): string {
    if (!KEY.test(key)) throw new Error(`not a blob key: "${key}"`);
    return path.join(this.root, ...key.split('/'));
  }
}

async function removeFile(file: string): Promise<void> {
  await fs.promises.rm(file, { force: true });
}
