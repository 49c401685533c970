/**
 * vitest globalSetup: builds the classroom front end (dist/web) once when it is missing or older
 * than its sources, so HTTP and browser tests get the page a real server serves.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** True when dist/web/classroom.html is missing or older than anything under web/ or the protocol it types against. */
export function webBuildIsStale(): boolean {
  const built = path.join(root, 'dist/web/classroom.html');
  if (!fs.existsSync(built)) return true;
  const sources = Math.max(newestMtime(path.join(root, 'web')), fs.statSync(path.join(root, 'src/live/protocol.ts')).mtimeMs);
  return fs.statSync(built).mtimeMs < sources;
}

export default function setup(): void {
  if (!webBuildIsStale()) return;
  execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
}
