/** Why a request parameter was refused; each dialect maps this onto its own error table. */
export type ParamProblemKind = 'missing' | 'malformed' | 'out_of_range' | 'too_long' | 'unparseable';

export class ParamProblem extends Error {
  constructor(readonly param: string, readonly kind: ParamProblemKind, message: string) {
    super(message);
    this.name = 'ParamProblem';
  }
}

interface Common {
  required?: boolean;
}

const INT_RE = /^[+-]?\d+$/;
const NUM_RE = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/**
 * The request's parameters, query and body merged as received (body values after query values).
 * Absent and empty values are the same thing to typed getters: some clients drop falsy values,
 * others send `k=`, and defaults must apply either way.
 */
export class Params {
  constructor(private readonly values: ReadonlyMap<string, readonly string[]>) {}

  static fromPairs(pairs: Iterable<[string, string]>): Params {
    const m = new Map<string, string[]>();
    for (const [k, v] of pairs) {
      const list = m.get(k);
      if (list) list.push(v);
      else m.set(k, [v]);
    }
    return new Params(m);
  }

  /** Every name=value pair, in received order (signature schemes need them all). */
  pairs(): Array<[string, string]> {
    const out: Array<[string, string]> = [];
    for (const [k, vs] of this.values) for (const v of vs) out.push([k, v]);
    return out;
  }

  names(): string[] {
    return [...this.values.keys()];
  }

  /** The last value sent for `name` (a body value overrides a query value), untrimmed. */
  raw(name: string): string | undefined {
    const vs = this.values.get(name);
    return vs && vs.length ? vs[vs.length - 1] : undefined;
  }

  all(name: string): string[] {
    return [...(this.values.get(name) ?? [])];
  }

  has(name: string): boolean {
    const v = this.raw(name);
    return v !== undefined && v.trim() !== '';
  }

  private present(name: string, required: boolean | undefined): string | undefined {
    const v = this.raw(name);
    if (v === undefined || v.trim() === '') {
      if (required) throw new ParamProblem(name, 'missing', `${name} is required`);
      return undefined;
    }
    return v;
  }

  string(name: string, opts: Common & { max?: number; trim?: boolean } & { required: true }): string;
  string(name: string, opts?: Common & { max?: number; trim?: boolean }): string | undefined;
  string(name: string, opts: Common & { max?: number; trim?: boolean } = {}): string | undefined {
    const v = this.present(name, opts.required);
    if (v === undefined) return undefined;
    const s = opts.trim === false ? v : v.trim();
    if (opts.max !== undefined && [...s].length > opts.max) throw new ParamProblem(name, 'too_long', `${name} must be at most ${opts.max} characters`);
    return s;
  }

  int(name: string, opts: Common & { min?: number; max?: number } & { required: true }): number;
  int(name: string, opts?: Common & { min?: number; max?: number }): number | undefined;
  int(name: string, opts: Common & { min?: number; max?: number } = {}): number | undefined {
    const v = this.present(name, opts.required);
    if (v === undefined) return undefined;
    const t = v.trim();
    if (!INT_RE.test(t)) throw new ParamProblem(name, 'malformed', `${name} must be an integer, got "${truncate(t)}"`);
    const n = Number(t);
    if (!Number.isSafeInteger(n)) throw new ParamProblem(name, 'out_of_range', `${name} is out of range`);
    if (opts.min !== undefined && n < opts.min) throw new ParamProblem(name, 'out_of_range', `${name} must be at least ${opts.min}`);
    if (opts.max !== undefined && n > opts.max) throw new ParamProblem(name, 'out_of_range', `${name} must be at most ${opts.max}`);
    return n;
  }

  number(name: string, opts: Common & { min?: number; max?: number } = {}): number | undefined {
    const v = this.present(name, opts.required);
    if (v === undefined) return undefined;
    const t = v.trim();
    if (!NUM_RE.test(t)) throw new ParamProblem(name, 'malformed', `${name} must be a number, got "${truncate(t)}"`);
    const n = Number(t);
    if (opts.min !== undefined && n < opts.min) throw new ParamProblem(name, 'out_of_range', `${name} must be at least ${opts.min}`);
    if (opts.max !== undefined && n > opts.max) throw new ParamProblem(name, 'out_of_range', `${name} must be at most ${opts.max}`);
    return n;
  }

  /** true/false, 1/0, yes/no (case-insensitive). */
  bool(name: string, opts: Common = {}): boolean | undefined {
    const v = this.present(name, opts.required);
    if (v === undefined) return undefined;
    const t = v.trim().toLowerCase();
    if (t === 'true' || t === '1' || t === 'yes' || t === 'y') return true;
    if (t === 'false' || t === '0' || t === 'no' || t === 'n') return false;
    throw new ParamProblem(name, 'malformed', `${name} must be true or false, got "${truncate(v)}"`);
  }

  oneOf<T extends string | number>(name: string, allowed: readonly T[], opts: Common = {}): T | undefined {
    const v = this.present(name, opts.required);
    if (v === undefined) return undefined;
    const t = v.trim();
    const hit = allowed.find((a) => String(a) === t);
    if (hit === undefined) throw new ParamProblem(name, 'out_of_range', `${name} must be one of ${allowed.join(', ')}, got "${truncate(t)}"`);
    return hit;
  }

  /** A JSON value sent as one string parameter. */
  json(name: string, opts: Common = {}): unknown {
    const v = this.present(name, opts.required);
    if (v === undefined) return undefined;
    try {
      return JSON.parse(v);
    } catch {
      throw new ParamProblem(name, 'unparseable', `${name} is not valid JSON`);
    }
  }

  /**
   * A list sent any of the ways real clients send lists: repeated `name=`, indexed `name[0]=`,
   * `name[]=`, a JSON array string, or one comma-separated value.
   */
  list(name: string, opts: Common = {}): string[] {
    const out: string[] = [...this.all(name), ...this.all(`${name}[]`)];
    const indexed: Array<[number, string]> = [];
    for (const [k, vs] of this.values) {
      const m = k.startsWith(name + '[') ? /^\[(\d+)\]$/.exec(k.slice(name.length)) : null;
      if (m) for (const v of vs) indexed.push([Number(m[1]), v]);
    }
    indexed.sort((a, b) => a[0] - b[0]);
    out.push(...indexed.map(([, v]) => v));
    const items: string[] = [];
    for (const v of out) {
      const t = v.trim();
      if (t === '') continue;
      if (t.startsWith('[')) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(t);
        } catch {
          throw new ParamProblem(name, 'unparseable', `${name} is not a valid JSON array`);
        }
        if (!Array.isArray(parsed)) throw new ParamProblem(name, 'unparseable', `${name} is not a valid JSON array`);
        for (const x of parsed) items.push(typeof x === 'string' ? x : JSON.stringify(x));
      } else {
        items.push(...t.split(',').map((s) => s.trim()).filter(Boolean));
      }
    }
    if (opts.required && items.length === 0) throw new ParamProblem(name, 'missing', `${name} is required`);
    return items;
  }

  /**
   * A list of records, however clients encode one: a JSON array in one value, repeated (or `name[]`,
   * or indexed `name[0]`) values each a JSON object or array, form fields per record
   * (`name[0][field]` as PHP's http_build_query writes them, `name[0].field` as Java binders do), or
   * plain comma-separated text. Each item is returned as sent: a JSON value, a field map, or a text.
   * Unindexed values come first, then indexed ones by index.
   */
  records(name: string): unknown[] {
    const items: unknown[] = [];
    for (const v of [...this.all(name), ...this.all(`${name}[]`)]) items.push(...recordsOfValue(name, v));
    const byIndex = new Map<number, unknown[] | Record<string, string>>();
    for (const key of this.values.keys()) {
      if (!key.startsWith(name + '[')) continue;
      const rest = key.slice(name.length);
      const whole = /^\[(\d+)\]$/.exec(rest);
      if (whole) {
        byIndex.set(Number(whole[1]), this.all(key).flatMap((v) => recordsOfValue(name, v)));
        continue;
      }
      const field = /^\[(\d+)\](?:\[([A-Za-z_][A-Za-z0-9_]*)\]|\.([A-Za-z_][A-Za-z0-9_]*))$/.exec(rest);
      if (field) {
        const index = Number(field[1]);
        const current = byIndex.get(index);
        const fields = current && !Array.isArray(current) ? current : {};
        fields[field[2] ?? field[3]] = this.raw(key) ?? '';
        byIndex.set(index, fields);
      }
    }
    for (const index of [...byIndex.keys()].sort((a, b) => a - b)) {
      const entry = byIndex.get(index)!;
      if (Array.isArray(entry)) items.push(...entry);
      else items.push(entry);
    }
    return items;
  }
}

/** One sent value of a record list: a JSON array, a JSON object, or comma-separated text. */
function recordsOfValue(name: string, value: string): unknown[] {
  const t = value.trim();
  if (t === '') return [];
  if (t.startsWith('[') || t.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(t);
    } catch {
      throw new ParamProblem(name, 'unparseable', `${name} is not valid JSON`);
    }
    if (t.startsWith('{')) return [parsed];
    if (!Array.isArray(parsed)) throw new ParamProblem(name, 'unparseable', `${name} is not a valid JSON array`);
    return parsed;
  }
  return t.split(',').map((s) => s.trim()).filter(Boolean);
}

function truncate(s: string): string {
  return s.length > 40 ? s.slice(0, 40) + '…' : s;
}
