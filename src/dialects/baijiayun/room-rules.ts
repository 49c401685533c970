import type { UploadedFile } from '../framework/multipart.js';
import { BlobStore } from '../../storage/blobs/blob-store.js';
import type { JsonObject } from '../../core/json.js';
import { ParamProblem } from '../framework/params.js';
import type { BaijiayunContext } from './context.js';

/**
 * The rules room/create (2) and room/update (3) share (catalog §1.7). Both apply them to the room
 * as it would be after the call (§5-11: the create rules hold for updates too).
 */

const DAY_S = 86_400;
const YEAR_S = 366 * DAY_S;
const TITLE_MAX = 50;

/** Titles over 50 characters are cut, not refused. */
export function cutTitle(title: string): string {
  return [...title].slice(0, TITLE_MAX).join('');
}

/**
 * A room that is not long-term lasts less than 24 hours and lies within one year from now (past
 * times are accepted: clients create rooms for classes already under way). `startName`/`endName`
 * name the parameters in errors.
 */
export function checkSchedule(start: number, end: number, longTerm: boolean, endName = 'end_time'): void {
  if (end <= start) throw new ParamProblem(endName, 'out_of_range', `${endName} must be after start_time`);
  if (longTerm) return;
  if (end - start >= DAY_S) throw new ParamProblem(endName, 'out_of_range', `${endName}: a room that is not long-term must last less than 24 hours`);
  const now = Date.now() / 1000;
  if (start > now + YEAR_S || end > now + YEAR_S) throw new ParamProblem('start_time', 'out_of_range', 'start_time: start_time and end_time must be within one year from now');
}

/** `max_users` by room type: the professional small class (4) needs 1–12 (its on-stage seats). */
export function checkMaxUsers(type: number, maxUsers: number): void {
  if (type === 4 && (maxUsers < 1 || maxUsers > 12)) throw new ParamProblem('max_users', 'out_of_range', 'max_users: a professional small class needs max_users from 1 to 12');
}

/** Every template create (education and enterprise) and update document (§5-7), in one list. */
export const TEMPLATE_NAMES = ['doubleCamera', 'classic', 'triple', 'single', 'liveWall', 'singleVideo', 'docAudio', 'docVideo', 'oneone', 'oneoneNew'] as const;

const END_TYPES = ['web', 'h5'];

/** `forbidden_end_types`: comma-separated `web` / `h5`, kept as sent (normalised). */
export function endTypes(value: string, name: string): string {
  const types = value.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean);
  const bad = types.find((t) => !END_TYPES.includes(t));
  if (bad !== undefined) throw new ParamProblem(name, 'out_of_range', `${name} takes web and h5 (comma-separated), got "${bad.slice(0, 20)}"`);
  return [...new Set(types)].join(',');
}

/** The small-class background and whiteboard images (not signed; multipart only). */
export const ROOM_IMAGE_FIELDS = ['background_attachment', 'whiteboard_attachment'] as const;

type RoomImages = Partial<Record<(typeof ROOM_IMAGE_FIELDS)[number], UploadedFile>>;

/** The blob key a room image setting points at. */
function blobOf(setting: unknown): string | undefined {
  const blob = setting && typeof setting === 'object' ? (setting as Record<string, unknown>).blob : undefined;
  return typeof blob === 'string' ? blob : undefined;
}

/**
 * Writes a room with its uploaded images (the live runtime shows them): the images are kept in the
 * blob store, then `write` stores the room with the settings that point at them. If the write
 * fails, the new blobs are removed; once it succeeds, the blobs of images it replaced are.
 */
export async function withRoomImages<T>(ctx: BaijiayunContext, files: RoomImages, previous: JsonObject, write: (settings: JsonObject) => Promise<T>): Promise<T> {
  const store = BlobStore.forDataDir(ctx.config.dataDir);
  const settings: JsonObject = {};
  const kept: string[] = [];
  try {
    for (const field of ROOM_IMAGE_FIELDS) {
      const file = files[field];
      if (!file) continue;
      const blob = await store.commit(ctx.tenant.id, file.spooled);
      kept.push(blob.path);
      settings[field] = { blob: blob.path, size: blob.size, sha256: blob.sha256, name: file.fileName, mime: file.mimeType };
    }
    const result = await write(settings);
    for (const field of Object.keys(settings)) {
      const old = blobOf(previous[field]);
      if (old) await store.delete(old);
    }
    return result;
  } catch (err) {
    for (const key of kept) await store.delete(key);
    throw err;
  }
}
