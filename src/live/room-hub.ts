import type { Services } from '../core/services.js';
import type { RoomEvent, RoomRef } from '../core/events.js';
import type { ParticipantRole } from '../core/participants.js';
import type { RoomRow } from '../storage/schema.js';
import { subscribeInOrder, type OrderedRoomSubscription } from './ordered-room-subscription.js';
import { PresenceChanges, RoomPresence } from './room-presence.js';
import type { PresenceDeltaMessage, ServerMessage } from './protocol.js';

/** How a room's presence reaches its members. */
export interface PresenceOptions {
  /** From this many people present on, joins and leaves reach clients as `presence.delta` frames, not one event each. */
  coalesceAbove: number;
  /** How often a large room's `presence.delta` goes out (ms). */
  tickMs: number;
  /** From this many present on, deltas go out every `slowTickMs` instead: each one is a frame to every one of them. */
  slowTickAbove: number;
  slowTickMs: number;
  /** Most audience members (students, attendees) a `welcome` lists by name. */
  audienceCap: number;
  /** Most audience members a `presence.delta` names (the counts cover everyone). */
  deltaAudienceCap: number;
}

/**
 * A room of 10,000 in a join storm: ~40 joins per 250 ms tick, so a delta names about 20 of them
 * and costs 10,000 frames of ~1.5 KB; from 2,000 present on, one delta a second.
 */
export const DEFAULT_PRESENCE: PresenceOptions = { coalesceAbove: 100, tickMs: 250, slowTickAbove: 2000, slowTickMs: 1000, audienceCap: 200, deltaAudienceCap: 20 };

/** A connection of the room, as the hub sees it. */
export interface HubMember {
  /** A room event, in sequence order; `frame` is its `event` message, serialised once for everyone. */
  deliver(event: RoomEvent, frame: Buffer): void;
  /** A frame that is the same for everyone (a `presence.delta`). */
  sendShared(frame: Buffer): void;
}

type Pending = { event: RoomEvent; frame: Buffer } | { shared: Buffer };

const isPresenceEvent = (event: RoomEvent): boolean =>
  event.type === 'participant.joined' || event.type === 'participant.left' || event.type === 'participant.removed';

/**
 * One room in this process: one ordered subscription to its events (not one per connection),
 * the room's state a `welcome` needs (presence, class, announcement) kept from those events, and
 * the fan-out of every event to the room's connections, serialised once. In a large room, joins
 * and leaves are folded into one `presence.delta` per tick instead of one event per change to
 * everyone: that is what keeps a join storm O(N) rather than O(N²).
 */
export class RoomHub {
  readonly presence = new RoomPresence();
  /** The last event the state below includes (the room's sequence number). */
  lastSeq = 0;
  classStarted = false;
  sessionId: string | null = null;
  announcement: { content: string; link: string | null } | null = null;
  /** Members still replaying missed events hold what arrives meanwhile (null: live). */
  private readonly members = new Map<HubMember, Pending[] | null>();
  private readonly changes = new PresenceChanges();
  private tick: NodeJS.Timeout | undefined;
  private subscription: OrderedRoomSubscription | undefined;
  private closed = false;
  /** This process's own reaction to the room's events (the gateway's), once per event, after the hub's state. */
  private onApplied: ((event: RoomEvent) => void) | undefined;

  private constructor(private readonly services: Services, readonly ref: RoomRef, readonly opts: PresenceOptions) {}

  /**
   * Reads the room's state as of its last sequence number, then follows its events from there.
   * Rows read after that number may already reflect a few later events: applying those again
   * changes nothing (presence is a set).
   */
  static async open(services: Services, room: RoomRow, opts: PresenceOptions, onApplied?: (event: RoomEvent) => void): Promise<RoomHub> {
    const ref = { tenantId: room.tenant_id, roomId: room.id };
    const hub = new RoomHub(services, ref, opts);
    hub.onApplied = onApplied;
    const db = services.db;
    hub.lastSeq = await services.roomEvents.lastSeq(ref);
    const rows = await db.selectFrom('participations').select(['participant_id', 'name', 'role'])
      .where('room_id', '=', room.id).where('left_at', 'is', null).orderBy('joined_at').orderBy('id').execute();
    for (const r of rows) hub.presence.join({ participantId: Number(r.participant_id), name: r.name, role: r.role as ParticipantRole });
    const session = await services.ingestion.openSession(room);
    hub.classStarted = session !== undefined;
    hub.sessionId = session?.public_id ?? null;
    hub.announcement = (await db.selectFrom('announcements').select(['content', 'link']).where('room_id', '=', room.id)
      .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst()) ?? null;
    hub.subscription = await subscribeInOrder({
      bus: services.bus, log: services.roomEvents, room: ref, afterSeq: hub.lastSeq,
      onEvent: (event) => hub.apply(event),
      onError: (err) => console.error('live gateway: room subscription', err),
    });
    return hub;
  }

  get size(): number {
    return this.members.size;
  }

  /** Whether presence changes now travel as deltas. */
  get large(): boolean {
    return this.presence.total >= this.opts.coalesceAbove;
  }

  /**
   * Adds a connection that has been told the room's state up to `this.lastSeq` (its welcome). One
   * resuming from an earlier `afterSeq` is first sent the events in between from the outbox.
   */
  async attach(member: HubMember, afterSeq = this.lastSeq): Promise<void> {
    if (afterSeq >= this.lastSeq) {
      this.members.set(member, null);
      return;
    }
    const held: Pending[] = [];
    this.members.set(member, held);
    const upTo = this.lastSeq;
    try {
      let after = afterSeq;
      while (after < upTo && this.members.get(member) === held) {
        const page = await this.services.roomEvents.since(this.ref, after, 1000);
        if (page.length === 0) break;
        for (const event of page) {
          if (event.seq > upTo) break;
          // A replay in a large room leaves out joins and leaves: the welcome just sent has presence as of now.
          if (!(this.large && isPresenceEvent(event) && event.type !== 'participant.removed')) member.deliver(event, this.frameOf(event));
        }
        after = page[page.length - 1].seq;
      }
    } finally {
      if (this.members.get(member) === held) {
        for (const p of held) {
          if ('shared' in p) member.sendShared(p.shared);
          else member.deliver(p.event, p.frame);
        }
        this.members.set(member, null);
      }
    }
  }

  detach(member: HubMember): void {
    this.members.delete(member);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.tick);
    this.subscription?.close();
    this.members.clear();
  }

  private frameOf(event: RoomEvent): Buffer {
    const message: ServerMessage = { type: 'event', seq: event.seq, event: { type: event.type, at: event.at, data: event.data } };
    return Buffer.from(JSON.stringify(message));
  }

  /** The room's next event: state first, then everyone (or, for a large room's presence change, the next delta). */
  private apply(event: RoomEvent): void {
    if (this.closed) return;
    const before = this.presence.total;
    this.lastSeq = event.seq;
    switch (event.type) {
      case 'participant.joined':
        this.presence.join({ participantId: event.data.participantId, name: event.data.name, role: event.data.role });
        break;
      case 'participant.left':
      case 'participant.removed':
        this.presence.leave(event.data.participantId);
        break;
      case 'session.started':
        this.classStarted = true;
        this.sessionId = event.data.sessionPublicId;
        break;
      case 'session.ended':
        // Ending class closes every open interval: nobody is recorded as present any more.
        this.classStarted = false;
        this.sessionId = null;
        this.presence.clear();
        break;
      case 'announcement.set':
        this.announcement = { content: event.data.content, link: event.data.link };
        break;
      default:
        break;
    }
    try {
      this.onApplied?.(event);
    } catch (err) {
      console.error('live gateway: reacting to a room event', err);
    }
    if (event.type === 'participant.joined' || event.type === 'participant.left' || event.type === 'participant.removed') {
      if (Math.max(before, this.presence.total) >= this.opts.coalesceAbove) {
        if (event.type === 'participant.joined') this.changes.join({ participantId: event.data.participantId, name: event.data.name, role: event.data.role }, event.seq);
        else this.changes.leave(event.data.participantId, event.seq);
        this.tick ??= setTimeout(() => this.flushPresence(), this.presence.total >= this.opts.slowTickAbove ? this.opts.slowTickMs : this.opts.tickMs);
        // A removal still reaches everyone at once: the removed person's connections close on it.
        if (event.type !== 'participant.removed') return;
      } else {
        // A small room again: what is pending goes first, so that changes arrive in order.
        this.flushPresence();
      }
    }
    const frame = this.frameOf(event);
    for (const [member, held] of this.members) {
      if (held) held.push({ event, frame });
      else member.deliver(event, frame);
    }
  }

  /** Sends the presence changes gathered since the last delta, as one frame for everyone. */
  private flushPresence(): void {
    clearTimeout(this.tick);
    this.tick = undefined;
    if (this.changes.empty || this.closed) return;
    const { joined, left, truncated, seq } = this.changes.take(this.opts.deltaAudienceCap);
    const delta: PresenceDeltaMessage = { type: 'presence.delta', seq, joined, left, truncated, counts: this.presence.counts(), total: this.presence.total };
    const frame = Buffer.from(JSON.stringify(delta));
    for (const [member, held] of this.members) {
      if (held) held.push({ shared: frame });
      else member.sendShared(frame);
    }
  }
}
