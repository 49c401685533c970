import path from 'node:path';
import type { BlobStore } from './blob-store.js';
import { FileBlobStore } from './file-blob-store.js';

export { BlobTooLarge, type BlobStore, type StagedBlob } from './blob-store.js';
export { FileBlobStore } from './file-blob-store.js';

/** The blob store of a data directory: files under `<dataDir>/blobs`. */
export function blobStoreFor(dataDir: string): BlobStore {
  return new FileBlobStore(path.join(dataDir, 'blobs'));
}
