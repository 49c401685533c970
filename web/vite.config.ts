import path from 'node:path';
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

const root = import.meta.dirname;

/**
 * The pages Lectern serves, built into `dist/web` (the server's `src/web/*` plugins read them from
 * there). `emptyOutDir` is off: `tsc` compiles `src/web/**` into `dist/web` too.
 */
export default defineConfig({
  root,
  base: '/',
  plugins: [preact()],
  build: {
    outDir: path.resolve(root, '../dist/web'),
    emptyOutDir: false,
    assetsDir: 'assets',
    rollupOptions: {
      input: {
        admin: path.resolve(root, 'admin.html'),
      },
    },
  },
});
