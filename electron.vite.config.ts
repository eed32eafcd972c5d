import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { buildContentSecurityPolicy, META_CONTENT_SECURITY_POLICY } from './electron/main/window-options.ts';

/**
 * Relaxes the CSP <meta> tag on the dev server only: Vite injects each component's CSS as an inline
 * <style> element there so it can hot-reload it. Production builds keep the strict tag unchanged.
 */
function devContentSecurityPolicy(): Plugin {
  return {
    name: 'label-desk:dev-content-security-policy',
    apply: 'serve',
    transformIndexHtml(html) {
      if (!html.includes(META_CONTENT_SECURITY_POLICY)) {
        throw new Error(
          'renderer/index.html must contain META_CONTENT_SECURITY_POLICY in its CSP <meta> tag',
        );
      }
      return html.replace(
        META_CONTENT_SECURITY_POLICY,
        buildContentSecurityPolicy({ dev: true, meta: true }),
      );
    },
  };
}

// The project keeps electron/, renderer/ and shared/ at the top level, so every entry is named here
// instead of relying on electron-vite's src/ defaults. Main's dependencies stay external (electron-vite's
// default) and are loaded from node_modules at run time.
export default defineConfig({
  main: {
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot load packages from node_modules, so anything it imports is bundled.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        // A sandboxed preload runs as CommonJS, whatever "type" package.json declares.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [svelte(), devContentSecurityPolicy()],
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
