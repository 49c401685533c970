import { describe, expect, it } from 'vitest';
import { PresenceChanges, RoomPresence } from './room-presence.js';
import type { PresentPerson } from './protocol.js';

const student = (id: number): PresentPerson => ({ participantId: id, name: `S${id}`, role: 'student' });
const host = (id: number): PresentPerson => ({ participantId: id, name: `H${id}`, role: 'host' });

describe('RoomPresence', () => {
  it('counts by role, lists staff and a capped audience in arrival order, and ignores repeated changes', () => {
    const p = new RoomPresence();
    for (const id of [5, 3, 9, 1]) p.join(student(id));
    p.join(host(7));
    p.join(student(3)); // again: counted once, now the latest to arrive
    expect(p.counts()).toEqual({ student: 4, host: 1 });
    expect(p.listed(2)).toEqual({ present: [host(7), student(5), student(9)], truncated: true });
    expect(p.listed(10).truncated).toBe(false);
    expect(p.leave(9)).toBe(true);
    expect(p.leave(9)).toBe(false);
    p.join({ participantId: 5, name: 'S5', role: 'assistant' }); // re-entered in another role
    expect(p.counts()).toEqual({ student: 2, host: 1, assistant: 1 });
    expect(p.total).toBe(4);
    p.clear();
    expect([p.total, p.counts()]).toEqual([0, {}]);
  });

  it('pages in participant id order from a cursor', () => {
    const p = new RoomPresence();
    for (const id of [40, 10, 30, 20, 50]) p.join(student(id));
    expect(p.page(0, 2)).toEqual({ people: [student(10), student(20)], next: 20 });
    expect(p.page(20, 2)).toEqual({ people: [student(30), student(40)], next: 40 });
    expect(p.page(40, 2)).toEqual({ people: [student(50)], next: null });
    expect(p.page(25, 10).people.map((x) => x.participantId)).toEqual([30, 40, 50]);
    p.leave(30);
    expect(p.page(20, 1)).toEqual({ people: [student(40)], next: 40 });
  });
});

describe('PresenceChanges', () => {
  it('folds a tick of joins and leaves: latest state per person, staff always named, audience capped', () => {
    const c = new PresenceChanges();
    c.join(student(1), 10);
    c.join(student(2), 11);
    c.leave(2, 12); // came and went: only "left"
    c.join(student(3), 13);
    c.join(student(4), 14);
    c.join(host(5), 15);
    expect(c.take(2)).toEqual({ joined: [student(1), student(3), host(5)], left: [2], truncated: true, seq: 15 });
    expect(c.empty).toBe(true);
  });
});
