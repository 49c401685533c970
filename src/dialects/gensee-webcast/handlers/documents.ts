import type { DocumentRow } from '../../../storage/schema.js';
import type { WithInput } from '../../framework/dialect.js';
import { In } from '../../framework/input.js';
import { genseePage } from '../../shared/gensee-envelope.js';
import { listItem, mediaPage, numericId } from '../../shared/gensee-lists.js';
import { siteDocument as documentOfSite } from '../../shared/gensee-media.js';
import { creationWindow } from '../../shared/gensee-window.js';
import type { WebcastContext } from '../context.js';
import { webcastError } from '../errors.js';
import { ownedWebcast } from '../webcast-view.js';
import { preparableWebcast, type SYNC_INPUT } from './media-view.js';

/** 5.31, 5.32: `docId` is a String naming the Long id of 5.30. */
export const DOCUMENT_INPUT = In.object({ webcastId: In.string(), docId: In.string({ description: 'Document id (the `id` of 5.30)' }) });
type DocumentContext = WithInput<WebcastContext, typeof DOCUMENT_INPUT>;

/** 5.30 `/webcast/doc/sync`: the site's server documents created in the window, 50 a page. */
export async function syncDocuments(ctx: WithInput<WebcastContext, typeof SYNC_INPUT>) {
  const window = creationWindow(ctx.input);
  const page = mediaPage(ctx.input.pageNo);
  const result = await ctx.services.media.pageDocuments(ctx.tenant.id, { window, page });
  return {
    page: genseePage(page, result.total),
    list: result.rows.map((d) => listItem({
      createdTime: d.created_at,
      // `upload` is true for uploaded files and false for documents saved from a class (A-20: ids are Long here).
      upload: d.source !== 'room',
      id: d.id,
      name: d.name,
    })),
  };
}

/** `docId` is a String in 5.31/5.32 naming the Long id of 5.30; text that is not a number names nothing. */
async function siteDocument(ctx: DocumentContext): Promise<DocumentRow> {
  const { docId } = ctx.input;
  return documentOfSite(ctx, numericId(docId), docId);
}

/** 5.31 `/webcast/doc/attach`: the document is shown in the webcast's client; attaching it again is a no-op. */
export async function attachDocument(ctx: DocumentContext) {
  const room = await preparableWebcast(ctx, ctx.input.webcastId);
  const doc = await siteDocument(ctx);
  await ctx.services.media.attachDocument(room, doc);
  return {};
}

/** 5.32 `/webcast/doc/detach`: a document that is not attached to the webcast is 501. */
export async function detachDocument(ctx: DocumentContext) {
  const { webcastId } = ctx.input;
  const room = await ownedWebcast(ctx, webcastId);
  const doc = await siteDocument(ctx);
  if (!(await ctx.services.media.detachDocument(room, doc))) throw webcastError('NOT_FOUND', `document ${doc.id} is not attached to webcast "${webcastId}"`);
  return {};
}
