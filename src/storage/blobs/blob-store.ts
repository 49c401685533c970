import type { Readable } from 'node:stream';

/**
 * Where uploaded files live. A file is first staged (streamed in, measured and checksummed, never
 * held in memory), then either committed under its tenant, or discarded. Nothing half-received is
 * ever committed: a stream that fails or runs over its limit leaves no staged file behind.
 */
export interface BlobStore {
  /** Streams `source` into a staging file; refuses (and removes) it past `maxBytes`. */
  stage(source: Readable, opts: { maxBytes: number }): Promise<StagedBlob>;
  /** A committed file's content. */
  read(key: string): Readable;
  /** Whether a committed file exists. */
  exists(key: string): Promise<boolean>;
  /** Removes a committed file; removing a missing one is harmless. */
  remove(key: string): Promise<void>;
}

export interface StagedBlob {
  readonly size: number;
  /** Lowercase hex. */
  readonly sha256: string;
  /**
   * Moves the file under the tenant and returns its key. `extension` (with the dot, e.g. `.pdf`)
   * ends the stored name so tools can tell what it is.
   */
  commit(tenantId: string, extension: string): Promise<string>;
  /** Removes the staged file (after a commit, does nothing). */
  discard(): Promise<void>;
}

/** The source had more bytes than allowed; nothing was kept. */
export class BlobTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`the file is larger than ${maxBytes} bytes`);
    this.name = 'BlobTooLarge';
  }
}
