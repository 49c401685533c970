import type { SelectQueryBuilder } from 'kysely';

/**
 * Numbered paging, as every vendor API that pages does it: a 1-based page number and a page size.
 * The vendors name the fields differently (`pageNo`, `page_size`, `page_index`, `page`); the
 * arithmetic is the same, and it lives here.
 */
export interface PageRequest {
  /** 1-based. */
  pageNo: number;
  /** Rows per page, at least 1. */
  pageSize: number;
}

/** The rows of one numbered page, and how many rows all pages hold together. */
export interface NumberedPage<T> {
  rows: T[];
  total: number;
}

/** What a page envelope reports, whatever the vendor calls the fields. */
export interface PageSummary {
  pageNo: number;
  pageSize: number;
  /** Rows over all pages. */
  total: number;
  /** 0 when there are no rows: an empty listing has no pages, not one empty page. */
  totalPages: number;
}

/** How many rows come before the page. */
export function pageOffset(page: PageRequest): number {
  return (page.pageNo - 1) * page.pageSize;
}

/** How many pages `total` rows fill. */
export function pageCount(total: number, pageSize: number): number {
  return Math.ceil(total / pageSize);
}

export function summarizePage(page: PageRequest, total: number): PageSummary {
  return { pageNo: page.pageNo, pageSize: page.pageSize, total, totalPages: pageCount(total, page.pageSize) };
}

/** One page of rows already in memory; a page past the end is empty. */
export function slicePage<T>(all: readonly T[], page: PageRequest): NumberedPage<T> {
  const from = pageOffset(page);
  return { rows: all.slice(from, from + page.pageSize), total: all.length };
}

/**
 * One page from the database. `filtered` is the query with its filters only (it is counted);
 * `ordered` is the same filters with the selected columns and a total order (the page is cut from
 * it). The page is read first: a page with rows that is not full is the last one, so the total is
 * its offset plus its rows and needs no count (a first page with no rows: none at all); only a full
 * page, or an empty one past the first, asks the database for the count.
 */
export async function selectPage<DB, TB extends keyof DB, O>(
  filtered: SelectQueryBuilder<DB, TB, object>,
  ordered: { limit(n: number): { offset(n: number): { execute(): Promise<O[]> } } },
  page: PageRequest,
): Promise<NumberedPage<O>> {
  const offset = pageOffset(page);
  const rows = await ordered.limit(page.pageSize).offset(offset).execute();
  if (rows.length < page.pageSize && (rows.length > 0 || offset === 0)) return { rows, total: offset + rows.length };
  // PostgreSQL answers count(*) as a bigint string, SQLite as a number; the generic row type cannot say which.
  const { n } = await filtered.select((eb) => eb.fn.countAll().as('n')).$castTo<{ n: number | string | bigint }>().executeTakeFirstOrThrow();
  return { rows, total: Number(n) };
}
