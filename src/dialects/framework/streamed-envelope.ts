import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { setImmediate as turn } from 'node:timers/promises';

/**
 * A list that an answer writes while it reads it, a chunk at a time, instead of holding it whole.
 * A handler puts one wherever its envelope has the list (`{ list: new StreamedList(chunks) }`,
 * `{ data: … }`); the dialect's envelope wraps the payload as usual, and the framework writes the
 * envelope around the streamed items, so every dialect streams by the same mechanism.
 *
 * The first chunk is read before the answer's first byte (`prime`), so a failure of the first query
 * is still answered in the dialect's error envelope with its status; a failure after that can only
 * cut the answer short (the status has left), which the framework logs.
 */
export class StreamedList<T = unknown> {
  private readonly iterator: AsyncIterator<readonly T[]>;
  private first: IteratorResult<readonly T[]> | undefined;

  constructor(chunks: AsyncIterable<readonly T[]>) {
    this.iterator = chunks[Symbol.asyncIterator]();
    listsMade++;
  }

  /** Reads the first chunk now (see the class comment). */
  async prime(): Promise<void> {
    this.first ??= await this.iterator.next();
  }

  async *chunks(): AsyncGenerator<readonly T[]> {
    let next = this.first ?? await this.iterator.next();
    this.first = undefined;
    while (!next.done) {
      yield next.value;
      next = await this.iterator.next();
    }
  }

  /** Every item at once: for callers that need the whole list in memory (tests, small lists). */
  async toArray(): Promise<T[]> {
    const out: T[] = [];
    for await (const chunk of this.chunks()) out.push(...chunk);
    return out;
  }
}

/** Items mapped chunk by chunk; `map` may look things up once per chunk (names, public ids). */
export function streamedList<R, T>(chunks: AsyncIterable<readonly R[]>, map: (rows: readonly R[]) => T[] | Promise<T[]>): StreamedList<T> {
  return new StreamedList((async function* mapped() {
    for await (const rows of chunks) yield await map(rows);
  })());
}

/** How deep in an answer body a streamed list may sit (envelopes put lists at depth 1 or 2). */
const MAX_DEPTH = 4;

/** The streamed lists of an answer body, found wherever the envelope put them (not inside plain arrays: a list of lists is not streamed). */
function listsIn(value: unknown, found: StreamedList[] = [], depth = 0): StreamedList[] {
  if (value instanceof StreamedList) found.push(value);
  else if (depth < MAX_DEPTH && value && typeof value === 'object' && !Array.isArray(value)) {
    for (const v of Object.values(value)) listsIn(v, found, depth + 1);
  }
  return found;
}

/** Streamed lists made by this process so far: see `streamedListMark`. */
let listsMade = 0;

/**
 * A mark to take before a handler runs: if no streamed list was made since (by it or by anyone),
 * its answer holds none and `primeStreams` need not search the body.
 */
export function streamedListMark(): number {
  return listsMade;
}

/**
 * Reads the first chunk of every streamed list of the body (see `StreamedList.prime`); false when
 * there is none. `mark`, from `streamedListMark` before the body was made, spares the search of
 * every plain answer's body.
 */
export async function primeStreams(body: unknown, mark?: number): Promise<boolean> {
  if (mark === listsMade) return false;
  const lists = listsIn(body);
  for (const list of lists) await list.prime();
  return lists.length > 0;
}

/**
 * The body as JSON text, streamed: exactly the bytes `JSON.stringify(body)` would give if every
 * streamed list were a plain array. The envelope is serialized once with a one-off marker where
 * each list goes; the text between markers is written as is, and each list as `[`, its items
 * chunk by chunk, `]`. Between chunks the event loop turns, so other requests are answered while
 * a large export is written, and only one chunk is held in memory at a time.
 */
export function streamedJson(body: unknown, onError: (err: unknown) => void): Readable {
  const marker = `\u0000stream:${randomUUID()}:`;
  const lists: StreamedList[] = [];
  const text = JSON.stringify(body, (_key, value: unknown) => {
    if (!(value instanceof StreamedList)) return value;
    lists.push(value);
    return `${marker}${lists.length - 1}`;
  });
  const parts = text.split(new RegExp(`"${JSON.stringify(marker).slice(1, -1).replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}\\d+"`));
  async function* pieces(): AsyncGenerator<string> {
    try {
      yield parts[0];
      for (let i = 0; i < lists.length; i++) {
        yield '[';
        let first = true;
        for await (const chunk of lists[i].chunks()) {
          if (chunk.length === 0) continue;
          // An array element that JSON cannot show (undefined, a function) is `null`, as in JSON.stringify.
          const items = chunk.map((item) => JSON.stringify(item) ?? 'null').join(',');
          yield first ? items : `,${items}`;
          first = false;
          await turn();
        }
        yield `]${parts[i + 1]}`;
      }
    } catch (err) {
      onError(err);
      throw err;
    }
  }
  return Readable.from(pieces(), { objectMode: false });
}
