import path from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { RENDERER_CSP } from './src/main/security/csp';

/**
 * Three builds (electron-vite 6). None of them needs the Electron binary: electron-vite only reads
 * electron/package.json for the Node and Chrome targets.
 * - main: ESM (package.json is "type": "module"); dependencies stay external and load from
 *   node_modules at run time, better-sqlite3 included (its native part is chosen at run time).
 * - preload: CommonJS `.cjs`, fully bundled: a sandboxed preload cannot be an ES module and can
 *   only `require('electron')`.
 * - renderer: React; out/renderer is also what browser mode serves.
 */

const root = import.meta.dirname;

/**
 * Puts the CSP into the built index.html when the page does not declare one itself, so a built
 * renderer is never without a policy (a file:// page gets no headers). Build only: the dev server
 * gets a header from the main process instead, since Vite's dev client needs inline script.
 */
function ensureCspMeta(): Plugin {
  return {
    name: 'copydesk:ensure-csp-meta',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        if (/http-equiv\s*=\s*["']?Content-Security-Policy/i.test(html)) return html;
        this.warn('src/renderer/index.html declares no Content-Security-Policy meta; the build adds the policy from src/main/security/csp.ts.');
        return [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: RENDERER_CSP }, injectTo: 'head-prepend' }];
      },
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: path.join(root, 'out/main'),
      lib: { entry: path.join(root, 'src/main/index.ts'), formats: ['es'] },
      externalizeDeps: { include: ['better-sqlite3'] },
      rolldownOptions: { output: { entryFileNames: '[name].js' } },
    },
  },
  preload: {
    build: {
      outDir: path.join(root, 'out/preload'),
      lib: { entry: path.join(root, 'src/preload/index.ts'), formats: ['cjs'] },
      // Bundle everything it imports (only our own files): nothing may be required at run time but 'electron'.
      externalizeDeps: false,
      rolldownOptions: { external: ['electron'], output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: path.join(root, 'src/renderer'),
    // resources/ (the app icon) is copied beside the page: browser mode's favicon.
    publicDir: path.join(root, 'resources'),
    plugins: [react(), ensureCspMeta()],
    build: {
      outDir: path.join(root, 'out/renderer'),
      emptyOutDir: true,
      rolldownOptions: { input: path.join(root, 'src/renderer/index.html') },
    },
  },
});
