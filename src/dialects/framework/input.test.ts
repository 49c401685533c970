import { describe, expect, it } from 'vitest';
import { decodeInput, EPOCH_SECONDS_COERCION, fieldsOf, In, type InputCoercion } from './input.js';
import { Params, ParamProblem } from './params.js';
import { parsePeriod } from './time.js';

const params = (q: string) => Params.fromPairs(new URLSearchParams(q).entries());
const decode = <S extends Parameters<typeof fieldsOf>[0]>(schema: S, q: string) => decodeInput(schema, params(q), EPOCH_SECONDS_COERCION, 'Asia/Shanghai');

function problem(fn: () => unknown): ParamProblem {
  try {
    fn();
  } catch (err) {
    if (err instanceof ParamProblem) return err;
    throw err;
  }
  throw new Error('expected a ParamProblem');
}

describe('declared input', () => {
  const schema = In.object({
    title: In.string({ max: 5 }),
    page: In.optional(In.int({ min: 1, default: 1 })),
    live: In.optional(In.bool()),
    kind: In.optional(In.oneOf([1, 2, 3])),
    ids: In.optional(In.list()),
    note: In.optional(In.clearableString()),
    at: In.optional(In.time()),
    name: In.optional(In.string({ notEmpty: true })),
  });

  it('decodes text into typed values, applies defaults and leaves absent fields out', () => {
    expect(decode(schema, 'title=abc&live=true&kind=2&ids=a,b&at=100')).toEqual({ title: 'abc', page: 1, live: true, kind: 2, ids: ['a', 'b'], at: 100_000 });
  });

  it('treats k= as absent, except for clearable fields (null) and notEmpty fields (refused)', () => {
    expect(decode(schema, 'title=a&page=&note=')).toEqual({ title: 'a', page: 1, note: null });
    const p = problem(() => decode(schema, 'title=a&name=%20'));
    expect([p.param, p.kind]).toEqual(['name', 'missing']);
  });

  it('names the first bad field in declaration order, with the kind of problem', () => {
    expect([problem(() => decode(schema, 'page=0')).param, problem(() => decode(schema, 'page=0')).kind]).toEqual(['title', 'missing']);
    expect(problem(() => decode(schema, 'title=abcdef')).kind).toBe('too_long');
    expect(problem(() => decode(schema, 'title=a&page=x')).kind).toBe('malformed');
    expect(problem(() => decode(schema, 'title=a&page=0')).kind).toBe('out_of_range');
    expect(problem(() => decode(schema, 'title=a&kind=4')).kind).toBe('out_of_range');
    expect(problem(() => decode(schema, 'title=a&live=maybe')).kind).toBe('malformed');
    expect(problem(() => decode(schema, 'title=a&at=yesterday')).message).toMatch(/at must be a Unix timestamp in seconds/);
  });

  it('lists fields in declaration order with their requiredness', () => {
    expect(fieldsOf(schema).map((f) => `${f.name}${f.required ? '*' : ''}`)).toEqual(['title*', 'page', 'live', 'kind', 'ids', 'note', 'at', 'name']);
  });

  it('refuses a schema field not built with In.*', async () => {
    const { Type } = await import('@sinclair/typebox');
    expect(() => fieldsOf(Type.Object({ x: Type.String() }))).toThrow(/not built with In/);
  });

  it('treats a field with a default as not required, and always decodes it', () => {
    const paged = In.object({ pageNo: In.int({ min: 1, default: 1 }), size: In.int({ min: 1, max: 50, default: 20 }) });
    expect(fieldsOf(paged).map((f) => f.required)).toEqual([false, false]);
    expect(decode(paged, '')).toEqual({ pageNo: 1, size: 20 });
    expect(decode(paged, 'pageNo=&size=7')).toEqual({ pageNo: 1, size: 7 });
    expect(problem(() => decode(paged, 'size=51')).message).toBe('size must be at most 50');
  });
});

describe('aliases', () => {
  const schema = In.object({ id: In.string({ aliases: ['vodId'] }), ids: In.optional(In.list({ aliases: ['Ids'] })) });

  it('reads a value under the first name sent non-empty, the declared name first', () => {
    expect(decode(schema, 'vodId=b')).toEqual({ id: 'b' });
    expect(decode(schema, 'id=a&vodId=b')).toEqual({ id: 'a' });
    expect(decode(schema, 'id=&vodId=b')).toEqual({ id: 'b' });
  });

  it('names the declared field when none of the names is sent', () => {
    expect(problem(() => decode(schema, 'vodId=')).message).toBe('id is required');
  });

  it('merges the items of a list sent under several names', () => {
    expect(decode(schema, 'id=a&ids=1,2&Ids=3')).toEqual({ id: 'a', ids: ['1', '2', '3'] });
  });
});

describe('lists of whole numbers', () => {
  const schema = In.object({ recordId: In.list({ of: 'wholeNumber', maxItems: 3 }) });

  it('decodes every list encoding to numbers', () => {
    expect(decode(schema, 'recordId=1&recordId=2')).toEqual({ recordId: [1, 2] });
    expect(decode(schema, `recordId=${encodeURIComponent('[3,4]')}`)).toEqual({ recordId: [3, 4] });
    expect(decode(schema, 'recordId[1]=6&recordId[0]=5')).toEqual({ recordId: [5, 6] });
  });

  it('refuses an item that is no whole number as a conversion problem, and too many items', () => {
    const p = problem(() => decode(schema, 'recordId=1,x'));
    expect([p.param, p.kind, p.message]).toEqual(['recordId', 'unparseable', 'recordId must be a list of whole numbers, got "x"']);
    expect(problem(() => decode(schema, 'recordId=-1')).kind).toBe('unparseable');
    expect(problem(() => decode(schema, 'recordId=1,2,3,4')).message).toBe('recordId may hold at most 3 items');
    expect(problem(() => decode(schema, 'recordId=')).kind).toBe('missing');
  });
});

describe('lists of records', () => {
  const item = In.object({ url: In.url({ max: 30 }), name: In.optional(In.string({ max: 5 })), rank: In.optional(In.int({ min: 1 })) });
  const schema = In.object({ list: In.records(item, { bare: 'url', maxItems: 4 }) });
  const enc = encodeURIComponent;

  it('takes a JSON array, JSON objects, indexed form fields and bare texts alike', () => {
    const want = { list: [{ url: 'https://a.test/1', name: 'one', rank: 2 }, { url: 'https://a.test/2' }] };
    expect(decode(schema, `list=${enc('[{"url":"https://a.test/1","name":"one","rank":2},{"url":"https://a.test/2"}]')}`)).toEqual(want);
    expect(decode(schema, `list=${enc('{"url":"https://a.test/1","name":"one","rank":"2"}')}&list=${enc('{"url":"https://a.test/2"}')}`)).toEqual(want);
    expect(decode(schema, `list[1][url]=${enc('https://a.test/2')}&list[0][url]=${enc('https://a.test/1')}&list[0][name]=one&list[0][rank]=2`)).toEqual(want);
    expect(decode(schema, `list[0].url=${enc('https://a.test/1')}&list[0].name=one&list[0].rank=2&list=${enc('https://a.test/2')}`).list).toHaveLength(2);
    expect(decode(schema, `list=${enc('https://a.test/1, https://a.test/2')}`)).toEqual({ list: [{ url: 'https://a.test/1' }, { url: 'https://a.test/2' }] });
  });

  it("names the record and its field in a problem, with the field's own kind of problem", () => {
    const bad = (q: string) => problem(() => decode(schema, q));
    expect([bad(`list=${enc('[{"name":"x"}]')}`).param, bad(`list=${enc('[{"name":"x"}]')}`).kind]).toEqual(['list[0].url', 'missing']);
    expect(bad(`list=${enc('[{"url":"https://a.test/1"},{"url":"ftp://a.test"}]')}`).message).toBe('list[1].url must be an absolute http or https URL, got "ftp://a.test"');
    expect(bad(`list=${enc('[{"url":"https://a.test/1","name":"toolong"}]')}`).message).toBe('list[0].name must be at most 5 characters');
    expect(bad(`list=${enc('[{"url":"https://a.test/1","name":{"a":1}}]')}`).message).toBe('list[0].name must be a string');
    expect(bad(`list=${enc('[{"url":"https://a.test/1","rank":0}]')}`).kind).toBe('out_of_range');
    expect(bad(`list=${enc('[7]')}`).message).toBe('list[0] must be an object with a url');
    expect(bad(`list=${enc('[{"url"')}`).kind).toBe('unparseable');
    expect(bad('list=a,b,c,d,e').message).toBe('list may hold at most 4 items');
    expect(bad('other=1').message).toBe('list is required');
  });
});

describe('periods', () => {
  const CC_LIKE: InputCoercion = { ...EPOCH_SECONDS_COERCION, period: (text, zone) => parsePeriod(text, zone), malformedTime: (name) => `${name} must look like 2019-01-02` };
  const schema = In.object({ end: In.period() });
  const zone = 'Asia/Shanghai';

  it('decodes a time to the span it names, at the precision it was sent with', () => {
    const day = decodeInput(schema, params('end=2024-03-01'), CC_LIKE, zone).end;
    expect(day).toEqual({ from: Date.UTC(2024, 1, 29, 16), until: Date.UTC(2024, 2, 1, 16), unit: 'day' });
    expect(decodeInput(schema, params('end=2024-03-01 10:00'), CC_LIKE, zone).end).toEqual({ from: Date.UTC(2024, 2, 1, 2), until: Date.UTC(2024, 2, 1, 2, 1), unit: 'minute' });
    expect(decodeInput(schema, params('end=2024-03-01 10:00:05'), CC_LIKE, zone).end.unit).toBe('second');
  });

  it("names one millisecond where the coercion knows no precision, and uses the dialect's message", () => {
    expect(decode(schema, 'end=100')).toEqual({ end: { from: 100_000, until: 100_001, unit: 'millisecond' } });
    expect(problem(() => decodeInput(schema, params('end=soon'), CC_LIKE, zone)).message).toBe('end must look like 2019-01-02');
  });
});

describe('aliases and records', () => {
  const schema = In.object({
    id: In.string({ max: 4, aliases: ['Id'] }),
    classes: In.optional(In.records(In.object({ clazzName: In.optional(In.string({ max: 3 })), seats: In.optional(In.int({ min: 1 })) }), { bare: 'clazzName', maxItems: 3 })),
  });

  it('accepts a field under its alias, and names the alias it was sent under in problems', () => {
    expect(decode(schema, 'Id=ab')).toEqual({ id: 'ab' });
    expect(decode(schema, 'id=ab&Id=cd')).toEqual({ id: 'ab' });
    expect(problem(() => decode(schema, 'Id=abcdef')).param).toBe('Id');
    expect(problem(() => decode(schema, '')).param).toBe('id');
  });

  it('reads records from a JSON array, JSON objects, bare items and indexed fields, in index order', () => {
    expect(decode(schema, `id=1&classes=${encodeURIComponent('[{"clazzName":"A","seats":2},"B"]')}`).classes).toEqual([{ clazzName: 'A', seats: 2 }, { clazzName: 'B' }]);
    expect(decode(schema, 'id=1&classes[1][clazzName]=B&classes[0].clazzName=A&classes[0].seats=3').classes).toEqual([{ clazzName: 'A', seats: 3 }, { clazzName: 'B' }]);
    expect(decode(schema, `id=1&classes=${encodeURIComponent('{"clazzName":"A"}')}&classes=${encodeURIComponent('{"clazzName":"B"}')}`).classes).toEqual([{ clazzName: 'A' }, { clazzName: 'B' }]);
    expect(decode(schema, 'id=1&classes=').classes).toBeUndefined();
  });

  it('names the item and field of a bad record, refuses unreadable JSON and too many items', () => {
    const p = problem(() => decode(schema, 'id=1&classes[0].clazzName=A&classes[1].clazzName=ABCD'));
    expect([p.param, p.kind, p.message]).toEqual(['classes[1].clazzName', 'too_long', 'classes[1].clazzName must be at most 3 characters']);
    expect(problem(() => decode(schema, 'id=1&classes[0].seats=0')).param).toBe('classes[0].seats');
    expect(problem(() => decode(schema, `id=1&classes=${encodeURIComponent('[{"clazzName":')}`)).kind).toBe('unparseable');
    expect(problem(() => decode(schema, 'id=1&classes=[1,2,3,4]'.replace(/,/g, '%2C'))).kind).toBe('out_of_range');
  });
});
