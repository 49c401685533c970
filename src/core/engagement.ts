import type { Kysely } from 'kysely';
import type { AttentionCheckRow, AttentionResultRow, Database, ExpressionCaptureRow, LotteryDrawRow } from '../storage/schema.js';

/** A room's records within an optional inclusive window on their own time. */
export interface RoomWindow {
  roomId: number;
  from?: number;
  to?: number;
}

export interface LotteryWithWinners {
  draw: LotteryDrawRow;
  winners: Array<{ participantId: number; name: string }>;
}

/**
 * Reading lotteries, attention checks and expression captures, as `ClassroomIngestion` recorded
 * them; each list is in time order.
 */
export class EngagementQueries {
  constructor(private readonly db: Kysely<Database>) {}

  async lotteries(w: RoomWindow): Promise<LotteryWithWinners[]> {
    let q = this.db.selectFrom('lottery_draws').selectAll().where('room_id', '=', w.roomId);
    if (w.from !== undefined) q = q.where('drawn_at', '>=', w.from);
    if (w.to !== undefined) q = q.where('drawn_at', '<=', w.to);
    const draws = await q.orderBy('drawn_at').orderBy('id').execute();
    if (draws.length === 0) return [];
    const winners = await this.db.selectFrom('lottery_winners').selectAll().where('draw_id', 'in', draws.map((d) => d.id)).orderBy('id').execute();
    return draws.map((draw) => ({ draw, winners: winners.filter((x) => x.draw_id === draw.id).map((x) => ({ participantId: x.participant_id, name: x.name })) }));
  }

  attentionChecks(roomId: number): Promise<AttentionCheckRow[]> {
    return this.db.selectFrom('attention_checks').selectAll().where('room_id', '=', roomId).orderBy('started_at').orderBy('id').execute();
  }

  /** One check of the room, or undefined when the id names no check of that room. */
  attentionCheck(roomId: number, checkId: number): Promise<AttentionCheckRow | undefined> {
    return this.db.selectFrom('attention_checks').selectAll().where('room_id', '=', roomId).where('id', '=', checkId).executeTakeFirst();
  }

  attentionResults(checkId: number): Promise<AttentionResultRow[]> {
    return this.db.selectFrom('attention_results').selectAll().where('check_id', '=', checkId).orderBy('recorded_at').orderBy('id').execute();
  }

  expressionCaptures(w: RoomWindow): Promise<ExpressionCaptureRow[]> {
    let q = this.db.selectFrom('expression_captures').selectAll().where('room_id', '=', w.roomId);
    if (w.from !== undefined) q = q.where('captured_at', '>=', w.from);
    if (w.to !== undefined) q = q.where('captured_at', '<=', w.to);
    return q.orderBy('captured_at').orderBy('id').execute();
  }
}
