import type { Kysely } from 'kysely';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations predate the typed schema

/** Who answered a question, as a participant (exports report the answerer's user id, not just a name). */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('questions').addColumn('answerer_participant_id', 'bigint').execute();
}
