import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The console, built into dist/web (served by src/api/console.ts at `/`). Hashed file
 * names under assets/ are cached for a year; index.html is revalidated. The manifest
 * lets scripts/buildConsole.mjs measure the initial JavaScript.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    manifest: true,
    // Lazy chunks (charts) are large by nature; the initial size is checked in buildConsole.mjs.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    // `npx vite web` during development: the API on its usual port answers the calls.
    proxy: Object.fromEntries(['/auth', '/customers', '/change-requests', '/grading', '/reports', '/credit', '/credit-requests', '/complaints', '/staff', '/ready', '/health', '/openapi.json'].map((p) => [p, 'http://localhost:3000'])),
  },
});
