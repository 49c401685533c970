import { EventEmitter } from 'node:events';

/** A fact about a classroom, published after it is stored. */
export interface ClassroomEvent {
  type:
    | 'session.started' | 'session.ended'
    | 'participant.joined' | 'participant.left'
    | 'chat.sent' | 'question.asked' | 'question.answered'
    | 'poll.published' | 'poll.answered' | 'poll.closed'
    | 'rollcall.started' | 'rollcall.answered' | 'rollcall.ended'
    | 'reward.given' | 'hand.raised' | 'hand.updated'
    | 'announcement.set' | 'client.reported' | 'vod.viewed'
    | 'lottery.drawn' | 'attention.checked' | 'expression.captured' | 'evaluation.submitted';
  tenantId: string;
  roomId: number;
  sessionId: number | null;
  at: number;
  data: Record<string, unknown>;
}

/**
 * Where stored classroom events are announced. In-process by default; the distributed runtime
 * relays it through Redis so every Lectern process sees every room's events.
 */
export class EventBus {
  private readonly emitter = new EventEmitter();
  private relay: ((event: ClassroomEvent) => void) | undefined;

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  /** Announces an event stored by this process: to local listeners, and to the other processes. */
  publish(event: ClassroomEvent): void {
    this.emitter.emit('event', event);
    this.relay?.(event);
  }

  /** Hands an event stored by another process to this process's listeners only. */
  deliverRemote(event: ClassroomEvent): void {
    this.emitter.emit('event', event);
  }

  /** Where events published here are forwarded to reach other processes (one relay per bus). */
  setRelay(relay: ((event: ClassroomEvent) => void) | undefined): void {
    this.relay = relay;
  }

  subscribe(listener: (event: ClassroomEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
