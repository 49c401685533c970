import type { PageRequest } from '../../core/paging.js';
import type { Params } from './params.js';

/** Rows per page read from a parameter: its default, its maximum, and what a larger value means. */
export interface PageSizeParam {
  param: string;
  default: number;
  max: number;
  /** `refuse`: a larger value is a parameter error; `cap`: it is served in pages of `max` rows. */
  aboveMax: 'refuse' | 'cap';
}

/** How an endpoint names its paging parameters (every vendor names them differently). */
export interface PagingParams {
  /** The 1-based page number; absent means the first page, below 1 or not an integer is refused. */
  page: string;
  /** Rows per page: fixed by the endpoint, or read from a parameter. */
  size: number | PageSizeParam;
}

/** The page an endpoint's request asks for; the page number is read (and checked) before the size. */
export function readPage(p: Params, paging: PagingParams): PageRequest {
  const pageNo = p.int(paging.page, { min: 1 }) ?? 1;
  const size = paging.size;
  if (typeof size === 'number') return { pageNo, pageSize: size };
  const pageSize = size.aboveMax === 'refuse'
    ? p.int(size.param, { min: 1, max: size.max }) ?? size.default
    : Math.min(p.int(size.param, { min: 1 }) ?? size.default, size.max);
  return { pageNo, pageSize };
}
