import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const WEB = path.join(ROOT, 'web');
const LOCK = path.join(ROOT, 'dist', '.web-build.lock');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

const upToDate = (page: string) => {
  const built = path.join(ROOT, 'dist/web', page);
  return fs.existsSync(built) && fs.statSync(built).mtimeMs >= newestMtime(WEB);
};

/**
 * Builds the front end (`vite build --config web/vite.config.ts`) unless `dist/web/<page>` is newer
 * than every file under `web/`. Test files run in parallel processes: one builds, the others wait.
 */
export async function ensureWebBuild(page = 'admin.html'): Promise<void> {
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  for (;;) {
    if (upToDate(page)) return;
    try {
      fs.mkdirSync(LOCK);
    } catch {
      // Someone else is building (or a crashed build left the lock: it counts as stale after 3 minutes).
      const lock = fs.statSync(LOCK, { throwIfNoEntry: false });
      if (lock && Date.now() - lock.mtimeMs > 180_000) fs.rmSync(LOCK, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 250));
      continue;
    }
    try {
      if (upToDate(page)) return;
      const built = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, encoding: 'utf8' });
      if (built.status !== 0) throw new Error(`vite build failed:\n${built.stdout}\n${built.stderr}`);
      return;
    } finally {
      fs.rmSync(LOCK, { recursive: true, force: true });
    }
  }
}
