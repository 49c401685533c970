import type { Command } from 'commander';
import type { Services } from '../../core/services.js';
import { roomCodes, roomKeyOf } from '../../simulate/room-codes.js';
import type { SimulationCounts } from '../../simulate/simulator.js';

type WithServices = <T>(fn: (services: Services) => Promise<T>) => Promise<T>;

interface SimulateFlags {
  url: string;
  room: string;
  participants: string;
  duration: string;
  chatRate: string;
  startClass?: boolean;
  json?: boolean;
  studentCode?: string;
  teacherCode?: string;
}

function numberFlag(name: string, text: string, min: number, max: number, integer: boolean): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw new Error(`--${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}, got "${text}"`);
  }
  return n;
}

function baseUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`--url must be the server's base URL (http://host:port), got "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`--url must be http or https, got "${text}"`);
  return url.origin;
}

const line = (c: SimulationCounts, phase: string) =>
  `simulate [${phase}] joined ${c.joined} left ${c.left} chat ${c.chat_sent} questions ${c.questions} poll answers ${c.poll_answers} check-ins ${c.checkins} errors ${c.errors}`;

/**
 * `lectern simulate`: virtual participants in a live room, through the public entry route and the
 * WebSocket protocol. Without `--student-code`/`--teacher-code` the codes are read from the
 * server's database (LECTERN_DATA / DATABASE_URL), so it runs on the server host.
 */
export function addSimulateCommand(program: Command, withServices: WithServices): void {
  program.command('simulate').description('run virtual participants in a live room (entry and WebSocket like a browser)')
    .requiredOption('--url <base>', 'the server, e.g. http://127.0.0.1:8080')
    .requiredOption('--room <room_id>', 'the Baijiayun room_id or Gensee id of the room (any tenant)')
    .requiredOption('--participants <n>', 'virtual students')
    .requiredOption('--duration <seconds>', 'how long the students stay once all have joined')
    .option('--chat-rate <msg_per_s>', 'chat messages a second, all students together', '1')
    .option('--start-class', 'a virtual teacher starts class first (with a poll and a roll-call) and ends it at the end')
    .option('--json', 'print the result as one JSON object')
    .option('--student-code <code>', "the room's student code (default: read from the server's database)")
    .option('--teacher-code <code>', "the room's teacher code (default: read from the server's database)")
    .action(async (flags: SimulateFlags) => {
      const url = baseUrl(flags.url);
      roomKeyOf(flags.room);
      const participants = numberFlag('participants', flags.participants, 0, 100_000, true);
      const duration = numberFlag('duration', flags.duration, 0, 86_400, false);
      const chatRate = numberFlag('chat-rate', flags.chatRate, 0, 10_000, false);
      let studentCode = flags.studentCode;
      let teacherCode = flags.teacherCode;
      if (!studentCode || (flags.startClass && !teacherCode)) {
        const codes = await withServices((s) => roomCodes(s, flags.room));
        studentCode ??= codes.student;
        teacherCode ??= codes.teacher;
      }
      // Loaded only when simulating: other commands start no faster for it.
      const { simulate } = await import('../../simulate/simulator.js');
      const tty = process.stderr.isTTY;
      const result = await simulate({
        url, studentCode, teacherCode, participants, durationMs: duration * 1000, chatRate, startClass: flags.startClass === true,
        onProgress: (c, phase) => process.stderr.write(tty ? `\r${line(c, phase)}\x1b[K` : `${line(c, phase)}\n`),
      });
      if (tty) process.stderr.write('\n');
      if (flags.json) process.stdout.write(JSON.stringify(result) + '\n');
      else process.stdout.write(Object.entries(result).map(([k, v]) => `${k}: ${v}`).join('\n') + '\n');
    });
}
