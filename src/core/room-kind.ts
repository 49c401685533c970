/**
 * What kind of classroom a room is, in teaching terms. Every vendor names its own room types; each
 * dialect maps them onto these (docs/compat/cross-dialect.md has the table), so a room created as
 * one vendor's type reads as the matching type through every other dialect.
 */
export const ROOM_KINDS = [
  /** One teacher broadcasting to a large class (大班课, 大讲堂). */
  'large_class',
  /** The same broadcast format for a business audience: launches, trainings, all-hands (企业直播). */
  'webinar',
  /** A teacher and a few students who all go on camera (小班课). */
  'small_class',
  /** One teacher, one student (一对一). */
  'one_to_one',
  /** A lead teacher broadcasting to several classrooms, each run by its own tutor (双师). */
  'dual_teacher',
  /** A large class split into groups, each with its own assistant and group chat (分组直播, 分组课堂). */
  'group_live',
  /** A broadcast fed by an external encoder pushing a stream (推流直播). */
  'push_live',
  /** A recording played to students as if it were live (伪直播). */
  'pseudo_live',
  /** An interactive classroom: teacher, assistants and students who take the stage by turns (实时课堂). */
  'interactive_class',
  /** A short interactive lesson with only a teacher and students (微课堂). */
  'mini_class',
] as const;

export type RoomKind = (typeof ROOM_KINDS)[number];

/**
 * How a kind of class runs: `broadcast` — the audience watches and interacts by chat, polls and
 * hand-raising; `interactive` — students are expected on stage with audio and video.
 */
export type RoomFormat = 'broadcast' | 'interactive';

export const ROOM_FORMAT: Readonly<Record<RoomKind, RoomFormat>> = {
  large_class: 'broadcast',
  webinar: 'broadcast',
  group_live: 'broadcast',
  push_live: 'broadcast',
  pseudo_live: 'broadcast',
  small_class: 'interactive',
  one_to_one: 'interactive',
  dual_teacher: 'interactive',
  interactive_class: 'interactive',
  mini_class: 'interactive',
};

export function isRoomKind(value: unknown): value is RoomKind {
  return typeof value === 'string' && (ROOM_KINDS as readonly string[]).includes(value);
}

export function kindsOfFormat(format: RoomFormat): RoomKind[] {
  return ROOM_KINDS.filter((k) => ROOM_FORMAT[k] === format);
}
