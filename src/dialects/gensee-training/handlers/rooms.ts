import { roomProperties } from '../../../core/rooms.js';
import type { TrainingContext } from '../context.js';
import { ownedRoom } from '../../shared/gensee-ownership.js';

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** 5.4 `/training/room/info`: teachers see their own rooms, admins every room of the site. */
export async function trainingRoomInfo(ctx: TrainingContext) {
  const roomId = ctx.params.string('roomId', { required: true });
  const room = await ownedRoom(ctx, roomId, 'room');
  const props = roomProperties(room);
  const tokens = await ctx.services.passes.roleTokens(room);
  const origin = ctx.config.publicUrl ?? ctx.req.origin;
  const duration = room.scheduled_start !== null && room.scheduled_end !== null ? Math.round((room.scheduled_end - room.scheduled_start) / 60_000) : 0;
  return {
    id: room.public_id,
    number: room.number,
    subject: room.title,
    teacherToken: tokens.host,
    assistantToken: tokens.assistant,
    studentToken: tokens.student ?? '',
    studentClientToken: str(props.studentClientToken),
    startDate: room.scheduled_start,
    invalidDate: room.scheduled_end,
    webJoin: String(props.webJoin ?? 'true'),
    clientJoin: String(props.clientJoin ?? 'true'),
    teacherJoinUrl: `${origin}/training/site/s/${room.number}`,
    studentJoinUrl: `${origin}/training/site/s/${room.number}`,
    action: props.action === true,
    duration,
    groupList: [],
    aacSupport: room.audio_aac === 1,
  };
}
