import type { AttachmentInput } from '../../../core/attachments.js';
import { ParamProblem, type Params } from '../../framework/params.js';
import type { WebcastContext } from '../context.js';
import { ownedWebcast } from '../webcast-view.js';

export const ATTACH_PARAMS = ['webcastId', 'attachmentList'] as const;
export const DETACH_PARAMS = ['webcastId', 'urls'] as const;

const LIST = 'attachmentList';
const MAX_ITEMS = 100;
const URL_MAX = 2048;
const NAME_MAX = 250;
const DESCRIPTION_MAX = 1000;

const INDEXED = /^attachmentList\[(\d+)\]$/;
/** `attachmentList[0][url]` (PHP http_build_query) and `attachmentList[0].url` (Java/Spring binders). */
const INDEXED_FIELD = /^attachmentList\[(\d+)\](?:\[([A-Za-z]+)\]|\.([A-Za-z]+))$/;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ParamProblem(LIST, 'unparseable', `${LIST} is not valid JSON`);
  }
}

/** One sent value: a JSON array, a JSON object, or (as Params.list reads lists) comma-separated URLs. */
function itemsOfValue(value: string): unknown[] {
  const t = value.trim();
  if (t === '') return [];
  if (t.startsWith('[')) {
    const parsed = parseJson(t);
    if (!Array.isArray(parsed)) throw new ParamProblem(LIST, 'unparseable', `${LIST} is not a valid JSON array`);
    return parsed;
  }
  if (t.startsWith('{')) return [parseJson(t)];
  return t.split(',').map((s) => s.trim()).filter(Boolean);
}

function optionalText(v: unknown, where: string, max: number): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string' && typeof v !== 'number') throw new ParamProblem(where, 'malformed', `${where} must be a string`);
  const s = String(v).trim();
  if ([...s].length > max) throw new ParamProblem(where, 'too_long', `${where} must be at most ${max} characters`);
  return s || null;
}

function asObject(raw: unknown, where: string): Record<string, unknown> {
  if (typeof raw === 'string') return { url: raw };
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) return raw as Record<string, unknown>;
  throw new ParamProblem(where, 'malformed', `${where} must be an object with a url`);
}

function isWebUrl(s: string): boolean {
  try {
    const { protocol } = new URL(s);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

function toAttachment(raw: unknown, i: number): AttachmentInput {
  const where = `${LIST}[${i}]`;
  const obj = asObject(raw, where);
  const url = optionalText(obj.url, `${where}.url`, URL_MAX);
  if (!url) throw new ParamProblem(`${where}.url`, 'missing', `${where}.url is required`);
  if (!isWebUrl(url)) throw new ParamProblem(`${where}.url`, 'malformed', `${where}.url must be an absolute http or https URL, got "${url.slice(0, 80)}"`);
  return { url, name: optionalText(obj.name, `${where}.name`, NAME_MAX), description: optionalText(obj.description, `${where}.description`, DESCRIPTION_MAX) };
}

/**
 * `attachmentList` however a client encodes it (catalog A-2): a JSON array in one parameter, repeated
 * or indexed JSON objects, `attachmentList[i][field]` / `attachmentList[i].field` form fields, or bare URLs.
 */
export function decodeAttachmentList(p: Params): AttachmentInput[] {
  const raws: unknown[] = [];
  for (const v of [...p.all(LIST), ...p.all(`${LIST}[]`)]) raws.push(...itemsOfValue(v));
  const byIndex = new Map<number, unknown[] | Record<string, string>>();
  for (const name of p.names()) {
    const whole = INDEXED.exec(name);
    if (whole) {
      const items = p.all(name).flatMap(itemsOfValue);
      byIndex.set(Number(whole[1]), items);
      continue;
    }
    const field = INDEXED_FIELD.exec(name);
    if (field) {
      const index = Number(field[1]);
      const current = byIndex.get(index);
      const fields = current && !Array.isArray(current) ? current : {};
      fields[field[2] ?? field[3]] = p.raw(name) ?? '';
      byIndex.set(index, fields);
    }
  }
  for (const index of [...byIndex.keys()].sort((a, b) => a - b)) {
    const entry = byIndex.get(index)!;
    if (Array.isArray(entry)) raws.push(...entry);
    else raws.push(entry);
  }
  if (raws.length === 0) throw new ParamProblem(LIST, 'missing', `${LIST} is required`);
  if (raws.length > MAX_ITEMS) throw new ParamProblem(LIST, 'out_of_range', `${LIST} may hold at most ${MAX_ITEMS} attachments`);
  return raws.map(toAttachment);
}

/** 5.11 `/webcast/file/attach`: adds the attachments; a URL the webcast already has gets the new name and description. */
export async function attachFiles(ctx: WebcastContext) {
  const webcastId = ctx.params.string('webcastId', { required: true });
  const items = decodeAttachmentList(ctx.params);
  const room = await ownedWebcast(ctx, webcastId);
  await ctx.services.attachments.attach(room, items, { ownerUserId: ctx.user.id });
  return {};
}

/** 5.12 `/webcast/file/detach`: all or nothing; a URL the webcast does not have answers 501 and removes nothing. */
export async function detachFiles(ctx: WebcastContext) {
  const webcastId = ctx.params.string('webcastId', { required: true });
  const urls = ctx.params.list('urls', { required: true });
  const room = await ownedWebcast(ctx, webcastId);
  await ctx.services.attachments.detach(room, urls);
  return {};
}
