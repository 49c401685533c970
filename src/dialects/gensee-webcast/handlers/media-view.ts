import type { RoomRow, VodRow } from '../../../storage/schema.js';
import { parseJsonObject } from '../../../core/json.js';
import { In } from '../../framework/input.js';
import { PAGE_NO } from '../../shared/gensee-lists.js';
import { mayActOn } from '../../shared/gensee-ownership.js';
import type { WebcastContext } from '../context.js';
import { webcastError } from '../errors.js';
import { ownedWebcast } from '../webcast-view.js';

/** VOD settings Gensee has that the core VOD row does not model, kept in the VOD's properties. */
export interface VodSettings {
  speakerInfo: string | null;
  agenda: string | null;
  loginRequired: boolean;
  opened: boolean;
  skin: string;
  screenshot: string | null;
}

export function vodSettings(vod: VodRow): VodSettings {
  const p = parseJsonObject(vod.properties);
  const strOrNull = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    speakerInfo: strOrNull(p.speakerInfo),
    agenda: strOrNull(p.agenda),
    loginRequired: p.loginRequired === true,
    opened: p.opened === true,
    skin: typeof p.skin === 'string' ? p.skin : 'default',
    screenshot: strOrNull(p.screenshot),
  };
}

/** The VOD's play page, in the URL shape Gensee hands out (clients cut the id after `play-`). */
export function vodPlayUrl(ctx: WebcastContext, vod: Pick<VodRow, 'public_id'>): string {
  return `${ctx.config.publicUrl ?? ctx.req.origin}/webcast/site/vod/play-${vod.public_id}`;
}

/** The caller's VOD by id: admins reach every VOD of the site, organizers only their own (§2). */
export async function ownedVod(ctx: WebcastContext, vodId: string): Promise<VodRow> {
  const vod = await ctx.services.media.vod(ctx.tenant.id, vodId);
  if (!vod || !mayActOn(ctx, vod.owner_user_id)) throw webcastError('NOT_FOUND', `VOD "${vodId}" does not exist`);
  return vod;
}

/** A webcast that may still be prepared for a future class: a terminated one can never start again. */
export async function preparableWebcast(ctx: WebcastContext, webcastId: string): Promise<RoomRow> {
  const room = await ownedWebcast(ctx, webcastId);
  if (room.status === 'terminated') throw webcastError('BUSINESS', `webcast "${webcastId}" has been finished and can never start again`);
  return room;
}

/** The sync endpoints (5.23, 5.24, 5.30): both bounds on creation time required. */
export const SYNC_INPUT = In.object({
  pageNo: PAGE_NO,
  startTime: In.time({ description: 'Created at or after' }),
  endTime: In.period({ description: 'Created at or before (a time without seconds covers its whole minute, a date its whole day)' }),
});

/** 5.21: both bounds optional. */
export const CASTMAKER_INPUT = In.object({
  pageNo: PAGE_NO,
  startTime: In.optional(In.time({ description: 'Created at or after' })),
  endTime: In.optional(In.period({ description: 'Created at or before' })),
});
