import type { WithInput } from '../../framework/dialect.js';
import { In } from '../../framework/input.js';
import type { WebcastContext } from '../context.js';
import { ownedWebcast } from '../webcast-view.js';

const MAX_ITEMS = 100;

/** One attachment of 5.11: a web address, with an optional name and description. */
const ATTACHMENT = In.object({
  url: In.url({ max: 2048, description: 'Attachment URL (absolute http or https)' }),
  name: In.optional(In.string({ max: 250 })),
  description: In.optional(In.string({ max: 1000 })),
});

/**
 * 5.11. `attachmentList` is taken however a client encodes it (catalog A-2): a JSON array in one
 * parameter, repeated or indexed JSON objects, `attachmentList[i][field]` / `attachmentList[i].field`
 * form fields, or bare URLs.
 */
export const ATTACH_INPUT = In.object({
  webcastId: In.string(),
  attachmentList: In.records(ATTACHMENT, { bare: 'url', maxItems: MAX_ITEMS, description: `Attachments to add, at most ${MAX_ITEMS}` }),
});

/** 5.12: `urls` in any list encoding. */
export const DETACH_INPUT = In.object({
  webcastId: In.string(),
  urls: In.list({ description: 'URLs of the attachments to remove' }),
});

/** 5.11 `/webcast/file/attach`: adds the attachments; a URL the webcast already has gets the new name and description. */
export async function attachFiles(ctx: WithInput<WebcastContext, typeof ATTACH_INPUT>) {
  const items = ctx.input.attachmentList.map((a) => ({ url: a.url, name: a.name ?? null, description: a.description ?? null }));
  const room = await ownedWebcast(ctx, ctx.input.webcastId);
  await ctx.services.attachments.attach(room, items, { ownerUserId: ctx.user.id });
  return {};
}

/** 5.12 `/webcast/file/detach`: all or nothing; a URL the webcast does not have answers 501 and removes nothing. */
export async function detachFiles(ctx: WithInput<WebcastContext, typeof DETACH_INPUT>) {
  const room = await ownedWebcast(ctx, ctx.input.webcastId);
  await ctx.services.attachments.detach(room, ctx.input.urls);
  return {};
}
