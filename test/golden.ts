import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';

/**
 * Compares answers with a captured fixture, byte for byte (so the order of fields counts too).
 * With LECTERN_WRITE_GOLDEN=1 the fixture is captured anew from these answers first: run that on
 * the implementation the fixture is to pin down, never to make a failing comparison pass.
 */
export function expectGolden(fixture: string, answers: Record<string, unknown>): void {
  if (process.env.LECTERN_WRITE_GOLDEN === '1') {
    fs.mkdirSync(path.dirname(fixture), { recursive: true });
    fs.writeFileSync(fixture, JSON.stringify(answers) + '\n');
  }
  const golden = JSON.parse(fs.readFileSync(fixture, 'utf8')) as Record<string, unknown>;
  expect(Object.keys(answers)).toEqual(Object.keys(golden));
  for (const [name, answer] of Object.entries(answers)) {
    expect(answer, name).toEqual(golden[name]);
    expect(JSON.stringify(answer), name).toBe(JSON.stringify(golden[name]));
  }
}
