import type { TObject } from '@sinclair/typebox';
import { fieldsOf } from '../../dialects/framework/input.js';

/** What the test tool page needs to know of one endpoint. */
export interface ToolEndpoint {
  /** The path to call, e.g. `/integration/site/webcast/export/vote`. */
  path: string;
  /** The path as the document names it, e.g. `/webcast/export/vote`. */
  documentedPath: string;
  summary: string;
  role: 'admin' | 'organizer';
  methods: readonly string[];
  /** Request parameters besides loginName/password/sec, in the document's order (from the row's input schema). */
  params: readonly string[];
}

const SITE_PREFIX = '/integration/site';

/** A row of a Gensee endpoint table (Webcast or Training), as far as the page cares. */
export interface GenseeRow {
  path: string;
  summary: string;
  role: 'admin' | 'organizer';
  methods?: readonly string[];
  input?: TObject;
  params?: readonly string[];
}

/** The page's endpoint list, generated from the endpoint table so it never drifts from what is served. */
export function toolEndpoints(table: readonly GenseeRow[]): ToolEndpoint[] {
  return table.map((e) => ({
    path: e.path,
    documentedPath: e.path.startsWith(SITE_PREFIX) ? e.path.slice(SITE_PREFIX.length) : e.path,
    summary: e.summary,
    role: e.role,
    methods: e.methods ?? ['POST', 'GET'],
    params: e.input ? fieldsOf(e.input).map((f) => f.name) : [],
  }));
}
