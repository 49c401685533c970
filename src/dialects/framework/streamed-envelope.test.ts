import { describe, expect, it } from 'vitest';
import { primeStreams, StreamedList, streamedJson, streamedList, streamedListMark } from './streamed-envelope.js';

async function* chunksOf<T>(...chunks: T[][]): AsyncGenerator<T[]> {
  for (const c of chunks) yield c;
}

async function text(body: unknown): Promise<string> {
  let out = '';
  for await (const piece of streamedJson(body, () => undefined)) out += String(piece);
  return out;
}

describe('streamedJson', () => {
  it('writes exactly the bytes JSON.stringify gives for the same body with plain arrays', async () => {
    const items = [{ a: 1, b: undefined, c: 'q"\\\u2028\u0000' }, { a: 2, nested: [1, { x: null }] }, { a: 3 }];
    const body = (list: unknown, other: unknown) => ({ code: 0, msg: '', data: { list, other, page: { n: 1 } }, ts: 5 });
    const expected = JSON.stringify(body(items, [undefined, 'x']));
    expect(await text(body(new StreamedList(chunksOf([items[0]], [], [items[1], items[2]])), new StreamedList(chunksOf([undefined, 'x']))))).toBe(expected);
    expect(await text({ list: new StreamedList(chunksOf()) })).toBe('{"list":[]}');
    expect(await text({ data: streamedList(chunksOf([1, 2], [3]), (rows) => rows.map((r) => r * 10)), extra: 'tail' })).toBe('{"data":[10,20,30],"extra":"tail"}');
  });

  it('reads the first chunk before the first byte, so its failure can still be answered as an error', async () => {
    let reads = 0;
    const failing = new StreamedList((async function* () {
      reads++;
      yield [1];
      throw new Error('second chunk failed');
    })());
    await primeStreams({ data: { list: failing } });
    expect(reads).toBe(1);
    const failsAtOnce: AsyncIterable<number[]> = { [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error('first query failed')) }) };
    await expect(primeStreams({ list: new StreamedList(failsAtOnce) })).rejects.toThrow('first query failed');
    expect(await primeStreams({ list: [1, 2] })).toBe(false);
    // With a mark taken before the body was made: no list made since means none to find; one made means search.
    const mark = streamedListMark();
    expect(await primeStreams({ list: [1, 2] }, mark)).toBe(false);
    expect(await primeStreams({ data: { list: new StreamedList((async function* () { yield [1]; })()) } }, mark)).toBe(true);
    // A failure after the first byte cuts the stream short and is reported.
    const errors: unknown[] = [];
    const stream = streamedJson({ list: failing }, (err) => errors.push(err));
    const received: string[] = [];
    await expect((async () => { for await (const piece of stream) received.push(String(piece)); })()).rejects.toThrow('second chunk failed');
    expect(received.join('')).toBe('{"list":[1');
    expect(errors).toHaveLength(1);
  });
});
