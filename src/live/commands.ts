import { randomInt } from 'node:crypto';
import type { Services } from '../core/services.js';
import type { ParticipantIdentity } from '../core/participants.js';
import type { PassRole } from '../core/passes.js';
import type { PollDefinition } from '../core/ingestion.js';
import type { ChatInput } from '../core/bulk-ingestion.js';
import { DomainError, notFound } from '../core/errors.js';
import type { RoomRow } from '../storage/schema.js';
import { ALLOWED, type ClientCommand } from './protocol.js';

/** Who sends a connection's commands, and in which room. */
export interface Actor {
  services: Services;
  room: RoomRow;
  role: PassRole;
  participantId: number;
  who: ParticipantIdentity;
  /** Set from the room's `participant.muted` events about this person. */
  muted: boolean;
}

export type CommandResult = Record<string, number | string | boolean>;

/** Someone in this room (now or earlier in it): the identity ingestion records them under. */
async function personInRoom(actor: Actor, participantId: number): Promise<ParticipantIdentity> {
  const { services, room } = actor;
  const seen = await services.db.selectFrom('participations').select('id').where('room_id', '=', room.id)
    .where('participant_id', '=', participantId).limit(1).executeTakeFirst();
  const row = seen ? await services.participants.byId(room.tenant_id, participantId) : undefined;
  if (!row) throw notFound('participant', `participant ${participantId} has not been in this room`);
  return { key: row.external_key, name: row.name, userId: row.user_id, userNumber: row.user_number };
}

/** The students in the room right now (an open interval): who a lottery draws from. */
async function studentsPresent(actor: Actor): Promise<ParticipantIdentity[]> {
  const rows = await actor.services.db.selectFrom('participations').innerJoin('participants', 'participants.id', 'participations.participant_id')
    .select(['participants.external_key', 'participations.name', 'participants.user_id', 'participants.user_number'])
    .where('participations.room_id', '=', actor.room.id).where('participations.left_at', 'is', null).where('participations.role', '=', 'student')
    .orderBy('participations.id').execute();
  const byKey = new Map(rows.map((r) => [r.external_key, { key: r.external_key, name: r.name, userId: r.user_id, userNumber: r.user_number }]));
  return [...byKey.values()];
}

/** `count` different people picked uniformly at random (all of them when there are fewer). */
export function drawWinners<T>(people: readonly T[], count: number): T[] {
  const pool = [...people];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, count);
}

/** The room as it is now (its status changes as class starts and ends). */
async function currentRoom(actor: Actor): Promise<RoomRow> {
  const room = await actor.services.rooms.find(actor.room.tenant_id, { id: actor.room.id });
  if (!room || room.deleted_at !== null) throw new DomainError('gone', 'this room has been deleted', 'room');
  return room;
}

/** A chat message checked (role, mute, the room, a private message's receiver), ready to write. */
export async function chatInput(actor: Actor, cmd: Extract<ClientCommand, { type: 'chat' }>, current?: RoomRow): Promise<ChatInput> {
  if (!ALLOWED.chat.includes(actor.role)) throw new DomainError('forbidden', `a ${actor.role} may not send "chat"`, 'chat');
  if (actor.muted) throw new DomainError('forbidden', 'the host has muted your chat', 'chat');
  const room = current ?? await currentRoom(actor);
  const receiver = cmd.to === undefined ? null : await personInRoom(actor, cmd.to);
  return { room, sender: actor.who, senderRole: actor.role, receiver, content: cmd.content, at: Date.now() };
}

/**
 * Runs one client command through ClassroomIngestion, after the role check. Returns what the
 * command created (sent back in the `ack` of a message that carried an `id`).
 */
export async function runCommand(actor: Actor, cmd: ClientCommand): Promise<CommandResult> {
  if (!ALLOWED[cmd.type].includes(actor.role)) throw new DomainError('forbidden', `a ${actor.role} may not send "${cmd.type}"`, cmd.type);
  const { services, who } = actor;
  const ingestion = services.ingestion;
  const room = await currentRoom(actor);
  switch (cmd.type) {
    case 'chat':
      return { chatId: await ingestion.chat(await chatInput(actor, cmd, room)) };
    case 'ask':
      return { questionId: await ingestion.ask({ room, asker: who, content: cmd.content }) };
    case 'answer':
      await ingestion.answer({ room, questionId: cmd.questionId, answer: cmd.content, answerer: who, publish: cmd.publish ?? true });
      return { questionId: cmd.questionId };
    case 'class.start':
      return { sessionId: (await ingestion.startSession(room)).public_id };
    case 'class.end': {
      const ended = await ingestion.endSession(room);
      return { ended: ended !== undefined };
    }
    case 'announce':
      return { announcementId: await ingestion.announce({ room, content: cmd.content, link: cmd.link ?? null }) };
    case 'poll.publish': {
      const definition: PollDefinition = {
        questions: cmd.questions.map((q, i) => ({
          id: i + 1, type: q.type, content: q.content,
          options: q.options.map((o, j) => (o.correct === undefined ? { id: j + 1, value: o.value } : { id: j + 1, value: o.value, correct: o.correct })),
        })),
      };
      return { pollId: await ingestion.publishPoll({ room, kind: cmd.kind ?? 'vote', title: cmd.title, definition, publisher: who }) };
    }
    case 'poll.answer':
      await ingestion.respondPoll({ room, pollId: cmd.pollId, who, answers: cmd.answers });
      return { pollId: cmd.pollId };
    case 'poll.close':
      await ingestion.closePoll(room, cmd.pollId);
      return { pollId: cmd.pollId };
    case 'rollcall.start':
      return { rollcallId: await ingestion.startRollcall({ room, initiatorName: who.name }) };
    case 'rollcall.answer':
      await ingestion.answerRollcall({ room, rollcallId: cmd.rollcallId, who });
      return { rollcallId: cmd.rollcallId };
    case 'rollcall.end':
      await ingestion.endRollcall(room, cmd.rollcallId);
      return { rollcallId: cmd.rollcallId };
    case 'hand.raise':
      return { handId: await ingestion.raiseHand({ room, who }) };
    case 'reward': {
      const receiver = await personInRoom(actor, cmd.to);
      return { rewardId: await ingestion.reward({ room, kind: cmd.kind ?? 'praise', giver: who, receiver, amount: cmd.amount }) };
    }
    case 'lottery.draw': {
      const winners = drawWinners(await studentsPresent(actor), cmd.winners);
      return { lotteryId: await ingestion.drawLottery({ room, prize: cmd.prize, mode: 'standard', drawerName: who.name, winners }) };
    }
    case 'document.show':
      await ingestion.showDocument({ room, page: cmd.page, title: cmd.title ?? null });
      return { page: cmd.page };
    case 'mute':
      await personInRoom(actor, cmd.participantId);
      await ingestion.mute(room, cmd.participantId, cmd.muted ?? true);
      return { participantId: cmd.participantId };
    case 'remove':
      if (cmd.participantId === actor.participantId) throw new DomainError('invalid', 'a host cannot remove themselves; leave instead', 'participant');
      await ingestion.remove(room, cmd.participantId);
      return { participantId: cmd.participantId };
  }
}
