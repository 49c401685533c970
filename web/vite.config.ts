// The browser apps Lectern serves (the classroom and the operator page /admin). Built into dist/web,
// served by src/web/classroom/plugin.ts. No CDN: everything the pages load comes from this build.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/app/',
  plugins: [preact()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    // dist/web also holds the server's compiled src/web modules (tsc writes them first): never empty it.
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
