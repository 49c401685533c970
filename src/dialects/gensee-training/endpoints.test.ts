import { describe, expect, it } from 'vitest';
import { TRAINING_ENDPOINTS } from './endpoints.js';

type CatalogRole = 'A' | 'T' | 'T/A' | 'O' | 'O/A';

/** Catalog §2, in order: path, role code, and whether the document allows POST only. */
const CATALOG: Array<[string, CatalogRole, 'POST'?]> = [
  ['/training/room/created', 'T/A'], ['/training/room/modify', 'T/A'], ['/training/room/deleted', 'T/A'], ['/training/room/info', 'T/A'],
  ['/training/courseware/list', 'T/A'], ['/training/courseware/info', 'T/A'], ['/training/courseware/modify', 'T/A'], ['/training/courseware/deleted', 'T/A'],
  ['/training/teacher/created', 'A'], ['/training/record/syn', 'A'], ['/training/courseware/syn', 'A'], ['/training/warmup/created', 'A'],
  ['/training/warmup/modify', 'A'], ['/training/warmup/attach', 'A'], ['/training/warmup/detach', 'A'], ['/training/record/choose', 'A'],
  ['/training/record/remove', 'A'], ['/training/export/history', 'T'], ['/training/export/qa', 'T'], ['/training/export/rollcall', 'T'],
  ['/training/export/vote', 'T'], ['/training/doc/syn', 'A'], ['/training/doc/attach', 'A'], ['/training/doc/detach', 'A'],
  ['/training/export/study/history', 'A'], ['/training/export/chat', 'T/A'], ['/training/courseware/transcode', 'T/A'], ['/training/media/transcode', 'T/A'],
  ['/training/export/room/usage', 'A'], ['/training/room/telconf', 'T/A'], ['/training/export/room/concurrent', 'A'], ['/training/export/vod/concurrent', 'A'],
  ['/training/export/redpacket', 'T/A'], ['/training/export/medal', 'T/A'], ['/training/export/praise', 'T/A'], ['/training/relay/add', 'O'],
  ['/training/relay/remove', 'O'], ['/training/vod/vodview', 'O'], ['/training/export/reward', 'A'], ['/training/teacher/modify', 'A'],
  ['/training/query/status', 'O/A'], ['/training/export/praise/detail', 'T/A'], ['/training/gr/delete', 'O/A'], ['/training/famousroom/created', 'T/A', 'POST'],
  ['/training/famousroom/modify', 'O/A', 'POST'], ['/training/slaveroom/modify', 'T/A'], ['/training/famousroom/info', 'O/A'], ['/training/tutorialroom/info', 'O/A'],
  ['/training/famousroom/deleted', 'T/A'], ['/training/group/create', 'O/A'], ['/training/group/add', 'O/A'], ['/training/group/update', 'O/A'],
  ['/training/group/delete', 'O/A'], ['/training/room/sync', 'T/A'], ['/training/miniroom/created', 'T/A'], ['/training/miniroom/modify', 'T/A'],
  ['/training/miniroom/export/history', 'T/A'], ['/training/miniroom/syn', 'T/A'], ['/training/room/student/list', 'T/A'],
];

/**
 * How a catalog role is enforced: admin-only stays admin-only; teacher (老师), organizer (组织者) and
 * their "or admin" forms admit teachers and admins alike (T-9: one account type, and admins are not
 * refused where the document names only teachers).
 */
const ENFORCED: Record<CatalogRole, 'admin' | 'organizer'> = { A: 'admin', T: 'organizer', 'T/A': 'organizer', O: 'organizer', 'O/A': 'organizer' };

const documented = (path: string) => path.replace('/integration/site', '');

describe('Gensee Training endpoint table', () => {
  const catalog = new Map(CATALOG.map(([path, role, post]) => [path, { role, post }]));

  it('the catalog list has the 59 endpoints of §2', () => {
    expect(catalog.size).toBe(59);
  });

  it('holds each path once, every one a catalog path with its role and methods', () => {
    const paths = TRAINING_ENDPOINTS.map((e) => documented(e.path));
    expect(new Set(paths).size).toBe(paths.length);
    for (const e of TRAINING_ENDPOINTS) {
      const entry = catalog.get(documented(e.path));
      expect(entry, e.path).toBeDefined();
      expect(e.role, e.path).toBe(ENFORCED[entry!.role]);
      expect([...(('methods' in e ? e.methods : undefined) ?? ['GET', 'POST'])].sort(), e.path).toEqual(entry!.post ? ['POST'] : ['GET', 'POST']);
    }
  });

  it('lists its rows in the catalog order', () => {
    const order = CATALOG.map(([p]) => p);
    const positions = TRAINING_ENDPOINTS.map((e) => order.indexOf(documented(e.path)));
    expect(positions).toEqual([...positions].sort((x, y) => x - y));
  });
});
