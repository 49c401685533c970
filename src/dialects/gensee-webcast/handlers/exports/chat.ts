import type { ChatMessageRow } from '../../../../storage/schema.js';
import { SESSION_EXPORT } from '../../../shared/gensee-window.js';
import { streamedList } from '../../../framework/streamed-envelope.js';
import { exportScope, shown, type ExportContext } from './common.js';

function chatItem(m: ChatMessageRow) {
  return {
    time: m.sent_at,
    sender: m.sender_name,
    receiver: shown(m.receiver_name),
    senderId: shown(m.sender_participant_id),
    receiverId: shown(m.receiver_participant_id),
    msg: m.content,
  };
}

/** 5.34 `/webcast/export/chat`: public chat sent in the window; private messages are never exported. */
export async function exportChat(ctx: ExportContext) {
  const { filter } = await exportScope(ctx, SESSION_EXPORT);
  return { list: filter ? streamedList(ctx.services.activity.chatChunks({ ...filter, publicOnly: true }), (rows) => rows.map(chatItem)) : [] };
}
