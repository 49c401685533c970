import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../src/dialects/index.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

/**
 * Endpoints each vendor document lists (counted from their endpoint indexes: Gensee Webcast §5.1–5.35,
 * Gensee Training §5.1–5.59, CC 1–13, Baijiayun 1–56 without 23, plus its callback-URL APIs C1 and C2).
 * The documents are not in the repository; these counts are what the README's coverage is measured against.
 */
const DOCUMENTED: Record<string, { title: string; count: number }> = {
  'gensee-webcast': { title: 'Gensee Webcast', count: 35 },
  'gensee-training': { title: 'Gensee Training', count: 59 },
  'cc-collect': { title: 'CC collect', count: 13 },
  baijiayun: { title: 'Baijiayun live', count: 57 },
};

describe('README and docs say what exists', () => {
  it("states each dialect's coverage as its endpoint table's rows against the vendor document", () => {
    const readme = read('README.md');
    expect(DIALECTS.map((d) => d.name).sort()).toEqual(Object.keys(DOCUMENTED).sort());
    for (const dialect of DIALECTS) {
      const { title, count } = DOCUMENTED[dialect.name];
      const row = readme.split('\n').find((l) => l.startsWith(`| ${title} |`));
      expect(row, `README row for ${title}`).toBeDefined();
      expect(row).toContain(`| ${dialect.endpoints.length} of the ${count} documented`);
      expect(row).toContain(`/docs/${dialect.name}`);
      // Every path of a table is one the dialect answers, once.
      expect(new Set(dialect.endpoints.map((e) => e.path)).size).toBe(dialect.endpoints.length);
    }
  });

  it('documents every environment variable Lectern reads, in the operations config table', () => {
    const config = read('src/config.ts');
    const names = [...new Set([...config.matchAll(/env\.([A-Z_]+)/g)].map((m) => m[1]))];
    expect(names.length).toBeGreaterThan(10);
    const table = read('docs/operations.md').split('\n').filter((l) => l.startsWith('| `'));
    for (const name of names) expect(table.some((l) => l.startsWith(`| \`${name}\``)), name).toBe(true);
  });

  it('states the time-zone rule and the system packages of the full suite in the quick start', () => {
    const readme = read('README.md');
    const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('### One call per dialect'));
    expect(quickStart).toMatch(/LECTERN_TIME_ZONE/);
    expect(quickStart).toMatch(/Asia\/Shanghai/);
    for (const pkg of ['redis-server', 'chromium', 'fonts-noto-cjk', 'postgresql']) expect(quickStart).toContain(`\`${pkg}\``);
    // .ci/run installs what the quick start names.
    expect(read('.ci/run')).toMatch(/apt-get install [^\n]*chromium fonts-noto-cjk/);
    expect(read('.ci/run')).toMatch(/LECTERN_REQUIRE_ALL=1/);
  });

  it('compat notes cite the vendor documents by name, never by a path outside the repository', () => {
    for (const file of fs.readdirSync(path.join(ROOT, 'docs/compat'))) {
      const text = read(`docs/compat/${file}`);
      expect(text, file).not.toMatch(/\/work\/|shared\/specs|-catalog\.md|-api\.txt|field-notes\.md/);
    }
    for (const file of ['README.md', 'docs/architecture.md', 'docs/operations.md', 'docs/realtime-protocol.md']) {
      expect(read(file), file).not.toMatch(/\/work\/|shared\/specs/);
    }
  });

  it('every repository path the README and operations guide name exists', () => {
    for (const file of ['README.md', 'docs/operations.md']) {
      const text = read(file);
      for (const m of text.matchAll(/`((?:src|test|docs|bench)\/[\w./-]+)`/g)) {
        expect(fs.existsSync(path.join(ROOT, m[1])), `${file} names ${m[1]}`).toBe(true);
      }
      for (const m of text.matchAll(/\]\(((?:docs\/)[\w./-]+)\)/g)) {
        expect(fs.existsSync(path.join(ROOT, m[1])), `${file} links ${m[1]}`).toBe(true);
      }
    }
  });
});
