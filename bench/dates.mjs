// Wall-clock date parsing: Lectern's compiled patterns (src/dialects/framework/time.ts) against
// luxon's DateTime.fromFormat on the same texts, in one process, as a ratio. Usage: node bench/dates.mjs
// (after npm run build). Exported for bench/pg.mjs, which puts the figure in RESULTS.md.
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { root } from './lib.mjs';

const { parsePeriod } = await import(path.join(root, 'dist/dialects/framework/time.js'));
const { DateTime } = createRequire(path.join(root, 'package.json'))('luxon');
const FORMATS = ['yyyy-MM-dd HH:mm:ss', 'yyyy-MM-dd HH:mm', 'yyyy-MM-dd'];
const TEXTS = ['2024-03-01 00:00:00', '2024-03-31 12:00', '2024-11-03', '2024-03-10 02:30:00'];
const ZONE = 'America/New_York';

/** luxon as time.ts called it before: each format in turn, then the period's end. */
function luxonPeriod(text) {
  for (const f of FORMATS) {
    const d = DateTime.fromFormat(text, f, { zone: ZONE });
    if (!d.isValid) continue;
    const unit = f.includes('s') ? 'second' : f.includes('m') ? 'minute' : 'day';
    return { from: d.toMillis(), until: d.plus({ [`${unit}s`]: 1 }).toMillis(), unit };
  }
  return undefined;
}

function rate(fn, ms = 700) {
  let n = 0;
  const start = process.cpuUsage();
  const until = performance.now() + ms;
  while (performance.now() < until) {
    for (const t of TEXTS) {
      fn(t);
      n++;
    }
  }
  const used = process.cpuUsage(start);
  return n / ((used.user + used.system) / 1e6);
}

export function measureDates() {
  rate((t) => parsePeriod(t, ZONE, FORMATS), 200);
  rate(luxonPeriod, 200);
  const ours = rate((t) => parsePeriod(t, ZONE, FORMATS));
  const luxon = rate(luxonPeriod);
  return { ours, luxon, speedup: ours / luxon };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = measureDates();
  process.stdout.write(`compiled patterns: ${Math.round(r.ours)} parses per CPU-second; luxon: ${Math.round(r.luxon)}; ${r.speedup.toFixed(1)}× faster\n`);
}
