import { Type, type Static, type TObject, type TProperties, type TSchema } from '@sinclair/typebox';
import { ParamProblem, type Params } from './params.js';
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
export type FieldKind = 'string' | 'int' | 'number' | 'bool' | 'enum' | 'list' | 'json' | 'time' | 'file';

export interface FieldDecoding {
  kind: FieldKind;
  /** Sent empty (`k=`) means "clear": decoded as null rather than as absent. */
  clearable?: boolean;
  /** Sent empty is refused (an update may leave it out, but not blank it). */
  notEmpty?: boolean;
  /** Keep surrounding white space (passwords are compared as sent). */
  raw?: boolean;
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
  /** A file sent as a part of a multipart/form-data body; decoded to the spooled upload. */
  file(opts: FieldOptions = {}) {
    return field(Type.Unsafe<UploadedFile>({ ...opts, type: 'string', format: 'binary' }), { kind: 'file' });
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

function decodeField(f: FieldSpec, params: Params, coercion: InputCoercion, zone: string, files: ReadonlyMap<string, UploadedFile>): unknown {
  if (f.decoding.kind === 'file') {
    const file = files.get(f.name);
    if (!file && f.required) throw new ParamProblem(f.name, 'missing', `${f.name} is required (a file in a multipart/form-data body)`);
    return file;
  }
  const text = params.raw(f.name);
  const blank = text === undefined || text.trim() === '';
  if (f.decoding.kind !== 'list' && text !== undefined && blank) {
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
  }
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

/** The names of the schema's file fields (the parts of a multipart body an endpoint takes). */
export function fileFields(schema: TObject | undefined): ReadonlySet<string> {
  return new Set(schema ? fieldsOf(schema).filter((f) => f.decoding.kind === 'file').map((f) => f.name) : []);
}

/** Coercion for dialects that take no time parameters in a wire format of their own. */
export const EPOCH_SECONDS_COERCION: InputCoercion = {
  time: (text) => (/^\d{1,12}$/.test(text.trim()) ? Number(text.trim()) * 1000 : undefined),
  timeFormat: 'a Unix timestamp in seconds',
};
