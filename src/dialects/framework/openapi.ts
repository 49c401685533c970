import type { TObject } from '@sinclair/typebox';
import type { Dialect, DialectContext, Endpoint, ErrorEntry } from './dialect.js';
import { fieldsOf, type FieldSpec } from './input.js';

/** A JSON Schema (OpenAPI 3.1 Schema Object) as plain data. */
export type JsonSchema = Record<string, unknown>;

/** What a dialect tells its OpenAPI document beyond its endpoint table. */
export interface DialectDocs {
  title: string;
  /** Markdown: how to authenticate, the envelope, the time rule. */
  description: string;
  /** OpenAPI security schemes; every operation requires all of them together. */
  securitySchemes: Record<string, JsonSchema>;
  /** Auth parameters sent with every call (documented on each operation). */
  authFields: ReadonlyArray<{ name: string; description: string; required: boolean; schema?: JsonSchema }>;
  /** The success envelope around an endpoint's payload. */
  successEnvelope: JsonSchema;
  /** The failure envelope. */
  errorEnvelope: JsonSchema;
}

/** Field schemas as they travel: plain JSON Schema, with times described in the dialect's wire format. */
function wireSchema(f: FieldSpec, timeFormat: string): JsonSchema {
  const plain = JSON.parse(JSON.stringify(f.schema, (k, v) => (k === 'x-lectern' ? undefined : v))) as JsonSchema;
  const aliases = f.decoding.aliases?.length ? `Also accepted as ${f.decoding.aliases.map((a) => `\`${a}\``).join(', ')}.` : undefined;
  const describe = (...parts: unknown[]) => parts.filter(Boolean).join(' ') || undefined;
  if (f.decoding.kind === 'time' || f.decoding.kind === 'period') {
    return { type: 'string', description: describe(plain.description, `Format: ${timeFormat}.`, aliases) };
  }
  if (f.decoding.kind === 'records') {
    // Sent as text: a JSON array of the records (or form fields per record, `name[0][field]`).
    const { description, ...array } = plain;
    return {
      type: 'string',
      contentMediaType: 'application/json',
      contentSchema: array,
      description: describe(description, `A JSON array of objects; also accepted as form fields \`${f.name}[0][field]\` or \`${f.name}[0].field\`.`, aliases),
    };
  }
  if (aliases) plain.description = describe(plain.description, aliases);
  if (f.decoding.clearable) plain.description = [plain.description, 'Sent empty, it clears the stored value.'].filter(Boolean).join(' ');
  if (Array.isArray(plain.anyOf)) {
    // `clearable` fields decode to value-or-null; on the wire they are the value's type (empty = clear).
    const first = (plain.anyOf as JsonSchema[])[0];
    delete plain.anyOf;
    Object.assign(plain, first);
  }
  return plain;
}

function operationId(method: string, path: string): string {
  const words = path.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

function errorTable(errors: readonly ErrorEntry[]): string {
  return ['| code | HTTP | message |', '|---|---|---|', ...errors.map((e) => `| \`${e.code}\` | ${e.status} | ${e.message} |`)].join('\n');
}

/** The OpenAPI 3.1 document of one dialect, generated from its endpoint table and input schemas. */
export function openApiDocument<Ctx extends DialectContext>(dialect: Dialect<Ctx, Endpoint<Ctx>>, version: string): JsonSchema {
  const docs = dialect.docs;
  const security = [Object.fromEntries(Object.keys(docs.securitySchemes).map((k) => [k, []]))];
  const paths: Record<string, Record<string, unknown>> = {};
  const tags = new Set<string>();
  for (const endpoint of dialect.endpoints) {
    const fields = fieldsOf(endpoint.input as TObject);
    const tag = endpoint.path.split('/').filter(Boolean).slice(-2, -1)[0] ?? dialect.name;
    tags.add(tag);
    const all = [
      ...docs.authFields.map((a) => ({ name: a.name, required: a.required, file: false, schema: { type: 'string', ...a.schema, description: a.description } as JsonSchema })),
      ...fields.map((f) => ({ name: f.name, required: f.required, file: f.decoding.kind === 'file', schema: wireSchema(f, dialect.coercion.timeFormat) })),
    ];
    // Files travel only in multipart bodies; a text-only request (query, url-encoded form) leaves them out.
    const text = all.filter((p) => !p.file);
    const asForm = (params: typeof all): JsonSchema => ({
      type: 'object',
      properties: Object.fromEntries(params.map((p) => [p.name, p.schema])),
      required: params.filter((p) => p.required).map((p) => p.name),
    });
    const item: Record<string, unknown> = {};
    for (const method of endpoint.methods ?? ['GET', 'POST']) {
      const op: Record<string, unknown> = {
        operationId: operationId(method, endpoint.path),
        summary: endpoint.summary,
        tags: [tag],
        security,
        responses: {
          200: {
            description: 'The vendor envelope: success, or one entry of the error table (see the document description).',
            content: { 'application/json': { schema: { oneOf: [docs.successEnvelope, docs.errorEnvelope] } } },
          },
        },
      };
      if (method === 'GET') {
        op.parameters = text.map((p) => ({ name: p.name, in: 'query', required: p.required, description: p.schema.description, schema: p.schema }));
      } else {
        op.requestBody = { required: true, content: { 'application/x-www-form-urlencoded': { schema: asForm(text) }, 'multipart/form-data': { schema: asForm(all) } } };
      }
      item[method.toLowerCase()] = op;
    }
    paths[endpoint.path] = item;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: docs.title,
      version,
      description: `${docs.description}\n\n## Error codes\n\n${errorTable(Object.values(dialect.errors))}`,
    },
    servers: [{ url: '/', description: 'this Lectern server' }],
    tags: [...tags].map((name) => ({ name })),
    paths,
    components: { securitySchemes: docs.securitySchemes },
  };
}
