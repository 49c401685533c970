import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness.js';
import { pageCount, pageOffset, selectPage, slicePage, summarizePage } from './paging.js';

describe('page arithmetic', () => {
  it('skips the rows of every earlier page', () => {
    expect(pageOffset({ pageNo: 1, pageSize: 50 })).toBe(0);
    expect(pageOffset({ pageNo: 2, pageSize: 50 })).toBe(50);
    expect(pageOffset({ pageNo: 4, pageSize: 3 })).toBe(9);
  });

  it('counts whole pages, with no page at all for no rows', () => {
    expect(pageCount(0, 50)).toBe(0);
    expect(pageCount(1, 50)).toBe(1);
    expect(pageCount(50, 50)).toBe(1);
    expect(pageCount(51, 50)).toBe(2);
  });

  it('summarises a page for the envelopes', () => {
    expect(summarizePage({ pageNo: 3, pageSize: 20 }, 41)).toEqual({ pageNo: 3, pageSize: 20, total: 41, totalPages: 3 });
    expect(summarizePage({ pageNo: 1, pageSize: 20 }, 0)).toEqual({ pageNo: 1, pageSize: 20, total: 0, totalPages: 0 });
  });

  it('cuts pages from rows in memory; a page past the end is empty but keeps the total', () => {
    const all = ['a', 'b', 'c', 'd', 'e'];
    expect(slicePage(all, { pageNo: 1, pageSize: 2 })).toEqual({ rows: ['a', 'b'], total: 5 });
    expect(slicePage(all, { pageNo: 3, pageSize: 2 })).toEqual({ rows: ['e'], total: 5 });
    expect(slicePage(all, { pageNo: 4, pageSize: 2 })).toEqual({ rows: [], total: 5 });
    expect(slicePage([], { pageNo: 1, pageSize: 2 })).toEqual({ rows: [], total: 0 });
  });
});

describe('selectPage', () => {
  let env: TestEnv;
  let tenantId: string;
  let titles: string[];

  beforeAll(async () => {
    env = await createTestEnv();
    tenantId = (await env.services.tenants.create({ name: 'Pages' })).id;
    const other = (await env.services.tenants.create({ name: 'Elsewhere' })).id;
    titles = [];
    for (let i = 1; i <= 7; i++) titles.push((await env.services.rooms.create({ tenantId, kind: 'large_class', title: `room ${i}` })).title);
    await env.services.rooms.create({ tenantId: other, kind: 'large_class', title: 'not counted' });
  });
  afterAll(() => env?.close());

  const page = (pageNo: number, pageSize: number) => {
    const filtered = env.storage.db.selectFrom('rooms').where('tenant_id', '=', tenantId);
    return selectPage(filtered, filtered.select(['title']).orderBy('id'), { pageNo, pageSize });
  };

  it('counts the filtered rows and cuts the ordered query at the page', async () => {
    const first = await page(1, 3);
    expect(first.total).toBe(7);
    expect(first.rows.map((r) => r.title)).toEqual(titles.slice(0, 3));
    expect((await page(2, 3)).rows.map((r) => r.title)).toEqual(titles.slice(3, 6));
    expect((await page(3, 3)).rows.map((r) => r.title)).toEqual(titles.slice(6));
  });

  it('answers a page past the end with no rows and the true total', async () => {
    expect(await page(4, 3)).toEqual({ rows: [], total: 7 });
  });

  it('counts only when the page cannot tell the total: a full page, or an empty one past the first', async () => {
    const counted = async (pageNo: number, pageSize: number) => {
      let counts = 0;
      const filtered = env.storage.db.selectFrom('rooms').where('tenant_id', '=', tenantId);
      const counting = { select: (...args: Parameters<typeof filtered.select>) => {
        counts++;
        return filtered.select(...args);
      } } as unknown as typeof filtered;
      const result = await selectPage(counting, filtered.select(['title']).orderBy('id'), { pageNo, pageSize });
      return { total: result.total, rows: result.rows.length, counts };
    };
    expect(await counted(1, 3)).toEqual({ total: 7, rows: 3, counts: 1 });
    expect(await counted(3, 3)).toEqual({ total: 7, rows: 1, counts: 0 });
    expect(await counted(1, 100)).toEqual({ total: 7, rows: 7, counts: 0 });
    expect(await counted(1, 7)).toEqual({ total: 7, rows: 7, counts: 1 });
    expect(await counted(9, 3)).toEqual({ total: 7, rows: 0, counts: 1 });
    const nobody = env.storage.db.selectFrom('rooms').where('tenant_id', '=', 'no such tenant');
    expect(await selectPage(nobody, nobody.select(['title']).orderBy('id'), { pageNo: 1, pageSize: 5 })).toEqual({ rows: [], total: 0 });
  });

  it('gives the total as a number on every engine', async () => {
    expect(typeof (await page(1, 100)).total).toBe('number');
  });
});
