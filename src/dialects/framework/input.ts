import { Type, type Static, type TObject, type TProperties, type TSchema } from '@sinclair/typebox';
import { ParamProblem, Params } from './params.js';
import type { UploadedFile } from './multipart.js';

/*
 * An endpoint's request parameters, declared once as a TypeBox object schema. The framework decodes
 * `ctx.input` from it (with the dialect's coercion rules and error codes), and the same schema feeds
 * the OpenAPI documents, the integration test tool and the typed clients.
 *
 * Vendors send every value as text (query or form), so each field carries how to read that text in
 * `x-lectern`; the rest of the schema is plain JSON Schema describing the decoded value.
 */

/** How a field's text is read. */
export type FieldKind = 'string' | 'int' | 'number' | 'bool' | 'enum' | 'list' | 'json' | 'time' | 'records' | 'file';

export interface FieldDecoding {
  kind: FieldKind;
  /** Sent empty (`k=`) means "clear": decoded as null rather than as absent. */
  clearable?: boolean;
  /** Sent empty is refused (an update may leave it out, but not blank it). */
  notEmpty?: boolean;
  /** Keep surrounding white space (passwords are compared as sent). */
  raw?: boolean;
  /** Other names the field is accepted under (a document's misspellings that clients copied); the name sent wins. */
  aliases?: readonly string[];
  /** records: the field a bare text item (not a JSON object) stands for. */
  bare?: string;
  /** What a file field accepts (checked while the body arrives, see framework/multipart.ts). */
  file?: FileRule;
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
}

const DECODING = 'x-lectern';

function field<T extends TSchema>(schema: T, decoding: FieldDecoding): T {
  (schema as Record<string, unknown>)[DECODING] = decoding;
  return schema;
}

const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** Field builders. Wrap in `In.optional(…)` (TypeBox's Optional) for parameters that may be left out. */
export const In = {
  string(opts: FieldOptions & { max?: number; min?: number; raw?: boolean; pattern?: string; notEmpty?: boolean } = {}) {
    const { max, min, raw, pattern, notEmpty, ...doc } = opts;
    return field(Type.String({ ...doc, maxLength: max, minLength: min, pattern }), { kind: 'string', raw, notEmpty });
  },
  /** Text where sending it empty clears the stored value (update endpoints). */
  clearableString(opts: FieldOptions & { max?: number } = {}) {
    const { max, ...doc } = opts;
    return field(nullable(Type.String({ ...doc, maxLength: max })), { kind: 'string', clearable: true });
  },
  int(opts: FieldOptions & { min?: number; max?: number; default?: number } = {}) {
    const { min, max, ...doc } = opts;
    return field(Type.Integer({ ...doc, minimum: min, maximum: max }), { kind: 'int' });
  },
  number(opts: FieldOptions & { min?: number; max?: number } = {}) {
    const { min, max, ...doc } = opts;
    return field(Type.Number({ ...doc, minimum: min, maximum: max }), { kind: 'number' });
  },
  /** true/false, 1/0, yes/no (any case). */
  bool(opts: FieldOptions & { default?: boolean } = {}) {
    return field(Type.Boolean(opts), { kind: 'bool' });
  },
  /** One of fixed values, compared as text; the decoded value is the listed value (number or string). */
  oneOf<const V extends readonly (string | number)[]>(values: V, opts: FieldOptions & { default?: V[number] } = {}) {
    return field(Type.Unsafe<V[number]>({ ...opts, enum: [...values], type: typeof values[0] === 'number' ? 'integer' : 'string' }), { kind: 'enum' });
  },
  /** A list, sent any way clients send lists (repeated, indexed, `name[]`, JSON array, comma-separated). */
  list(opts: FieldOptions = {}) {
    return field(Type.Array(Type.String(), opts), { kind: 'list' });
  },
  /**
   * A list of objects (`item` declares their fields), sent any way clients send them: one JSON array,
   * repeated or indexed JSON objects, `name[i][field]=` (PHP) or `name[i].field=` (Java binders)
   * fields. With `bare`, a plain text item stands for that one field.
   */
  records<P extends TProperties>(item: P, opts: FieldOptions & { bare?: keyof P & string; maxItems?: number } = {}) {
    const { bare, maxItems, ...doc } = opts;
    return field(Type.Array(Type.Object(item), { ...doc, maxItems }), { kind: 'records', bare });
  },
  /** The field is also accepted under these names (the name actually sent is the one errors mention). */
  alias<T extends TSchema>(schema: T, ...names: string[]): T {
    const decoding = (schema as TSchema & { [DECODING]?: FieldDecoding })[DECODING];
    if (!decoding) throw new Error('In.alias takes a field built with In.*');
    return field(schema, { ...decoding, aliases: [...(decoding.aliases ?? []), ...names] });
  },
  /** A JSON value sent as one text parameter. */
  json(opts: FieldOptions = {}) {
    return field(Type.Unknown({ ...opts, contentMediaType: 'application/json' }), { kind: 'json' });
  },
  /** A point in time in the dialect's wire format; decoded to epoch milliseconds. */
  time(opts: FieldOptions = {}) {
    return field(Type.Integer({ ...opts, format: 'lectern-time' }), { kind: 'time' });
  },
  /** Like `time`, where sending it empty clears the stored value. */
  clearableTime(opts: FieldOptions = {}) {
    return field(nullable(Type.Integer({ ...opts, format: 'lectern-time' })), { kind: 'time', clearable: true });
  },
  /**
   * A file sent as a part of a multipart/form-data body; decoded to the spooled upload. A file whose
   * name or size breaks the rule is refused as it arrives, before it is stored.
   */
  file(opts: FieldOptions & FileRule = {}) {
    const { extensions, maxBytes, ...doc } = opts;
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
  /** How the wire time format is described in errors and documents. */
  timeFormat: string;
}

export interface FieldSpec {
  name: string;
  required: boolean;
  schema: TSchema;
  decoding: FieldDecoding;
}

const fieldCache = new WeakMap<TObject, FieldSpec[]>();

/** The fields of an input schema, in declaration order. */
export function fieldsOf(schema: TObject): FieldSpec[] {
  let fields = fieldCache.get(schema);
  if (!fields) {
    const required = new Set(schema.required ?? []);
    fields = Object.entries(schema.properties).map(([name, s]) => {
      const decoding = (s as TSchema & { [DECODING]?: FieldDecoding })[DECODING];
      if (!decoding) throw new Error(`input field "${name}" was not built with In.*`);
      return { name, required: required.has(name), schema: s, decoding };
    });
    fieldCache.set(schema, fields);
  }
  return fields;
}

function bounds(schema: TSchema): { min?: number; max?: number; maxLength?: number; minLength?: number; pattern?: string; values?: unknown[] } {
  const s = (schema.anyOf ? schema.anyOf[0] : schema) as TSchema;
  return { min: s.minimum, max: s.maximum, maxLength: s.maxLength, minLength: s.minLength, pattern: s.pattern, values: s.enum };
}

/** Whether a value was sent under `name` (for lists and records: in any of their encodings). */
function sentUnder(params: Params, name: string, kind: FieldKind): boolean {
  if (params.raw(name) !== undefined) return true;
  return (kind === 'list' || kind === 'records') && params.names().some((n) => n.startsWith(name + '['));
}

function decodeField(spec: FieldSpec, params: Params, coercion: InputCoercion, zone: string, files: ReadonlyMap<string, UploadedFile>): unknown {
  if (spec.decoding.kind === 'file') {
    const file = files.get(spec.name);
    if (!file && spec.required) throw new ParamProblem(spec.name, 'missing', `${spec.name} is required (a file in a multipart/form-data body)`);
    return file;
  }
  const sentAs = spec.decoding.aliases?.find((a) => !sentUnder(params, spec.name, spec.decoding.kind) && sentUnder(params, a, spec.decoding.kind));
  const f = sentAs === undefined ? spec : { ...spec, name: sentAs };
  const text = params.raw(f.name);
  const blank = text === undefined || text.trim() === '';
  if (f.decoding.kind !== 'list' && f.decoding.kind !== 'records' && text !== undefined && blank) {
    if (f.decoding.clearable) return null;
    if (f.decoding.notEmpty) throw new ParamProblem(f.name, 'missing', `${f.name} cannot be empty`);
  }
  const b = bounds(f.schema);
  const required = f.required;
  switch (f.decoding.kind) {
    case 'string': {
      const v = params.string(f.name, { required, max: b.maxLength, trim: !f.decoding.raw });
      if (v !== undefined && b.minLength !== undefined && [...v].length < b.minLength) throw new ParamProblem(f.name, 'out_of_range', `${f.name} must be at least ${b.minLength} characters`);
      if (v !== undefined && b.pattern !== undefined && !new RegExp(b.pattern).test(v)) throw new ParamProblem(f.name, 'malformed', `${f.name} is malformed, got "${v.length > 40 ? v.slice(0, 40) + '…' : v}"`);
      return v;
    }
    case 'int':
      return params.int(f.name, { required, min: b.min, max: b.max });
    case 'number':
      return params.number(f.name, { required, min: b.min, max: b.max });
    case 'bool':
      return params.bool(f.name, { required });
    case 'enum':
      return params.oneOf(f.name, b.values as Array<string | number>, { required });
    case 'list': {
      const items = params.list(f.name, { required });
      return items.length === 0 ? undefined : items;
    }
    case 'json':
      return params.json(f.name, { required });
    case 'time': {
      const v = params.string(f.name, { required });
      if (v === undefined) return undefined;
      const ms = coercion.time(v, zone);
      if (ms === undefined) throw new ParamProblem(f.name, 'malformed', `${f.name} must be ${coercion.timeFormat}, got "${v.length > 40 ? v.slice(0, 40) + '…' : v}"`);
      return ms;
    }
    case 'records': {
      const items = decodeRecords(f, params, coercion, zone);
      if (items.length === 0) {
        if (required) throw new ParamProblem(f.name, 'missing', `${f.name} is required`);
        return undefined;
      }
      const maxItems = (f.schema as TSchema).maxItems;
      if (maxItems !== undefined && items.length > maxItems) throw new ParamProblem(f.name, 'out_of_range', `${f.name} may hold at most ${maxItems} items`);
      return items;
    }
  }
}

function parseJsonText(name: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ParamProblem(name, 'unparseable', `${name} is not valid JSON`);
  }
}

/** The raw items of one sent value: a JSON array's elements, one JSON object, or one bare text. */
function rawItems(name: string, value: string): unknown[] {
  const t = value.trim();
  if (t === '') return [];
  if (t.startsWith('[')) {
    const parsed = parseJsonText(name, t);
    if (!Array.isArray(parsed)) throw new ParamProblem(name, 'unparseable', `${name} is not a valid JSON array`);
    return parsed;
  }
  if (t.startsWith('{')) return [parseJsonText(name, t)];
  return [t];
}

const INDEXED_FIELD = /^\[(\d+)\](?:\[([A-Za-z_][\w]*)\]|\.([A-Za-z_][\w]*))$/;
const INDEXED_WHOLE = /^\[(\d+)\]$/;

/** Each item's fields as text pairs, decoded with the item schema; problems are named `name[i].field`. */
function decodeRecords(f: FieldSpec, params: Params, coercion: InputCoercion, zone: string): unknown[] {
  const raws: unknown[] = [];
  for (const v of [...params.all(f.name), ...params.all(`${f.name}[]`)]) raws.push(...rawItems(f.name, v));
  const byIndex = new Map<number, unknown[] | Record<string, string>>();
  for (const key of params.names()) {
    if (!key.startsWith(f.name + '[')) continue;
    const rest = key.slice(f.name.length);
    const whole = INDEXED_WHOLE.exec(rest);
    if (whole) {
      byIndex.set(Number(whole[1]), params.all(key).flatMap((v) => rawItems(f.name, v)));
      continue;
    }
    const one = INDEXED_FIELD.exec(rest);
    if (one) {
      const index = Number(one[1]);
      const current = byIndex.get(index);
      const fields = current && !Array.isArray(current) ? current : {};
      fields[one[2] ?? one[3]] = params.raw(key) ?? '';
      byIndex.set(index, fields);
    }
  }
  for (const index of [...byIndex.keys()].sort((a, b) => a - b)) {
    const entry = byIndex.get(index)!;
    if (Array.isArray(entry)) raws.push(...entry);
    else raws.push(entry);
  }
  const itemSchema = (f.schema as TSchema).items as TObject;
  return raws.map((raw, i) => {
    const where = `${f.name}[${i}]`;
    let pairs: Array<[string, string]>;
    if (typeof raw === 'string' || typeof raw === 'number') {
      if (!f.decoding.bare) throw new ParamProblem(where, 'malformed', `${where} must be an object`);
      pairs = [[f.decoding.bare, String(raw)]];
    } else if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
      pairs = Object.entries(raw as Record<string, unknown>)
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)]);
    } else {
      throw new ParamProblem(where, 'malformed', `${where} must be an object`);
    }
    try {
      return decodeInput(itemSchema, Params.fromPairs(pairs), coercion, zone);
    } catch (err) {
      if (!(err instanceof ParamProblem)) throw err;
      const param = `${where}.${err.param}`;
      throw new ParamProblem(param, err.kind, err.message.startsWith(err.param) ? param + err.message.slice(err.param.length) : `${param}: ${err.message}`);
    }
  });
}

/**
 * Decodes the request's parameters against the schema: every declared field, in declaration order,
 * so the first problem named is the first field in the document's order. Absent optional fields are
 * left out (undefined); schema defaults are applied.
 */
export function decodeInput<S extends TObject>(schema: S, params: Params, coercion: InputCoercion, zone: string, files: ReadonlyMap<string, UploadedFile> = new Map()): Static<S> {
  const out: Record<string, unknown> = {};
  for (const f of fieldsOf(schema)) {
    let v = decodeField(f, params, coercion, zone, files);
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
