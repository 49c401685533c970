import { randomBytes, randomInt } from 'node:crypto';

export function randomHex(length: number): string {
  return randomBytes(Math.ceil(length / 2)).toString('hex').slice(0, length);
}

export function randomDigits(length: number, firstNonZero = true): string {
  let out = firstNonZero ? String(randomInt(1, 10)) : String(randomInt(0, 10));
  while (out.length < length) out += String(randomInt(0, 10));
  return out;
}

const CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Short join code: letters and digits, without look-alikes (0/o, 1/l/i). */
export function randomCode(length = 6): string {
  let out = '';
  for (let i = 0; i < length; i++) out += CODE_ALPHABET[randomInt(0, CODE_ALPHABET.length)];
  return out;
}

export function randomSecret(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

/** 14 digits: the creation date as YYMMDD (UTC+8, as the vendor's ids read) and 8 random digits. */
export function datedNumericId(now: number): string {
  const d = new Date(now + 8 * 3600_000);
  const yymmdd = `${String(d.getUTCFullYear() % 100).padStart(2, '0')}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
  return yymmdd + randomDigits(8, false);
}

export function isUniqueViolation(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: unknown; message?: unknown };
  return e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
