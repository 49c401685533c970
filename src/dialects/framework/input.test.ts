import { describe, expect, it } from 'vitest';
import { decodeInput, EPOCH_SECONDS_COERCION, fieldsOf, In } from './input.js';
import { Params, ParamProblem } from './params.js';

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
});

describe('aliases and records', () => {
  const schema = In.object({
    id: In.alias(In.string({ max: 4 }), 'Id'),
    classes: In.optional(In.records({ clazzName: In.optional(In.string({ max: 3 })), seats: In.optional(In.int({ min: 1 })) }, { bare: 'clazzName', maxItems: 3 })),
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
