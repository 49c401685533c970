import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, parseDateTime, parsePeriod } from './time.js';

const ZONES = ['Asia/Shanghai', 'UTC', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham'];

describe('time formatting', () => {
  it('agrees with the time-zone database around every DST change, in zones with odd offsets too', () => {
    for (const zone of ZONES) {
      // Every 2 h 17 min 7 s over two years (so every minute of the hour is hit), plus both sides of every change.
      const start = Date.UTC(2023, 0, 1);
      const end = Date.UTC(2025, 0, 1);
      const points: number[] = [];
      for (let t = start; t < end; t += 8_227_000) points.push(t);
      const offset = (t: number) => DateTime.fromMillis(t, { zone }).offset;
      for (let hour = start; hour < end; hour += 3_600_000) {
        if (offset(hour) === offset(hour + 3_600_000)) continue;
        // A change within this hour: find its minute.
        for (let t = hour + 60_000; t <= hour + 3_600_000; t += 60_000) {
          if (offset(t) !== offset(t - 60_000)) points.push(t - 60_001, t - 1, t, t + 59_999);
        }
      }
      for (const t of points) {
        expect(formatDateTime(t, zone), `${zone} ${t}`).toBe(DateTime.fromMillis(t, { zone }).toFormat('yyyy-MM-dd HH:mm:ss'));
        expect(formatDate(t, zone)).toBe(DateTime.fromMillis(t, { zone }).toFormat('yyyy-MM-dd'));
      }
    }
  });

  it('formats and parses Beijing wall-clock time', () => {
    expect(formatDateTime(Date.UTC(2024, 2, 1, 2, 3, 4), 'Asia/Shanghai')).toBe('2024-03-01 10:03:04');
    expect(parseDateTime('2024-03-01 10:03:04', 'Asia/Shanghai')).toBe(Date.UTC(2024, 2, 1, 2, 3, 4));
    expect(parseDateTime(' 2024-03-01 ', 'Asia/Shanghai')).toBe(Date.UTC(2024, 1, 29, 16));
    expect(parseDateTime('2024/03/01', 'Asia/Shanghai')).toBeUndefined();
  });

  it('parses the span a wall-clock text names, whole days across a DST change included', () => {
    expect(parsePeriod('2024-03-01 10:03:04', 'Asia/Shanghai')).toEqual({ from: Date.UTC(2024, 2, 1, 2, 3, 4), until: Date.UTC(2024, 2, 1, 2, 3, 5), unit: 'second' });
    const spring = parsePeriod('2024-03-10', 'America/New_York')!;
    expect(spring.unit).toBe('day');
    expect(spring.until - spring.from).toBe(23 * 3_600_000);
    expect(parsePeriod('2024-03-10 x', 'UTC')).toBeUndefined();
  });
});

/** A small seeded generator, so a failure names a case that can be run again. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const WALL_FORMATS = ['yyyy-MM-dd HH:mm:ss', 'yyyy-MM-dd HH:mm', 'yyyy-MM-dd'] as const;
const luxonParse = (text: string, zone: string, format: string) => {
  const d = DateTime.fromFormat(text.trim(), format, { zone });
  return d.isValid ? d.toMillis() : undefined;
};

/** Every minute-exact instant of a zone's offset changes between two years (both sides of each). */
function transitions(zone: string, fromYear: number, toYear: number): number[] {
  const out: number[] = [];
  const offset = (t: number) => DateTime.fromMillis(t, { zone }).offset;
  for (let day = Date.UTC(fromYear, 0, 1); day < Date.UTC(toYear, 0, 1); day += 86_400_000) {
    if (offset(day) === offset(day + 86_400_000)) continue;
    for (let t = day; t < day + 86_400_000; t += 900_000) {
      if (offset(t) !== offset(t + 900_000)) out.push(t + 900_000);
    }
  }
  return out;
}

describe('wall-clock parsing without luxon', () => {
  it('agrees with luxon on random wall-clock texts around every DST change (New York, Shanghai and odd zones)', () => {
    const next = random(20261201);
    const zones = ['America/New_York', 'Asia/Shanghai', 'Europe/London', 'Australia/Lord_Howe', 'America/St_Johns'];
    let compared = 0;
    for (const zone of zones) {
      // Shanghai kept DST 1986–1991; the others still do.
      const changes = zone === 'Asia/Shanghai' ? transitions(zone, 1986, 1992) : transitions(zone, 2023, 2025);
      expect(changes.length, zone).toBeGreaterThanOrEqual(4);
      for (const change of changes) {
        for (let i = 0; i < 40; i++) {
          // Wall-clock texts within three hours of the change: skipped, repeated and ordinary ones.
          const t = change + Math.round((next() - 0.5) * 6 * 3_600_000 / 60_000) * 60_000 + Math.floor(next() * 60) * 1000;
          const full = formatDateTime(t, zone);
          for (const [format, text] of [[WALL_FORMATS[0], full], [WALL_FORMATS[1], full.slice(0, 16)], [WALL_FORMATS[2], full.slice(0, 10)]] as const) {
            expect(parseDateTime(text, zone, [format]), `${zone} "${text}"`).toBe(luxonParse(text, zone, format));
            const period = parsePeriod(text, zone, [format])!;
            const d = DateTime.fromFormat(text, format, { zone });
            const unit = format.length === 10 ? 'day' : format.length === 16 ? 'minute' : 'second';
            expect(period, `${zone} "${text}"`).toEqual({ from: d.toMillis(), until: d.plus({ [`${unit}s`]: 1 }).toMillis(), unit });
            compared++;
          }
        }
        // The skipped hour itself, minute by minute (spring forward: texts that name no instant).
        const before = formatDateTime(change - 1, zone);
        const after = formatDateTime(change, zone);
        for (const text of [before, after, `${after.slice(0, 11)}${before.slice(11, 14)}30:00`, `${before.slice(0, 11)}${after.slice(11, 14)}30:00`]) {
          expect(parseDateTime(text, zone), `${zone} "${text}"`).toBe(luxonParse(text, zone, WALL_FORMATS[0]));
        }
      }
    }
    expect(compared).toBeGreaterThan(2_500);
  });

  it('refuses what luxon refuses and accepts what it accepts, calendar edges included', () => {
    const texts = [
      '2024-02-29', '2023-02-29', '2100-02-29', '2000-02-29', '2024-04-31', '2024-13-01', '2024-00-10', '2024-01-00',
      '2024-03-01 24:00:00', '2024-03-01 24:00', '2024-03-01 24:00:01', '2024-03-01 23:60:00', '2024-03-01 23:59:60',
      '2024-3-1', '24-03-01', '20240-03-01', '2024-03-01T10:00:00', '2024-03-01  10:00', '2024-03-01 10:00:00.5',
      '0050-06-15 12:00:00', '0000-01-01', '9999-12-31 23:59:59', '２０２４-03-01', '2024-03-01 10:0a', '', ' ',
    ];
    for (const zone of ['Asia/Shanghai', 'America/New_York', 'UTC']) {
      for (const text of texts) {
        const expected = WALL_FORMATS.map((f) => luxonParse(text, zone, f)).find((ms) => ms !== undefined);
        expect(parseDateTime(text, zone), `${zone} "${text}"`).toBe(expected);
      }
    }
    expect(parseDateTime('2024-03-01', 'Not/AZone')).toBeUndefined();
  });

  it('still reads formats it does not compile, through luxon', () => {
    expect(parseDateTime('01 Mar 2024 10:00', 'Asia/Shanghai', ['dd MMM yyyy HH:mm'])).toBe(Date.UTC(2024, 2, 1, 2));
    expect(parsePeriod('01 Mar 2024', 'America/New_York', ['dd MMM yyyy'])).toEqual({ from: Date.UTC(2024, 2, 1, 5), until: Date.UTC(2024, 2, 2, 5), unit: 'day' });
    expect(parseDateTime('2024-03-01 10:00:00.250', 'UTC', ['yyyy-MM-dd HH:mm:ss.SSS'])).toBe(Date.UTC(2024, 2, 1, 10, 0, 0, 250));
  });
});
