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
