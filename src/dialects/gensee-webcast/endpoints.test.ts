import { describe, expect, it } from 'vitest';
import { WEBCAST_ENDPOINTS } from './endpoints.js';

/** Catalog §2, in order, with the role each endpoint requires. */
const CATALOG: Array<[string, 'admin' | 'organizer']> = [
  ['/webcast/user/created', 'admin'], ['/webcast/user/update', 'admin'], ['/webcast/user/change', 'admin'],
  ['/webcast/created', 'organizer'], ['/webcast/update', 'organizer'], ['/webcast/deleted', 'organizer'], ['/webcast/finish', 'organizer'],
  ['/webcast/setting/info', 'organizer'], ['/webcast/page', 'organizer'], ['/webcast/record/info', 'organizer'], ['/webcast/file/attach', 'organizer'],
  ['/webcast/file/detach', 'organizer'], ['/webcast/export/history', 'organizer'], ['/webcast/export/vote', 'organizer'], ['/webcast/export/survey', 'organizer'],
  ['/webcast/export/qa', 'organizer'], ['/webcast/export/rollcall', 'organizer'], ['/webcast/vod/update', 'organizer'], ['/webcast/vod/unpublish', 'organizer'],
  ['/webcast/vod/publish', 'organizer'], ['/webcast/castmaker/page', 'organizer'], ['/webcast/ongoing/page', 'organizer'], ['/webcast/record/sync', 'admin'],
  ['/webcast/vod/sync', 'admin'], ['/webcast/warmup/attach', 'admin'], ['/webcast/warmup/detach', 'admin'], ['/webcast/record/choose', 'admin'],
  ['/webcast/record/remove', 'admin'], ['/webcast/player/setup', 'organizer'], ['/webcast/doc/sync', 'admin'], ['/webcast/doc/attach', 'admin'],
  ['/webcast/doc/detach', 'admin'], ['/webcast/export/vod/history', 'admin'], ['/webcast/export/chat', 'organizer'], ['/webcast/export/usage', 'admin'],
];

describe('Gensee Webcast endpoint table', () => {
  it('has exactly the 35 endpoints of the catalog, each with its documented role', () => {
    const table = new Map(WEBCAST_ENDPOINTS.map((e) => [e.path.replace('/integration/site', ''), e.role]));
    expect(WEBCAST_ENDPOINTS).toHaveLength(35);
    expect(table.size).toBe(35);
    for (const [path, role] of CATALOG) expect(table.get(path), path).toBe(role);
  });
});
