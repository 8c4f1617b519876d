import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

const root = __dirname;

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // sip.js ships only as ES modules; the main bundle is CommonJS, so it is bundled rather than required.
      externalizeDeps: { exclude: ['sip.js'] },
      rollupOptions: { input: { index: resolve(root, 'src-main/index.ts') } },
    },
  },
  preload: {
    // A sandboxed preload can require only Electron's own modules, so everything (zod included) is bundled.
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve(root, 'src-preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    plugins: [react(), devServerCsp()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rollupOptions: { input: { index: resolve(root, 'src-renderer/index.html') } },
    },
  },
});

/**
 * `electron-vite dev` only: React Fast Refresh injects an inline preamble and Vite's client opens a
 * WebSocket, both of which the production CSP forbids. Built renderers keep the strict policy.
 */
function devServerCsp(): Plugin {
  return {
    name: 'careline-dev-server-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace("connect-src 'self'", "connect-src 'self' ws://localhost:* http://localhost:*"),
  };
}
