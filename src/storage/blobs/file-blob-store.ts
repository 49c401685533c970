import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BlobTooLarge, type BlobStore, type StagedBlob } from './blob-store.js';

const STAGING = '.staging';
const SAFE_SEGMENT = /^[A-Za-z0-9_-]{1,64}$/;
const SAFE_EXTENSION = /^(\.[A-Za-z0-9]{1,10})?$/;
const KEY = /^[A-Za-z0-9_-]{1,64}\/\d{6}\/[0-9a-f]{32}(\.[A-Za-z0-9]{1,10})?$/;

/**
 * Files under one root directory: `<root>/<tenant>/<yyyymm>/<random><ext>`, staged in
 * `<root>/.staging` on the same file system so a commit is one atomic rename.
 */
export class FileBlobStore implements BlobStore {
  constructor(readonly root: string) {}

  async stage(source: Readable, opts: { maxBytes: number }): Promise<StagedBlob> {
    const dir = path.join(this.root, STAGING);
    await fs.mkdir(dir, { recursive: true });
    const file = path.join(dir, randomBytes(16).toString('hex'));
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > opts.maxBytes) return done(new BlobTooLarge(opts.maxBytes));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, createWriteStream(file, { flags: 'wx' }));
    } catch (err) {
      await fs.rm(file, { force: true });
      throw err;
    }
    return new StagedFile(this, file, size, hash.digest('hex'));
  }

  read(key: string): Readable {
    return createReadStream(this.pathOf(key));
  }

  async exists(key: string): Promise<boolean> {
    return fs.access(this.pathOf(key)).then(() => true, () => false);
  }

  async remove(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }

  /** The file of a key; keys are checked so no key can name a path outside the root. */
  pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`not a blob key: "${key}"`);
    return path.join(this.root, ...key.split('/'));
  }

  /** Commits a staged file (see StagedFile.commit). */
  async place(staged: string, tenantId: string, extension: string, now = new Date()): Promise<string> {
    if (!SAFE_SEGMENT.test(tenantId)) throw new Error(`tenant id "${tenantId}" cannot name a directory`);
    if (!SAFE_EXTENSION.test(extension)) throw new Error(`extension "${extension}" cannot end a file name`);
    const month = `${now.getUTCFullYear()}${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    const key = `${tenantId}/${month}/${randomBytes(16).toString('hex')}${extension.toLowerCase()}`;
    const target = this.pathOf(key);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.rename(staged, target);
    return key;
  }
}

class StagedFile implements StagedBlob {
  private state: 'staged' | 'committed' | 'discarded' = 'staged';

  constructor(private readonly store: FileBlobStore, private readonly file: string, readonly size: number, readonly sha256: string) {}

  async commit(tenantId: string, extension: string): Promise<string> {
    if (this.state !== 'staged') throw new Error(`a ${this.state} file cannot be committed`);
    const key = await this.store.place(this.file, tenantId, extension);
    this.state = 'committed';
    return key;
  }

  async discard(): Promise<void> {
    if (this.state !== 'staged') return;
    this.state = 'discarded';
    await fs.rm(this.file, { force: true });
  }
}
