import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobStore, BlobTooLarge } from './blob-store.js';

const TENANT = 'a'.repeat(32);
let root: string;
let store: BlobStore;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-blobs-'));
  store = BlobStore.forDataDir(root);
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

/** Every file under the store, as paths relative to it. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe('BlobStore', () => {
  it('stores a stream under the tenant with its size and SHA-256, and reads it back', async () => {
    const content = Buffer.from('幻灯片'.repeat(1000));
    const blob = await store.put(TENANT, Readable.from([content.subarray(0, 100), content.subarray(100)]), { maxBytes: 1 << 20 });
    expect(blob.path).toMatch(new RegExp(`^${TENANT}/\\d{6}/[0-9a-f]{32}$`));
    expect(blob.size).toBe(content.length);
    expect(blob.sha256).toBe(createHash('sha256').update(content).digest('hex'));
    expect(await readAll(store.open(blob.path))).toEqual(content);
    expect(filesUnder(store.root)).toEqual([path.join(...blob.path.split('/'))]);
  });

  it('refuses a stream over the limit and keeps nothing of it', async () => {
    await expect(store.put(TENANT, Readable.from([Buffer.alloc(600), Buffer.alloc(600)]), { maxBytes: 1000 })).rejects.toBeInstanceOf(BlobTooLarge);
    expect(filesUnder(store.root)).toEqual([]);
  });

  it('keeps nothing of a stream that breaks off', async () => {
    const broken = new Readable({ read() {} });
    broken.push(Buffer.alloc(100));
    setTimeout(() => broken.destroy(new Error('client went away')), 5);
    await expect(store.put(TENANT, broken, { maxBytes: 1000 })).rejects.toThrow('client went away');
    expect(filesUnder(store.root)).toEqual([]);
  });

  it('survives a stream that breaks off before it is read (while the scratch directory is made)', async () => {
    const broken = new Readable({ read() {} });
    const put = store.put(TENANT, broken, { maxBytes: 1000 });
    broken.destroy(new Error('gone at once'));
    await expect(put).rejects.toThrow('gone at once');
    expect(filesUnder(store.root)).toEqual([]);
  });

  it('spools before the tenant is known; discard removes what was not committed', async () => {
    const kept = await store.spool(Readable.from([Buffer.from('kept')]), { maxBytes: 10 });
    const dropped = await store.spool(Readable.from([Buffer.from('dropped')]), { maxBytes: 10 });
    const blob = await store.commit(TENANT, kept);
    await store.discard(dropped);
    await store.discard(kept);
    expect(filesUnder(store.root)).toEqual([path.join(...blob.path.split('/'))]);
  });

  it('deletes a blob (twice is harmless) and accepts only its own keys', async () => {
    const blob = await store.put(TENANT, Readable.from([Buffer.from('x')]), { maxBytes: 10 });
    await store.delete(blob.path);
    await store.delete(blob.path);
    expect(filesUnder(store.root)).toEqual([]);
    expect(() => store.open('../../etc/passwd')).toThrow(/not a blob key/);
    await expect(store.delete(`${TENANT}/202401/../../x`)).rejects.toThrow(/not a blob key/);
    await expect(store.commit('../x', { tempPath: '/tmp/none', size: 0, sha256: '' })).rejects.toThrow(/not a tenant id/);
  });
});
