// The browser apps Lectern serves (the classroom and the operator page /admin). Built into dist/web,
// served by src/web/classroom/plugin.ts. No CDN: everything the pages load comes from this build.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import preact from '@preact/preset-vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../dist/web', import.meta.url));

/** The build's own folder, dist/web/assets, starts empty: hashed files of earlier builds would pile up there. */
function freshAssets(): Plugin {
  return {
    name: 'lectern-fresh-assets',
    apply: 'build',
    buildStart() {
      fs.rmSync(`${outDir}/assets`, { recursive: true, force: true });
    },
  };
}

export default defineConfig({
  root,
  base: '/app/',
  plugins: [preact(), freshAssets()],
  build: {
    outDir,
    // dist/web also holds the server's compiled src/web modules (tsc writes them first): never empty it (only its assets/).
    emptyOutDir: false,
    target: 'es2022',
    rollupOptions: {
      input: {
        classroom: fileURLToPath(new URL('classroom.html', import.meta.url)),
        admin: fileURLToPath(new URL('admin.html', import.meta.url)),
      },
    },
  },
});
