import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import type { Engine } from '../storage/database.js';
import { EventBus } from './event-bus.js';
import { RoomEventLog } from './outbox.js';
import { TransactionRunner, type UnitOfWork, type UnitOfWorkRunner } from './unit-of-work.js';
import { ReadCache } from './read-cache.js';
import type { Storage } from '../storage/database.js';
import { ClassroomIngestion } from './ingestion.js';
import { ParticipantService } from './participants.js';
import { PassService } from './passes.js';
import { SessionQueries } from './sessions.js';
import { AttendanceQueries } from './attendance.js';
import { ActivityQueries } from './activity.js';
import { RoomService } from './rooms.js';
import { TenantService } from './tenants.js';
import { UserService } from './users.js';
import { AttachmentService } from './attachments.js';
import { RoomListing } from './room-listing.js';
import { MediaLibrary } from './media.js';
import { WarmupService } from './warmups.js';
import { RelayService } from './relays.js';
import { GroupService } from './groups.js';
import { RosterService } from './roster.js';
import { BranchService } from './branches.js';
import { EntryChecks } from './entry-checks.js';
import { PresenceQueries } from './presence.js';
import { CloudRecording } from './cloud-recording.js';
import { JoinCodes } from './join-codes.js';
import { RoomGroups } from './room-groups.js';
import { StreamKeys } from './stream-keys.js';
import { InsertPlaySets } from './insert-play.js';
import { JobQueue } from '../jobs/queue.js';
import { MediaConversions } from './conversions.js';
import { StudentSummaries } from './student-summaries.js';
import { EngagementQueries } from './engagement.js';
import { EvaluationService } from './evaluations.js';

/** The domain, wired to one database. Dialects, the live runtime, the CLI and the demo all use this. */
export class Services {
  readonly tenants: TenantService;
  readonly users: UserService;
  readonly rooms: RoomService;
  readonly participants: ParticipantService;
  readonly passes: PassService;
  readonly sessions: SessionQueries;
  readonly attendance: AttendanceQueries;
  readonly activity: ActivityQueries;
  readonly ingestion: ClassroomIngestion;
  readonly attachments: AttachmentService;
  readonly roomListing: RoomListing;
  readonly media: MediaLibrary;
  readonly warmups: WarmupService;
  readonly relays: RelayService;
  readonly groups: GroupService;
  readonly roster: RosterService;
  readonly branches: BranchService;
  readonly presence: PresenceQueries;
  readonly cloudRecording: CloudRecording;
  readonly joinCodes: JoinCodes;
  readonly roomGroups: RoomGroups;
  readonly streamKeys: StreamKeys;
  readonly insertPlay: InsertPlaySets;
  readonly jobs: JobQueue;
  readonly conversions: MediaConversions;
  readonly studentSummaries: StudentSummaries;
  /** Rooms' events in sequence, from the outbox (clients resuming after a reconnect). */
  readonly roomEvents: RoomEventLog;
  /** Runs atomic work: a transaction of its own, or the unit of work these services are bound to. */
  readonly units: UnitOfWorkRunner;
  readonly engagement: EngagementQueries;
  readonly evaluations: EvaluationService;

  /**
   * `cache` remembers hot lookups while the data is unchanged; services bound to a transaction get
   * none. `unit` binds them to a transaction under way (see `transaction`). `entryChecks` is shared
   * by every Services of one process (dialects register into it at start-up).
   */
  constructor(readonly db: Kysely<Database>, readonly engine: Engine, readonly bus: EventBus = new EventBus(), private readonly cache: ReadCache = new ReadCache(), private readonly unit?: UnitOfWork, readonly entryChecks: EntryChecks = new EntryChecks()) {
    this.units = unit ?? new TransactionRunner(db, bus);
    this.tenants = new TenantService(db, cache);
    this.users = new UserService(db, cache);
    this.rooms = new RoomService(db, cache);
    this.participants = new ParticipantService(db);
    this.passes = new PassService(db, cache);
    this.sessions = new SessionQueries(db);
    this.attendance = new AttendanceQueries(db);
    this.activity = new ActivityQueries(db);
    this.ingestion = new ClassroomIngestion(db, this.units);
    this.attachments = new AttachmentService(db);
    this.roomListing = new RoomListing(db);
    this.media = new MediaLibrary(db);
    this.warmups = new WarmupService(db);
    this.relays = new RelayService(db);
    this.groups = new GroupService(db);
    this.roster = new RosterService(db);
    this.branches = new BranchService(db);
    this.presence = new PresenceQueries(db);
    this.cloudRecording = new CloudRecording(db);
    this.joinCodes = new JoinCodes(db);
    this.roomGroups = new RoomGroups(db);
    this.streamKeys = new StreamKeys(db);
    this.insertPlay = new InsertPlaySets(db);
    this.jobs = new JobQueue(db, engine);
    this.conversions = new MediaConversions(db, engine);
    this.studentSummaries = new StudentSummaries(db);
    this.roomEvents = new RoomEventLog(db);
    this.engagement = new EngagementQueries(db);
    this.evaluations = new EvaluationService(db);
  }

  /**
   * Runs `fn` with services bound to one transaction (the current one, if these already are). The
   * classroom events recorded in it are published only once the outermost transaction commits.
   */
  transaction<T>(fn: (tx: Services) => Promise<T>): Promise<T> {
    return this.units.run((uow) => fn(uow === this.unit ? this : new Services(uow.db, this.engine, this.bus, undefined, uow, this.entryChecks)));
  }

  /**
   * These services for one request: their cached lookups share one data version, asked at the
   * request's first lookup (PostgreSQL: one round trip per request instead of one per lookup).
   * Where the version costs nothing to ask (SQLite), these services themselves.
   */
  forOneRequest(): Services {
    const cache = this.cache.forOneRequest();
    if (cache === this.cache) return this;
    const view = Object.create(this) as Services;
    Object.assign(view, {
      tenants: new TenantService(this.db, cache),
      users: new UserService(this.db, cache),
      rooms: new RoomService(this.db, cache),
      passes: new PassService(this.db, cache),
    });
    return view;
  }

  /** The services of an opened database, with a read cache where the engine can tell when data changed. */
  static forStorage(storage: Storage, bus: EventBus = new EventBus()): Services {
    return new Services(storage.db, storage.engine, bus, new ReadCache(storage.dataVersion, undefined, storage.pinnedDataVersion));
  }
}
