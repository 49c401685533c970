/**
 * Fixed-width wall-clock formats (`yyyy-MM-dd HH:mm:ss` and its shorter forms) compiled once into
 * anchored regular expressions. They read a text exactly as luxon's `DateTime.fromFormat` does for
 * these tokens — same digit counts, same range checks, `24:00:00` accepted as luxon accepts it —
 * without luxon's per-call tokenising and object building, which dominated CC's date-range calls.
 * Formats with any other token are not compiled (undefined); callers fall back to luxon for them.
 */

/** The smallest unit a wall-clock text can name. */
export type PeriodUnit = 'millisecond' | 'second' | 'minute' | 'hour' | 'day';

type Field = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'millisecond';

/** The tokens compiled here, with luxon's digit count for each (luxon: `unitForToken`). */
const TOKENS: Record<string, { field: Field; digits: number }> = {
  yyyy: { field: 'year', digits: 4 },
  MM: { field: 'month', digits: 2 },
  dd: { field: 'day', digits: 2 },
  HH: { field: 'hour', digits: 2 },
  mm: { field: 'minute', digits: 2 },
  ss: { field: 'second', digits: 2 },
  SSS: { field: 'millisecond', digits: 3 },
};

const UNIT_OF_FIELD: Record<Field, PeriodUnit> = {
  year: 'day', month: 'day', day: 'day', hour: 'hour', minute: 'minute', second: 'second', millisecond: 'millisecond',
};
const PRECISION: readonly PeriodUnit[] = ['day', 'hour', 'minute', 'second', 'millisecond'];

export interface WallClockFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

export interface CompiledFormat {
  /** The fields a text names, or undefined when it does not fit or names no valid date and time. */
  read(text: string): WallClockFields | undefined;
  /** The smallest unit the format names. */
  unit: PeriodUnit;
}

const escapeLiteral = (s: string) => s.replace(/[-[\]{}()*+?.,\\^$|#\s]/g, '\\$&');

function compile(format: string): CompiledFormat | undefined {
  let pattern = '';
  const fields: Field[] = [];
  let unit: PeriodUnit = 'day';
  for (let i = 0; i < format.length;) {
    const c = format[i];
    let j = i + 1;
    if (/[a-zA-Z]/.test(c)) {
      while (format[j] === c) j++;
      const token = TOKENS[format.slice(i, j)];
      if (!token || fields.includes(token.field)) return undefined;
      fields.push(token.field);
      pattern += `(\\d{${token.digits}})`;
      const u = UNIT_OF_FIELD[token.field];
      if (PRECISION.indexOf(u) > PRECISION.indexOf(unit)) unit = u;
    } else if (c === "'") {
      return undefined; // quoted literals: rare, left to luxon
    } else {
      while (j < format.length && !/[a-zA-Z']/.test(format[j])) j++;
      pattern += escapeLiteral(format.slice(i, j));
    }
    i = j;
  }
  // luxon needs a year for a date; a format without one is not one of these.
  if (!fields.includes('year')) return undefined;
  const regex = new RegExp(`^${pattern}$`);
  return {
    unit,
    read(text) {
      const m = regex.exec(text);
      if (!m) return undefined;
      const f: WallClockFields = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0 };
      for (let k = 0; k < fields.length; k++) f[fields[k]] = Number(m[k + 1]);
      return isValid(f) ? f : undefined;
    },
  };
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const daysInMonth = (year: number, month: number) => (month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1]);

/** luxon's `hasInvalidGregorianData` and `hasInvalidTimeData`. */
function isValid(f: WallClockFields): boolean {
  if (f.month < 1 || f.month > 12 || f.day < 1 || f.day > daysInMonth(f.year, f.month)) return false;
  const midnightEnd = f.hour === 24 && f.minute === 0 && f.second === 0 && f.millisecond === 0;
  return (f.hour <= 23 || midnightEnd) && f.minute <= 59 && f.second <= 59;
}

/** The fields as if they were UTC (luxon: `objToLocalTS`, years 0–99 included). */
export function localTimestamp(f: WallClockFields): number {
  const d = new Date(Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second, f.millisecond));
  if (f.year < 100) d.setUTCFullYear(f.year, f.month - 1, f.day);
  return d.getTime();
}

const compiled = new Map<string, CompiledFormat | null>();

/** The compiled form of a format (remembered), or undefined when it has tokens not compiled here. */
export function compiledFormat(format: string): CompiledFormat | undefined {
  let c = compiled.get(format);
  if (c === undefined) {
    c = compile(format) ?? null;
    compiled.set(format, c);
  }
  return c ?? undefined;
}
