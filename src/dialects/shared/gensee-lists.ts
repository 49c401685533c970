import { pageCount, type NumberedPage, type PageRequest } from '../../core/media.js';
import type { Params } from '../framework/params.js';

/** The sync and list endpoints of both Gensee APIs return at most 50 rows a page. */
export const MEDIA_PAGE_SIZE = 50;

/** A page of MEDIA_PAGE_SIZE rows; `pageNo` is 1-based. */
export const pageOf = (pageNo: number | undefined): PageRequest => ({ pageNo: pageNo ?? 1, pageSize: MEDIA_PAGE_SIZE });

/** `pageNo` read from the raw parameters (endpoints without an input schema), default 1. */
export function pageRequest(p: Params): PageRequest {
  return pageOf(p.int('pageNo', { min: 1 }));
}

/** The `page` object: `pageNo`, `totalPages`, `totalCounts`. */
export function pageObject(page: PageRequest, result: Pick<NumberedPage<unknown>, 'total'>) {
  return { pageNo: page.pageNo, totalPages: pageCount(result.total, page.pageSize), totalCounts: result.total };
}

/** One page of rows already in memory (aggregated exports), with their total. */
export function pageInMemory<T>(rows: readonly T[], page: PageRequest): NumberedPage<T> {
  const start = (page.pageNo - 1) * page.pageSize;
  return { rows: rows.slice(start, start + page.pageSize), total: rows.length };
}

/** §3.5 of both documents: inside a list of JSON objects, attributes with empty values are not shown. */
export function listItem<T extends Record<string, unknown>>(item: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(item) as Array<[keyof T, T[keyof T]]>) if (v !== null && v !== undefined) out[k] = v;
  return out;
}

/**
 * §3.5 for single attributes: JSON.stringify drops `undefined` members, so list items map null to
 * undefined through this.
 */
export const shown = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

/** A numeric id sent as a string (`docId`, recording ids); anything else names nothing that exists. */
export function numericId(text: string): number | undefined {
  const t = text.trim();
  if (!/^\d{1,15}$/.test(t)) return undefined;
  return Number(t);
}
