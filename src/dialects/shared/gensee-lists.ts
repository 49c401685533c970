import type { PageRequest } from '../../core/paging.js';
import { In } from '../framework/input.js';

/**
 * The sync and list endpoints of both Gensee APIs return at most 50 rows a page (Webcast §1.7 P2
 * and A-25; Training 5.10/5.11/5.22, and by decision A-27 where Training states no size).
 */
export const MEDIA_PAGE_SIZE = 50;

/** `pageNo`, 1-based, default 1. */
export const PAGE_NO = In.int({ min: 1, default: 1, description: 'Page, from 1 (default 1); 50 rows a page' });

/** One page of MEDIA_PAGE_SIZE rows. */
export const mediaPage = (pageNo: number): PageRequest => ({ pageNo, pageSize: MEDIA_PAGE_SIZE });

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
