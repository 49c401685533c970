import fs from 'node:fs';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { DialectError, type DialectRequest, type ErrorEntry } from './framework/dialect.js';
import { Params } from './framework/params.js';
import { DIALECTS } from './index.js';

/** One row of a compatibility note's error table. */
interface DocumentedError {
  code: string;
  status: number;
  message: string;
  meaning: string;
}

const cells = (line: string) => line.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());

/** The rows of the `## Error table` section of docs/compat/<dialect>.md (the header and rule rows skipped). */
function documentedErrors(dialect: string): DocumentedError[] {
  const text = fs.readFileSync(new URL(`../../docs/compat/${dialect}.md`, import.meta.url), 'utf8');
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.trim() === '## Error table');
  if (start < 0) throw new Error(`docs/compat/${dialect}.md has no "## Error table" section`);
  const rows: DocumentedError[] = [];
  let inTable = false;
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('## ')) break;
    if (!line.trim().startsWith('|')) {
      if (inTable) break;
      continue;
    }
    inTable = true;
    const [code, status, message, meaning] = cells(line);
    if (code === 'code' || /^-+$/.test(code)) continue;
    rows.push({ code: code.replace(/`/g, ''), status: Number(status), message, meaning: meaning ?? '' });
  }
  return rows;
}

const keyOf = (code: string | number, status: number) => `${code} @${status}`;

function request(path: string): DialectRequest {
  return {
    id: 'test', method: 'GET', path, rawQuery: '', rawForm: undefined, jsonBody: undefined, params: Params.fromPairs([]),
    host: 'localhost', origin: 'http://localhost', ip: '127.0.0.1', headers: {}, log: pino({ level: 'silent' }), files: new Map(),
  };
}

describe('every error table is documented 1:1 in its compatibility note', () => {
  for (const dialect of DIALECTS) {
    const entries: Array<[string, ErrorEntry]> = Object.entries(dialect.errors);

    describe(dialect.name, () => {
      it('has one entry per code and status, so each can be documented once', () => {
        const keys = entries.map(([, e]) => keyOf(e.code, e.status));
        expect(new Set(keys).size).toBe(keys.length);
      });

      it(`documents every entry in docs/compat/${dialect.name}.md with its HTTP status, message and meaning`, () => {
        const rows = documentedErrors(dialect.name);
        for (const [name, entry] of entries) {
          const documented = rows.filter((r) => keyOf(r.code, r.status) === keyOf(entry.code, entry.status));
          expect(documented, `${name} (${keyOf(entry.code, entry.status)})`).toHaveLength(1);
          expect(documented[0].message, name).toBe(entry.message);
          expect(documented[0].meaning.length, `${name} needs its meaning`).toBeGreaterThan(10);
        }
      });

      it('documents no code the table does not have', () => {
        const known = new Set(entries.map(([, e]) => keyOf(e.code, e.status)));
        const stale = documentedErrors(dialect.name).filter((r) => !known.has(keyOf(r.code, r.status)));
        expect(stale).toEqual([]);
      });

      it("answers each entry with the entry's HTTP status and message", () => {
        for (const path of dialect.prefixes.map((p) => `${p}/anything`)) {
          for (const [name, entry] of entries) {
            const answer = dialect.failure(new DialectError(entry, 'detail'), request(path));
            expect(answer.status, name).toBe(entry.status);
            expect(JSON.stringify(answer.body), name).toContain(JSON.stringify(`${entry.message}: detail`));
          }
        }
      });

      it('answers unknown paths with its one 404 entry', () => {
        const notFound = entries.filter(([, e]) => e.status === 404);
        expect(notFound).toHaveLength(1);
        const answer = dialect.notFound(request(`${dialect.prefixes[0]}/no/such/interface`));
        expect(answer.status).toBe(404);
        expect(JSON.stringify(answer.body)).toContain(notFound[0][1].message);
      });
    });
  }
});
