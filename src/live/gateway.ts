import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Services } from '../core/services.js';
import type { ParticipantIdentity, ParticipantRole } from '../core/participants.js';
import type { PassRole } from '../core/passes.js';
import type { RoomEvent } from '../core/events.js';
import type { JoinInput } from '../core/ingestion.js';
import { DomainError } from '../core/errors.js';
import type { RoomRow } from '../storage/schema.js';
import { DEFAULT_PRESENCE, RoomHub, type HubMember, type PresenceOptions } from './room-hub.js';
import { EntryError, TICKET_TTL_MS, type LiveEntry } from './entry.js';
import type { TicketClaims, TicketSigner } from './tickets.js';
import { DEFAULT_PRESENCE_PAGE, MAX_FRAME_BYTES, parseClientFrame, type ErrorCode, type LiveRole, type ServerMessage, type WelcomeMessage } from './protocol.js';
import { chatInput, runCommand, type Actor } from './commands.js';
import { LiveLeases, type LeaseOptions } from './leases.js';
import { IngestionBatcher } from './ingestion-batcher.js';

export const LIVE_WS_PATH = '/live/ws';

export interface GatewayOptions {
  services: Services;
  entry: LiveEntry;
  tickets: TicketSigner;
  /** Ping interval; a client that misses one pong is dropped at the next (leave within 2 intervals + grace). */
  heartbeatMs?: number;
  /** This process's lease (live_nodes): how long, how often renewed. */
  lease?: Omit<LeaseOptions, 'onError'>;
  /** How long a dropped connection's person stays "in the room" waiting for a reconnect. */
  graceMs?: number;
  /** Most frames one connection may send per second. */
  framesPerSecond?: number;
  /** The client's address under the HTTP app's proxy rule (LECTERN_TRUST_PROXY); the socket's peer by default. */
  clientIp?: (req: IncomingMessage) => string;
  /** When presence changes are coalesced into `presence.delta` frames, and how many names are listed. */
  presence?: Partial<PresenceOptions>;
}

/** Close codes the gateway uses (4000–4999 are the application's). */
export const CLOSE = { badTicket: 4001, refused: 4003, removed: 4004, replaced: 4005, shutdown: 1001 } as const;

/** Default timings: a vanished client's leave is recorded within 2 × heartbeat + grace = 25 s. */
export const DEFAULT_HEARTBEAT_MS = 10_000;
export const DEFAULT_GRACE_MS = 5_000;

/** Platforms the exports know; a client may name its own with `?platform=`. */
const PLATFORMS = new Set(['web', 'pc', 'mac', 'ios', 'android', 'h5', 'mini', 'phone', 'other']);

function platformOf(query: URLSearchParams, userAgent: string | undefined): string {
  const named = query.get('platform');
  if (named && PLATFORMS.has(named)) return named;
  if (!userAgent) return 'other';
  if (/iPhone|iPad/i.test(userAgent)) return 'ios';
  if (/Android/i.test(userAgent)) return 'android';
  if (/Mozilla/i.test(userAgent)) return 'web';
  return 'other';
}

/** The peer's address, ignoring X-Forwarded-For (used when no proxy is trusted). */
const socketAddress = (req: IncomingMessage): string => req.socket.remoteAddress ?? '';

const participantRole = (role: PassRole): ParticipantRole => role;
const isPassRole = (role: LiveRole): role is PassRole => role !== 'observer';

/** One person in one room of this process: how many connections they have, and a pending leave. */
interface Presence {
  participantId: number;
  /** The participation record this presence opened: its leave closes that one only. */
  participationId: number;
  connections: number;
  muted: boolean;
  leaveTimer?: NodeJS.Timeout;
  /** How they joined: joined again, the same way, when class starts anew while they are still connected. */
  join: JoinInput;
  /** Class ended while they stayed, which closed their participation: they join again on their next connection or class start. */
  outOfClass?: boolean;
  /** That new join, while it is being written (its callers share it). */
  rejoining?: Promise<void>;
}

/**
 * The live rooms' WebSocket endpoint (`/live/ws?ticket=…[&resume=<seq>]`), on the HTTP server's
 * upgrade event (no Fastify plugin). A connection joins its room through ClassroomIngestion, gets a
 * `welcome`, then every room event in sequence order (subscribeInOrder: the same order in every
 * process); what it sends is checked (size, rate, shape, role) and written through ClassroomIngestion.
 * The person leaves when their last connection closes and no reconnect came within the grace period.
 */
export class LiveGateway {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly presences = new Map<string, Presence>();
  private readonly connections = new Set<Connection>();
  /** The rooms this process has connections in, each shared by its connections (how many use it). */
  private readonly hubs = new Map<number, { hub: Promise<RoomHub>; users: number; opened?: RoomHub }>();
  readonly presenceOptions: PresenceOptions;
  private readonly heartbeat: NodeJS.Timeout;
  readonly graceMs: number;
  readonly heartbeatMs: number;
  readonly framesPerSecond: number;
  readonly leases: LiveLeases;
  /** Joins, leaves and commands of every connection, group-committed. */
  readonly batcher: IngestionBatcher;

  constructor(readonly opts: GatewayOptions) {
    this.graceMs = opts.graceMs ?? DEFAULT_GRACE_MS;
    this.heartbeatMs = opts.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
    this.framesPerSecond = opts.framesPerSecond ?? 20;
    this.presenceOptions = { ...DEFAULT_PRESENCE, ...opts.presence };
    // Admission counts a room's students from its hub here, where this process follows the room.
    opts.entry.presentCounts = (roomId) => this.hubs.get(roomId)?.opened?.presence.counts();
    this.batcher = new IngestionBatcher(opts.services);
    this.heartbeat = setInterval(() => {
      for (const c of this.connections) c.beat();
    }, this.heartbeatMs);
    this.heartbeat.unref();
    this.leases = new LiveLeases(opts.services, { ...opts.lease, onError: (err) => console.error('live gateway: lease', err) });
  }

  /** Longest time from a client vanishing (answering no more pings) to its leave being recorded. */
  get worstCaseLeaveMs(): number {
    return 2 * this.heartbeatMs + this.graceMs;
  }

  /** Takes this process's lease (and closes what dead processes left open). */
  start(): Promise<void> {
    return this.leases.start();
  }

  get services(): Services {
    return this.opts.services;
  }

  /** Rooms with someone present through this process (metrics). */
  liveRooms(): number {
    return new Set([...this.presences.keys()].map((id) => id.slice(0, id.indexOf(':')))).size;
  }

  /** People present through this process, counted once however many connections they have. */
  liveParticipants(): number {
    return this.presences.size;
  }

  liveConnections(): number {
    return this.connections.size;
  }

  /** Serves `/live/ws` upgrades of `server`; other upgrade paths are refused. */
  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname !== LIVE_WS_PATH) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        const connection = new Connection(this, ws, socket, req, url.searchParams);
        this.connections.add(connection);
        ws.on('close', () => this.connections.delete(connection));
      });
    });
  }

  /** Closes every connection; their people leave now (the server is going away, no one reconnects here). */
  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    const leaving = [...this.connections].map((c) => c.shutdown());
    await Promise.allSettled(leaving);
    for (const p of this.presences.values()) clearTimeout(p.leaveTimer);
    this.presences.clear();
    for (const { hub } of this.hubs.values()) void hub.then((h) => h.close(), () => {});
    this.hubs.clear();
    this.wss.close();
    await this.leases.stop().catch((err: unknown) => console.error('live gateway: giving the lease up', err));
  }

  /**
   * Enters `claims`'s person into the room: a first connection joins (one participation record), a
   * second one or a reconnect within the grace period shares the existing presence.
   */
  async arrive(room: RoomRow, claims: TicketClaims & { role: PassRole }, details: { ip: string; platform: string; userAgent: string | null }, connection?: Connection): Promise<{ participantId: number; muted: boolean }> {
    const id = `${room.id}:${claims.key}`;
    const { muted } = await this.opts.entry.checkAdmission(room, claims.role, claims.key);
    if (claims.entry !== undefined) await this.takePlace(room, claims, connection);
    const present = this.presences.get(id);
    if (present) {
      clearTimeout(present.leaveTimer);
      present.leaveTimer = undefined;
      const returning = present.connections++ === 0;
      // Back within the grace period: while nobody was connected here the room's hub may have been
      // closed and missed class ending, which closed their participation.
      if (returning && !present.outOfClass && !present.rejoining && await this.participationClosed(present.participationId)) present.outOfClass = true;
      if (present.outOfClass || present.rejoining) {
        try {
          await this.rejoin(id, present);
        } catch (err) {
          // Their participation is closed already: nothing is left to record.
          if (--present.connections === 0 && this.presences.get(id) === present) this.presences.delete(id);
          throw err;
        }
      }
      return { participantId: present.participantId, muted: present.muted };
    }
    const who = identityOf(claims);
    const join: JoinInput = {
      room, who, role: participantRole(claims.role), ip: details.ip, platform: details.platform, userAgent: details.userAgent,
      properties: claims.group === undefined ? undefined : { group: claims.group }, nodeId: this.leases.nodeId,
    };
    const joined = await this.batcher.join(join);
    // Another connection of the same person may have arrived while this one was joining.
    const raced = this.presences.get(id);
    if (raced) {
      raced.connections++;
      return { participantId: raced.participantId, muted: raced.muted };
    }
    this.presences.set(id, { participantId: joined.participantId, participationId: joined.participationId, connections: 1, muted, join });
    return { participantId: joined.participantId, muted };
  }

  /**
   * Ending class closes everyone's participation, but people may stay connected (a class ended by
   * mistake, a room used for several sessions). Those this process holds join again when class
   * starts anew (or when they connect again before that), so that the new session's attendance has
   * them without a reconnect. Someone disconnected, within the grace period, joins again only if they
   * come back.
   */
  private followClass(roomId: number, event: RoomEvent): void {
    if (event.type !== 'session.ended' && event.type !== 'session.started') return;
    const prefix = `${roomId}:`;
    for (const [id, present] of this.presences) {
      if (!id.startsWith(prefix)) continue;
      if (event.type === 'session.ended') present.outOfClass = true;
      else if (present.outOfClass && present.connections > 0) {
        this.rejoin(id, present).catch((err: unknown) => console.error('live gateway: joining again at class start failed', err));
      }
    }
  }

  private async participationClosed(participationId: number): Promise<boolean> {
    const row = await this.services.db.selectFrom('participations').select('left_at').where('id', '=', participationId).executeTakeFirst();
    return row?.left_at !== null && row?.left_at !== undefined;
  }

  /** A new participation for a presence whose last one class end closed; concurrent callers share it. */
  private rejoin(id: string, present: Presence): Promise<void> {
    present.outOfClass = false;
    present.rejoining ??= (async () => {
      try {
        const joined = await this.batcher.join(present.join);
        if (this.presences.get(id) !== present) {
          // They left while this join was written: its interval closes too.
          await this.batcher.leave({ room: present.join.room, participantId: joined.participantId, at: Date.now(), participationId: joined.participationId });
          return;
        }
        present.participantId = joined.participantId;
        present.participationId = joined.participationId;
      } catch (err) {
        present.outOfClass = true;
        throw err;
      } finally {
        present.rejoining = undefined;
      }
    })();
    return present.rejoining;
  }

  /**
   * A single-session entry (a per-user code) takes the person's place: connections of earlier
   * entries in this process are pushed out (`replaced`) at once, those in other processes when the
   * `participant.replaced` event reaches them; an entry older than the holder's is refused.
   */
  private async takePlace(room: RoomRow, claims: TicketClaims, connection: Connection | undefined): Promise<void> {
    const entry = claims.entry!;
    const participant = await this.services.participants.resolve(room.tenant_id, identityOf(claims));
    if (!(await this.services.ingestion.claimPlace(room, participant.id, entry))) {
      throw new EntryError('replaced', 'someone entered later with the same personal code: this entry no longer holds the place');
    }
    for (const other of this.connections) {
      if (other !== connection && other.holds(room.id, claims.key) && other.entry !== entry) other.replace();
    }
  }

  /** The room's hub in this process, opened by its first connection; `releaseHub` when done with it. */
  async acquireHub(room: RoomRow): Promise<RoomHub> {
    let entry = this.hubs.get(room.id);
    if (!entry) {
      const created: { hub: Promise<RoomHub>; users: number; opened?: RoomHub } = { hub: RoomHub.open(this.services, room, this.presenceOptions, (event) => this.followClass(room.id, event)), users: 0 };
      created.hub.then((hub) => { created.opened = hub; }, () => {
        if (this.hubs.get(room.id) === created) this.hubs.delete(room.id);
      });
      this.hubs.set(room.id, created);
      entry = created;
    }
    entry.users++;
    try {
      return await entry.hub;
    } catch (err) {
      entry.users--;
      throw err;
    }
  }

  /** A connection no longer uses the room's hub: the last one closes it (and its subscription). */
  releaseHub(roomId: number): void {
    const entry = this.hubs.get(roomId);
    if (!entry || --entry.users > 0) return;
    this.hubs.delete(roomId);
    void entry.hub.then((hub) => hub.close(), () => {});
  }

  /** The host changed someone's mute: reconnects of that person in this process start so. */
  noteMuted(roomId: number, participantId: number, muted: boolean): void {
    for (const [id, p] of this.presences) if (id.startsWith(`${roomId}:`) && p.participantId === participantId) p.muted = muted;
  }

  /** A connection of this person closed: when it was the last, they leave after the grace period (or now). */
  depart(room: RoomRow, claims: TicketClaims, immediately: boolean): Promise<void> {
    const id = `${room.id}:${claims.key}`;
    const present = this.presences.get(id);
    if (!present) return Promise.resolve();
    present.connections--;
    if (present.connections > 0) return Promise.resolve();
    const leave = async () => {
      if (this.presences.get(id) !== present || present.connections > 0) return;
      this.presences.delete(id);
      try {
        const at = Date.now();
        await this.batcher.leave({ room, participantId: present.participantId, at, participationId: present.participationId });
      } catch (err) {
        console.error('live gateway: recording a leave failed', err);
      }
    };
    if (immediately) return leave();
    present.leaveTimer = setTimeout(() => void leave(), this.graceMs);
    return Promise.resolve();
  }
}

export function identityOf(claims: TicketClaims): ParticipantIdentity {
  const number = /^number:(\d{1,15})$/.exec(claims.key);
  return { key: claims.key, name: claims.name, userNumber: number ? Number(number[1]) : null };
}

/** One WebSocket: set up, then its frames handled one after another in arrival order. */
class Connection implements HubMember {
  private alive = true;
  private chain: Promise<void>;
  private hub: RoomHub | undefined;
  /** The last room event sent: one seen already (around a resume) is not sent twice. */
  private seenSeq = 0;
  /** Frames written in this turn of the event loop go out in one write (see `write`). */
  private corked = false;
  private actor: Actor | undefined;
  private claims: TicketClaims | undefined;
  private room: RoomRow | undefined;
  private departed = false;
  private removed = false;
  private replaced = false;
  private windowStart = 0;
  private windowFrames = 0;

  constructor(private readonly gateway: LiveGateway, private readonly ws: WebSocket, private readonly socket: Duplex, private readonly req: IncomingMessage, private readonly query: URLSearchParams) {
    ws.on('pong', () => { this.alive = true; });
    ws.on('error', () => { /* a broken socket closes; the close handler records the leave */ });
    ws.on('message', (data, isBinary) => this.receive(data, isBinary));
    ws.on('close', () => void this.closed());
    this.chain = this.setUp().catch((err: unknown) => this.refuse(err));
  }

  /** Whether this connection is of person `key` in room `roomId`. */
  holds(roomId: number, key: string): boolean {
    return this.room?.id === roomId && this.claims?.key === key;
  }

  get entry(): string | undefined {
    return this.claims?.entry;
  }

  /** A later entry with the same single-session code took the place: this one is told, then closed. */
  replace(): void {
    if (this.replaced) return;
    this.replaced = true;
    this.error('replaced', 'someone entered with your personal code elsewhere: this connection is closed');
    this.ws.close(CLOSE.replaced, 'replaced');
  }

  beat(): void {
    if (!this.alive) {
      this.ws.terminate();
      return;
    }
    this.alive = false;
    try {
      this.ws.ping();
    } catch {
      this.ws.terminate();
    }
  }

  send(message: ServerMessage): void {
    this.write(JSON.stringify(message));
  }

  sendShared(frame: Buffer): void {
    this.write(frame);
  }

  /**
   * Sends one text frame. The socket is corked until the end of this turn of the event loop, so
   * that the frames of one batch (a group commit publishes many events at once) reach the kernel
   * as one write per connection, not one each.
   */
  private write(frame: string | Buffer): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(() => {
        this.corked = false;
        this.socket.uncork();
      });
    }
    this.ws.send(frame, { binary: false });
  }

  private error(code: ErrorCode, message: string, id?: string | number): void {
    this.send(id === undefined ? { type: 'error', code, message } : { type: 'error', code, message, id });
  }

  private async setUp(): Promise<void> {
    const services = this.gateway.services;
    const checked = this.gateway.opts.tickets.check(this.query.get('ticket') ?? '');
    if (!checked.ok) throw new EntryError('bad_token', `ticket refused (${checked.reason.replace('_', ' ')}): enter the room again`);
    const claims = checked.claims;
    const room = await services.rooms.find(claims.tenantId, { id: claims.roomId });
    if (!room) throw new EntryError('bad_token', 'the room of this ticket no longer exists');
    const resumeText = this.query.get('resume');
    const resume = resumeText === null ? undefined : Number(resumeText);
    if (resume !== undefined && (!Number.isSafeInteger(resume) || resume < 0)) throw new EntryError('invalid', '"resume" must be the last sequence number seen');
    if (resume !== undefined) {
      const lastSeq = await services.roomEvents.lastSeq({ tenantId: room.tenant_id, roomId: room.id });
      if (resume > lastSeq) throw new EntryError('invalid', `"resume" ${resume} is ahead of the room's last event ${lastSeq}`);
    }
    this.claims = claims;
    const hub = await this.gateway.acquireHub(room);
    this.hub = hub;
    if (this.departed) {
      this.releaseHub();
      return;
    }
    const role = claims.role;
    // An observer watches without joining: no participation record, no presence, no commands.
    let participantId: number | null = null;
    if (isPassRole(role)) {
      const arrived = await this.gateway.arrive(room, { ...claims, role }, {
        ip: (this.gateway.opts.clientIp ?? socketAddress)(this.req), platform: platformOf(this.query, this.req.headers['user-agent']), userAgent: this.req.headers['user-agent'] ?? null,
      }, this);
      participantId = arrived.participantId;
      this.actor = { services, room, role, participantId, who: identityOf(claims), muted: arrived.muted };
    }
    this.room = room;
    if (this.departed) {
      // The socket closed while joining: its close handler had nothing to leave yet.
      this.releaseHub();
      if (this.actor) await this.gateway.depart(room, claims, false);
      return;
    }
    // The welcome and joining the fan-out happen in one turn: no event falls in between.
    const welcome = this.welcome(hub, room, claims, participantId);
    this.send(welcome);
    this.seenSeq = resume ?? welcome.room.lastSeq;
    await hub.attach(this, resume);
  }

  /** The room as this process knows it, from memory: no database read per entrant. */
  private welcome(hub: RoomHub, room: RoomRow, claims: TicketClaims, participantId: number | null): WelcomeMessage {
    const { present, truncated } = hub.presence.listed(hub.opts.audienceCap);
    const ticket = this.gateway.opts.tickets.sign({ ...claims, exp: Date.now() + TICKET_TTL_MS });
    return {
      type: 'welcome', participantId, role: claims.role, name: claims.name, ticket, muted: this.actor?.muted ?? false,
      room: {
        id: room.public_id, title: room.title, present, presentTruncated: truncated, total: hub.presence.total, counts: hub.presence.counts(),
        classStarted: hub.classStarted, sessionId: hub.sessionId, announcement: hub.announcement, lastSeq: hub.lastSeq,
      },
    };
  }

  private releaseHub(): void {
    if (!this.hub) return;
    this.hub.detach(this);
    this.gateway.releaseHub(this.hub.ref.roomId);
    this.hub = undefined;
  }

  /**
   * A room event: private chat reaches only its two people (and observers, who see everything); a
   * removal closes the removed person's sockets.
   */
  deliver(event: RoomEvent, frame: Buffer): void {
    if (event.seq <= this.seenSeq) return;
    this.seenSeq = event.seq;
    const me = this.actor?.participantId;
    if (event.type === 'participant.replaced') {
      // An entry made through another process took this person's place (this process's own are pushed out at entry).
      if (event.data.participantId === me && this.claims?.entry !== undefined && this.claims.entry !== event.data.entry) this.replace();
      return;
    }
    const observer = this.claims?.role === 'observer';
    if (event.type === 'chat.sent' && !observer && event.data.to !== null && event.data.to !== me && event.data.from !== me) return;
    if (event.type === 'poll.answered' && this.actor?.role === 'student') {
      // Students see that someone answered a poll, not what they answered.
      this.send({ type: 'event', seq: event.seq, event: { type: event.type, at: event.at, data: { id: event.data.id, participantId: event.data.participantId } } });
    } else {
      this.write(frame);
    }
    if (event.type === 'participant.muted') {
      if (event.data.participantId === me && this.actor) this.actor.muted = event.data.muted;
      this.gateway.noteMuted(event.roomId, event.data.participantId, event.data.muted);
    }
    if (event.type === 'participant.removed' && event.data.participantId === me) {
      this.removed = true;
      this.error('removed', 'the host removed you from this room');
      this.ws.close(CLOSE.removed, 'removed by the host');
    }
  }

  private receive(data: RawData, isBinary: boolean): void {
    const now = Date.now();
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.windowFrames = 0;
    }
    if (++this.windowFrames > this.gateway.framesPerSecond) {
      if (this.windowFrames === this.gateway.framesPerSecond + 1) this.error('rate_limited', `at most ${this.gateway.framesPerSecond} frames a second: frames dropped`);
      return;
    }
    const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data instanceof ArrayBuffer ? data.byteLength : data.length;
    if (size > MAX_FRAME_BYTES) {
      this.error('too_large', `a frame may have at most ${MAX_FRAME_BYTES} bytes, this one has ${size}`);
      return;
    }
    if (isBinary) {
      this.error('malformed', 'frames are JSON text, not binary');
      return;
    }
    const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as Buffer).toString('utf8');
    this.chain = this.chain.then(() => this.handle(text)).catch((err: unknown) => console.error('live gateway: handling a frame failed', err));
  }

  private async handle(text: string): Promise<void> {
    if (!this.claims || this.departed) return;
    const parsed = parseClientFrame(text);
    if (!parsed.ok) {
      this.error(parsed.code, parsed.message, parsed.id);
      return;
    }
    const { id } = parsed.message;
    if (parsed.message.type === 'presence.list') {
      const hub = this.hub;
      if (!hub) return;
      const { people, next } = hub.presence.page(parsed.message.after ?? 0, parsed.message.limit ?? DEFAULT_PRESENCE_PAGE);
      this.send({ type: 'presence.page', ...(id === undefined ? {} : { id }), people, next, total: hub.presence.total });
      return;
    }
    const command = parsed.message;
    if (!this.actor) {
      this.error('forbidden', `an observer only watches: it may not send "${parsed.message.type}"`, id);
      return;
    }
    try {
      const actor = this.actor;
      // Chat, the bulk of what a large room sends, is written on the batcher's bulk path once checked.
      const result = command.type === 'chat'
        ? { chatId: await this.gateway.batcher.chat(await chatInput(actor, command)) }
        : await this.gateway.batcher.submit((tx) => runCommand({ ...actor, services: tx }, command));
      if (id !== undefined) this.send({ type: 'ack', id, result });
    } catch (err) {
      if (err instanceof DomainError) {
        const code: ErrorCode = err.kind === 'gone' ? 'not_found' : err.kind === 'duplicate' ? 'conflict' : err.kind;
        this.error(code, err.message, id);
      } else {
        console.error('live gateway: a command failed', err);
        this.error('internal', 'the message could not be handled; try again', id);
      }
    }
  }

  /** Setup failed: an error frame says why, then the socket closes. */
  private refuse(err: unknown): void {
    if (err instanceof EntryError) {
      const code: ErrorCode = err.reason === 'bad_token' || err.reason === 'rate_limited' ? 'bad_ticket' : err.reason;
      this.error(code, err.message);
      this.ws.close(code === 'bad_ticket' ? CLOSE.badTicket : code === 'removed' ? CLOSE.removed : code === 'replaced' ? CLOSE.replaced : CLOSE.refused, code);
      return;
    }
    console.error('live gateway: setting a connection up failed', err);
    this.error('internal', 'the room could not be entered; try again');
    this.ws.close(1011, 'internal');
  }

  private async closed(): Promise<void> {
    if (this.departed) return;
    this.departed = true;
    this.releaseHub();
    if (this.room && this.claims && this.actor) await this.gateway.depart(this.room, this.claims, this.removed);
  }

  /** The server is going away: the person leaves now. */
  async shutdown(): Promise<void> {
    this.ws.terminate();
    if (this.departed) return;
    this.departed = true;
    this.releaseHub();
    if (this.room && this.claims && this.actor) await this.gateway.depart(this.room, this.claims, true);
  }
}
