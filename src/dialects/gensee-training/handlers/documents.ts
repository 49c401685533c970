import type { WithInput } from '../../framework/dialect.js';
import { In } from '../../framework/input.js';
import { listItem } from '../../shared/gensee-lists.js';
import { siteDocument } from '../../shared/gensee-media.js';
import type { TrainingContext } from '../context.js';
import { convCode } from '../courseware-view.js';
import { syncPage, type SYNC_INPUT } from '../sync.js';
import { trainingError } from '../errors.js';
import { ownedRoom } from '../owned.js';

/**
 * 5.22 `/training/doc/syn`: the site's server documents created in the window, 50 a page, with
 * their conversion state. Documents sent to 5.27 are listed too (they have a `docId`; A-20).
 */
export async function syncDocuments(ctx: WithInput<TrainingContext, typeof SYNC_INPUT>) {
  const { rows, page, states } = await syncPage(ctx, (window, page) => ctx.services.media.pageDocuments(ctx.tenant.id, { window, page }), (d) => d.conversion_job_id);
  return {
    list: rows.map((d) => listItem({
      // the document prints `Id`; every other id of both APIs is `id`, which clients read.
      id: d.id,
      name: d.name,
      // A String "true"/"false" here (a boolean in Webcast): uploaded, or saved from a class.
      upload: String(d.source !== 'room'),
      createdTime: d.created_at,
      convCode: convCode(d.conversion_job_id, states),
    })),
    page,
  };
}

export const DOCUMENT_INPUT = In.object({
  roomId: In.string({ description: 'Room ID' }),
  docId: In.int({ description: 'Document ID (Long, as 5.22 lists it)' }),
});

/** 5.23 `/training/doc/attach`: the document is shown in the room's client; attaching it again changes nothing. */
export async function attachDocument(ctx: WithInput<TrainingContext, typeof DOCUMENT_INPUT>) {
  const room = await ownedRoom(ctx, ctx.input.roomId);
  const doc = await siteDocument(ctx, ctx.input.docId, ctx.input.docId);
  await ctx.services.media.attachDocument(room, doc);
  return {};
}

/** 5.24 `/training/doc/detach`: a document that is not attached to the room is 501. */
export async function detachDocument(ctx: WithInput<TrainingContext, typeof DOCUMENT_INPUT>) {
  const room = await ownedRoom(ctx, ctx.input.roomId);
  const doc = await siteDocument(ctx, ctx.input.docId, ctx.input.docId);
  if (!(await ctx.services.media.detachDocument(room, doc))) throw trainingError('NOT_FOUND', `document ${doc.id} is not attached to room "${room.public_id}"`);
  return {};
}
