import { Type, type Static, type TArray, type TBoolean, type TInteger, type TObject, type TProperties, type TSchema, type TString, type TUnsafe } from '@sinclair/typebox';
import { ParamProblem, Params } from './params.js';
import { instantPeriod, type TimePeriod } from './time.js';
import type { UploadedFile } from './multipart.js';

export type { TimePeriod } from './time.js';

/*
 * An endpoint's request parameters, declared once as a TypeBox object schema. The framework decodes
 * `ctx.input` from it (with the dialect's coercion rules and error codes), and the same schema feeds
 * the OpenAPI documents, the integration test tool and the typed clients.
 *
 * Vendors send every value as text (query or form), so each field carries how to read that text in
 * `x-lectern`; the rest of the schema is plain JSON Schema describing the decoded value.
 */

/** How a field's text is read. */
export type FieldKind = 'string' | 'int' | 'number' | 'bool' | 'enum' | 'list' | 'records' | 'json' | 'time' | 'period' | 'file';

export interface FieldDecoding {
  kind: FieldKind;
  /** Sent empty (`k=`) means "clear": decoded as null rather than as absent. */
  clearable?: boolean;
  /** Sent empty is refused (an update may leave it out, but not blank it). */
  notEmpty?: boolean;
  /** Keep surrounding white space (passwords are compared as sent). */
  raw?: boolean;
  /** What a file field accepts (checked while the body arrives, see framework/multipart.ts). */
  file?: FileRule;
  /** Other names clients send the value under. A single value is read under the first name sent (the declared one first); a list merges them all. */
  aliases?: readonly string[];
  /** `string`: the text must be an absolute http or https URL. */
  webUrl?: boolean;
  /** `list`: whole numbers (decoded to numbers) rather than texts. */
  wholeNumbers?: boolean;
  /** `records`: what each record holds; a record sent as plain text is taken as this field. */
  item?: TObject;
  bare?: string;
}

/** Limits of one file field, beyond the server's LECTERN_UPLOAD_MAX_MB. */
export interface FileRule {
  /** Accepted file name extensions, lowercase with the dot (`.pdf`); absent: any name. */
  extensions?: readonly string[];
  /** Largest accepted file in bytes (the server's limit still applies when it is lower). */
  maxBytes?: number;
}

export interface FieldOptions {
  description?: string;
  /** Shown by the reference pages and the test tool; not applied by decoding. */
  examples?: unknown[];
  /** Other names the parameter is accepted under (a document and its clients disagree on the name). */
  aliases?: readonly string[];
}

const DECODING = 'x-lectern';

function field<T extends TSchema>(schema: T, decoding: FieldDecoding): T {
  (schema as Record<string, unknown>)[DECODING] = decoding;
  return schema;
}

/** Splits what decoding needs from what the JSON Schema says. */
function split<O extends FieldOptions>(opts: O): { aliases: readonly string[] | undefined; doc: Omit<O, 'aliases'> } {
  const { aliases, ...doc } = opts;
  return { aliases: aliases?.length ? aliases : undefined, doc };
}

const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

declare const DEFAULTED: unique symbol;
/** A field with a default: a caller may leave it out, and the decoded input always holds it. */
export type Defaulted<T extends TSchema> = T & { readonly [DEFAULTED]: true };

type IntOptions = FieldOptions & { min?: number; max?: number };
function int(opts: IntOptions & { default: number }): Defaulted<TInteger>;
function int(opts?: IntOptions): TInteger;
function int(opts: IntOptions & { default?: number } = {}): TInteger {
  const { min, max, ...rest } = opts;
  const { aliases, doc } = split(rest);
  return field(Type.Integer({ ...doc, minimum: min, maximum: max }), { kind: 'int', aliases });
}

function bool(opts: FieldOptions & { default: boolean }): Defaulted<TBoolean>;
function bool(opts?: FieldOptions): TBoolean;
function bool(opts: FieldOptions & { default?: boolean } = {}): TBoolean {
  const { aliases, doc } = split(opts);
  return field(Type.Boolean(doc), { kind: 'bool', aliases });
}

function oneOf<const V extends readonly (string | number)[]>(values: V, opts: FieldOptions & { default: V[number] }): Defaulted<TUnsafe<V[number]>>;
function oneOf<const V extends readonly (string | number)[]>(values: V, opts?: FieldOptions): TUnsafe<V[number]>;
function oneOf<const V extends readonly (string | number)[]>(values: V, opts: FieldOptions & { default?: V[number] } = {}): TUnsafe<V[number]> {
  const { aliases, doc } = split(opts);
  return field(Type.Unsafe<V[number]>({ ...doc, enum: [...values], type: typeof values[0] === 'number' ? 'integer' : 'string' }), { kind: 'enum', aliases });
}

function list(opts: FieldOptions & { of: 'wholeNumber'; maxItems?: number }): TArray<TInteger>;
function list(opts?: FieldOptions & { of?: 'string'; maxItems?: number }): TArray<TString>;
function list(opts: FieldOptions & { of?: 'string' | 'wholeNumber'; maxItems?: number } = {}): TArray<TInteger> | TArray<TString> {
  const { of, ...rest } = opts;
  const { aliases, doc } = split(rest);
  if (of === 'wholeNumber') return field(Type.Array(Type.Integer({ minimum: 0 }), doc), { kind: 'list', aliases, wholeNumbers: true });
  return field(Type.Array(Type.String(), doc), { kind: 'list', aliases });
}

/** Field builders. Wrap in `In.optional(…)` (TypeBox's Optional) for parameters that may be left out. */
export const In = {
  string(opts: FieldOptions & { max?: number; min?: number; raw?: boolean; pattern?: string; notEmpty?: boolean } = {}) {
    const { max, min, raw, pattern, notEmpty, ...rest } = opts;
    const { aliases, doc } = split(rest);
    return field(Type.String({ ...doc, maxLength: max, minLength: min, pattern }), { kind: 'string', raw, notEmpty, aliases });
  },
  /** An absolute http or https URL. */
  url(opts: FieldOptions & { max?: number } = {}) {
    const { max, ...rest } = opts;
    const { aliases, doc } = split(rest);
    return field(Type.String({ ...doc, maxLength: max, format: 'uri' }), { kind: 'string', webUrl: true, aliases });
  },
  /** Text where sending it empty clears the stored value (update endpoints). */
  clearableString(opts: FieldOptions & { max?: number } = {}) {
    const { max, ...rest } = opts;
    const { aliases, doc } = split(rest);
    return field(nullable(Type.String({ ...doc, maxLength: max })), { kind: 'string', clearable: true, aliases });
  },
  /** An integer; with a `default`, a caller may leave it out and the decoded input always holds it. */
  int,
  number(opts: FieldOptions & { min?: number; max?: number } = {}) {
    const { min, max, ...rest } = opts;
    const { aliases, doc } = split(rest);
    return field(Type.Number({ ...doc, minimum: min, maximum: max }), { kind: 'number', aliases });
  },
  /** true/false, 1/0, yes/no (any case). */
  bool,
  /** One of fixed values, compared as text; the decoded value is the listed value (number or string). */
  oneOf,
  /**
   * A list, sent any way clients send lists (repeated, indexed, `name[]`, JSON array, comma-separated).
   * `of: 'wholeNumber'` decodes numeric ids (an item that is not one is a conversion problem);
   * with `aliases`, the items sent under every name are merged.
   */
  list,
  /**
   * A list of records (objects of the `item` schema), sent any way clients send one (see
   * `Params.records`). Each record's fields are decoded as top-level fields are; problems name
   * the record, e.g. `attachmentList[2].url`. `bare` names the field a record sent as plain text is.
   */
  records<I extends TObject>(item: I, opts: FieldOptions & { bare?: keyof I['properties'] & string; maxItems?: number } = {}) {
    const { bare, ...rest } = opts;
    const { aliases, doc } = split(rest);
    fieldsOf(item);
    return field(Type.Array(item, doc), { kind: 'records', item, bare, aliases });
  },
  /** A JSON value sent as one text parameter. */
  json(opts: FieldOptions = {}) {
    const { aliases, doc } = split(opts);
    return field(Type.Unknown({ ...doc, contentMediaType: 'application/json' }), { kind: 'json', aliases });
  },
  /** A point in time in the dialect's wire format; decoded to epoch milliseconds. */
  time(opts: FieldOptions & { notEmpty?: boolean } = {}) {
    const { notEmpty, ...rest } = opts;
    const { aliases, doc } = split(rest);
    return field(Type.Integer({ ...doc, format: 'lectern-time' }), { kind: 'time', notEmpty, aliases });
  },
  /** Like `time`, where sending it empty clears the stored value. */
  clearableTime(opts: FieldOptions = {}) {
    const { aliases, doc } = split(opts);
    return field(nullable(Type.Integer({ ...doc, format: 'lectern-time' })), { kind: 'time', clearable: true, aliases });
  },
  /**
   * A time in the dialect's wire format, decoded to the span it names (a date is a whole day, a
   * time without seconds a whole minute): for bounds whose precision matters, e.g. an inclusive end.
   */
  period(opts: FieldOptions = {}) {
    const { aliases, doc } = split(opts);
    return field(Type.Unsafe<TimePeriod>({ ...doc, type: 'object', format: 'lectern-period' }), { kind: 'period', aliases });
  },
  /**
   * A file sent as a part of a multipart/form-data body; decoded to the spooled upload. A file whose
   * name or size breaks the rule is refused as it arrives, before it is stored.
   */
  file(opts: FieldOptions & FileRule = {}) {
    const { extensions, maxBytes, ...rest } = opts;
    const { doc } = split(rest);
    return field(Type.Unsafe<UploadedFile>({ ...doc, type: 'string', format: 'binary' }), { kind: 'file', file: { extensions, maxBytes } });
  },
  optional: Type.Optional,
  object: <P extends TProperties>(properties: P, opts: FieldOptions = {}) => Type.Object(properties, opts),
};

export const NO_INPUT = Type.Object({});
export type NoInput = typeof NO_INPUT;

/** The dialect-specific parts of decoding. */
export interface InputCoercion {
  /** The wire time format: text → epoch ms, or undefined when the text does not fit. */
  time(text: string, zone: string): number | undefined;
  /** The span a wire time names (`In.period`); without it, a time names one millisecond. */
  period?(text: string, zone: string): TimePeriod | undefined;
  /** How the wire time format is described in errors and documents. */
  timeFormat: string;
  /** The message for a time that does not fit; by default `<name> must be <timeFormat>, got "<text>"`. */
  malformedTime?(name: string, text: string): string;
}

export interface FieldSpec {
  name: string;
  required: boolean;
  schema: TSchema;
  decoding: FieldDecoding;
}

const fieldCache = new WeakMap<TObject, FieldSpec[]>();

/** The fields of an input schema, in declaration order. A field with a default is never required of a caller. */
export function fieldsOf(schema: TObject): FieldSpec[] {
  let fields = fieldCache.get(schema);
  if (!fields) {
    const required = new Set(schema.required ?? []);
    fields = Object.entries(schema.properties).map(([name, s]) => {
      const decoding = (s as TSchema & { [DECODING]?: FieldDecoding })[DECODING];
      if (!decoding) throw new Error(`input field "${name}" was not built with In.*`);
      return { name, required: required.has(name) && s.default === undefined, schema: s, decoding };
    });
    fieldCache.set(schema, fields);
  }
  return fields;
}

function bounds(schema: TSchema): { min?: number; max?: number; maxLength?: number; minLength?: number; pattern?: string; values?: unknown[]; maxItems?: number } {
  const s = (schema.anyOf ? schema.anyOf[0] : schema) as TSchema;
  return { min: s.minimum, max: s.maximum, maxLength: s.maxLength, minLength: s.minLength, pattern: s.pattern, values: s.enum, maxItems: s.maxItems };
}

const shown = (v: string, max = 40) => (v.length > max ? v.slice(0, max) + '…' : v);

function isWebUrl(s: string): boolean {
  try {
    const { protocol } = new URL(s);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

interface DecodeEnv {
  params: Params;
  coercion: InputCoercion;
  zone: string;
  files: ReadonlyMap<string, UploadedFile>;
}

/**
 * The name a single value is read under: the first of the field's names that was sent non-empty,
 * else the declared one (which then decides what "sent empty" means and names a missing value).
 */
function sentName(f: FieldSpec, params: Params): string {
  if (!f.decoding.aliases) return f.name;
  return [f.name, ...f.decoding.aliases].find((n) => params.has(n)) ?? f.name;
}

function decodeList(f: FieldSpec, env: DecodeEnv): unknown {
  const names = [f.name, ...(f.decoding.aliases ?? [])];
  const texts = names.flatMap((n) => env.params.list(n));
  if (texts.length === 0) {
    if (f.required) throw new ParamProblem(f.name, 'missing', `${f.name} is required`);
    return undefined;
  }
  const { maxItems } = bounds(f.schema);
  if (maxItems !== undefined && texts.length > maxItems) throw new ParamProblem(f.name, 'out_of_range', `${f.name} may hold at most ${maxItems} items`);
  if (!f.decoding.wholeNumbers) return texts;
  return texts.map((t) => {
    const n = Number(t);
    if (!/^\d+$/.test(t) || !Number.isSafeInteger(n)) throw new ParamProblem(f.name, 'unparseable', `${f.name} must be a list of whole numbers, got "${shown(t)}"`);
    return n;
  });
}

/** One record's fields as text pairs (JSON scalars as their text; null is "not sent"). */
function recordPairs(f: FieldSpec, raw: unknown, label: string): Array<[string, string]> {
  const { bare } = f.decoding;
  if (typeof raw === 'string' && bare) return [[bare, raw]];
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ParamProblem(label, 'malformed', bare ? `${label} must be an object with a ${bare}` : `${label} must be an object`);
  }
  const kinds = new Map(fieldsOf(f.decoding.item!).map((s) => [s.name, s.decoding.kind]));
  const pairs: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (v === null || v === undefined || !kinds.has(k)) continue;
    const text = kinds.get(k) === 'string' ? typeof v === 'string' || typeof v === 'number' : typeof v !== 'object';
    if (!text) throw new ParamProblem(`${label}.${k}`, 'malformed', kinds.get(k) === 'string' ? `${label}.${k} must be a string` : `${label}.${k} must be a single value`);
    pairs.push([k, String(v)]);
  }
  return pairs;
}

function decodeRecords(f: FieldSpec, env: DecodeEnv): unknown {
  const raws = [f.name, ...(f.decoding.aliases ?? [])].flatMap((n) => env.params.records(n));
  if (raws.length === 0) {
    if (f.required) throw new ParamProblem(f.name, 'missing', `${f.name} is required`);
    return undefined;
  }
  const { maxItems } = bounds(f.schema);
  if (maxItems !== undefined && raws.length > maxItems) throw new ParamProblem(f.name, 'out_of_range', `${f.name} may hold at most ${maxItems} items`);
  return raws.map((raw, i) => {
    const label = `${f.name}[${i}]`;
    const fields = Params.fromPairs(recordPairs(f, raw, label));
    try {
      return decodeInput(f.decoding.item!, fields, env.coercion, env.zone);
    } catch (err) {
      // A record's field problems name the record: every problem's message starts with the field's name.
      if (err instanceof ParamProblem) throw new ParamProblem(`${label}.${err.param}`, err.kind, `${label}.${err.message}`);
      throw err;
    }
  });
}

function malformedTime(env: DecodeEnv, name: string, text: string): ParamProblem {
  const message = env.coercion.malformedTime?.(name, text) ?? `${name} must be ${env.coercion.timeFormat}, got "${shown(text)}"`;
  return new ParamProblem(name, 'malformed', message);
}

function decodeField(f: FieldSpec, env: DecodeEnv): unknown {
  const { params } = env;
  switch (f.decoding.kind) {
    case 'file': {
      const file = env.files.get(f.name);
      if (!file && f.required) throw new ParamProblem(f.name, 'missing', `${f.name} is required (a file in a multipart/form-data body)`);
      return file;
    }
    case 'list':
      return decodeList(f, env);
    case 'records':
      return decodeRecords(f, env);
    default:
      break;
  }
  const name = sentName(f, params);
  const text = params.raw(name);
  if (text !== undefined && text.trim() === '') {
    if (f.decoding.clearable) return null;
    if (f.decoding.notEmpty) throw new ParamProblem(name, 'missing', `${name} cannot be empty`);
  }
  const b = bounds(f.schema);
  const required = f.required;
  switch (f.decoding.kind) {
    case 'string': {
      const v = params.string(name, { required, max: b.maxLength, trim: !f.decoding.raw });
      if (v === undefined) return v;
      if (b.minLength !== undefined && [...v].length < b.minLength) throw new ParamProblem(name, 'out_of_range', `${name} must be at least ${b.minLength} characters`);
      if (b.pattern !== undefined && !new RegExp(b.pattern).test(v)) throw new ParamProblem(name, 'malformed', `${name} is malformed, got "${shown(v)}"`);
      if (f.decoding.webUrl && !isWebUrl(v)) throw new ParamProblem(name, 'malformed', `${name} must be an absolute http or https URL, got "${shown(v, 80)}"`);
      return v;
    }
    case 'int':
      return params.int(name, { required, min: b.min, max: b.max });
    case 'number':
      return params.number(name, { required, min: b.min, max: b.max });
    case 'bool':
      return params.bool(name, { required });
    case 'enum':
      return params.oneOf(name, b.values as Array<string | number>, { required });
    case 'json':
      return params.json(name, { required });
    case 'time': {
      const v = params.string(name, { required });
      if (v === undefined) return undefined;
      const ms = env.coercion.time(v, env.zone);
      if (ms === undefined) throw malformedTime(env, name, v);
      return ms;
    }
    case 'period': {
      const v = params.string(name, { required });
      if (v === undefined) return undefined;
      const { coercion, zone } = env;
      const ms = coercion.period ? undefined : coercion.time(v, zone);
      const period = coercion.period ? coercion.period(v, zone) : ms === undefined ? undefined : instantPeriod(ms);
      if (!period) throw malformedTime(env, name, v);
      return period;
    }
  }
}

/**
 * Decodes the request's parameters against the schema: every declared field, in declaration order,
 * so the first problem named is the first field in the document's order. Absent optional fields are
 * left out (undefined); schema defaults are applied.
 */
export function decodeInput<S extends TObject>(schema: S, params: Params, coercion: InputCoercion, zone: string, files: ReadonlyMap<string, UploadedFile> = new Map()): Static<S> {
  const env: DecodeEnv = { params, coercion, zone, files };
  const out: Record<string, unknown> = {};
  for (const f of fieldsOf(schema)) {
    let v = decodeField(f, env);
    if (v === undefined && f.schema.default !== undefined) v = f.schema.default;
    if (v !== undefined) out[f.name] = v;
  }
  return out as Static<S>;
}

/** The schema's file fields (the parts of a multipart body an endpoint takes), with their rules. */
export function fileFields(schema: TObject | undefined): ReadonlyMap<string, FileRule> {
  return new Map(schema ? fieldsOf(schema).filter((f) => f.decoding.kind === 'file').map((f) => [f.name, f.decoding.file ?? {}]) : []);
}

/** Coercion for dialects that take no time parameters in a wire format of their own. */
export const EPOCH_SECONDS_COERCION: InputCoercion = {
  time: (text) => (/^\d{1,12}$/.test(text.trim()) ? Number(text.trim()) * 1000 : undefined),
  timeFormat: 'a Unix timestamp in seconds',
};
