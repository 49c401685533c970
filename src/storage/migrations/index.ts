import type { Kysely, Migration, MigrationProvider } from 'kysely';
import * as m001 from './001_initial.js';
import * as m002 from './002_media.js';
import * as m003 from './003_participation_intervals.js';
import * as m004 from './004_question_answerer.js';
import * as m005 from './005_room_events.js';
import * as m006 from './006_room_model.js';
import * as m007 from './007_room_groups.js';
import * as m008 from './008_classroom_feedback.js';
import * as m009 from './009_classroom_extensions.js';
import * as m010 from './010_jobs.js';
import * as m012 from './012_server_secrets.js';
import * as m013 from './013_deliveries.js';
import * as m014 from './014_live_member_states.js';
import * as m015 from './015_live_nodes.js';
import * as m018 from './018_session_peaks.js';
import * as m019 from './019_cache_version.js';
import * as m020 from './020_running_peaks.js';

/** Each migration gets told which engine it runs on; names sort in apply order. */
interface EngineMigration {
  up(db: Kysely<any>, postgres: boolean): Promise<void>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const MIGRATIONS: Record<string, EngineMigration> = {
  '001_initial': m001,
  '002_media': m002,
  '003_participation_intervals': m003,
  '004_question_answerer': m004,
  '005_room_events': m005,
  '006_room_model': m006,
  '007_room_groups': m007,
  '008_classroom_feedback': m008,
  '009_classroom_extensions': m009,
  '010_jobs': m010,
  '012_server_secrets': m012,
  '013_deliveries': m013,
  '014_live_member_states': m014,
  '015_live_nodes': m015,
  '018_session_peaks': m018,
  '019_cache_version': m019,
  '020_running_peaks': m020,
};

export function migrationProvider(postgres: boolean): MigrationProvider {
  return {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const [name, m] of Object.entries(MIGRATIONS)) out[name] = { up: (db) => m.up(db, postgres) };
      return out;
    },
  };
}
