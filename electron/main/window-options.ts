import { join } from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';

const POLICY_DIRECTIVES: ReadonlyArray<readonly [name: string, sources: string]> = [
  ['default-src', "'none'"],
  ['script-src', "'self'"],
  // The production build links Svelte's component CSS as a .css file, so the policy allows no inline styles.
  ['style-src', "'self'"],
  ['img-src', "'self' data: blob:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

/** Options for {@link buildContentSecurityPolicy}. */
export interface PolicyOptions {
  /**
   * Allows inline `<style>` elements, because Vite's dev server injects each component's CSS that way
   * so it can hot-reload it. Main and the Vite config set it only for the dev server.
   */
  readonly dev?: boolean;
  /** Leaves out `frame-ancestors`, which browsers ignore (with a console warning) in a `<meta>` tag. */
  readonly meta?: boolean;
}

/** Builds the Content-Security-Policy for the app's own pages. {@link PolicyOptions} lists the variants. */
export function buildContentSecurityPolicy(options: PolicyOptions = {}): string {
  const directives: string[] = [];
  for (const [name, sources] of POLICY_DIRECTIVES) {
    if (options.meta === true && name === 'frame-ancestors') {
      continue;
    }
    const devSources = options.dev === true && name === 'style-src' ? " 'unsafe-inline'" : '';
    directives.push(`${name} ${sources}${devSources}`);
  }
  return directives.join('; ');
}

/** The policy the built app sends as a response header for its own pages. */
export const CONTENT_SECURITY_POLICY = buildContentSecurityPolicy();

/** The policy in `renderer/index.html`'s `<meta http-equiv>` tag. A test keeps the two equal. */
export const META_CONTENT_SECURITY_POLICY = buildContentSecurityPolicy({ meta: true });

/** Returns the path of the built preload script, given the folder of the built main script (`out/main`). */
export function preloadPath(mainDir: string): string {
  return join(mainDir, '..', 'preload', 'index.cjs');
}

/**
 * Builds the options for the app's one window. The renderer gets no Node.js and no Electron APIs: it runs
 * sandboxed and isolated, and reaches main only through the preload's `window.labelDesk`.
 */
export function createWindowOptions(mainDir: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    // Shown on `ready-to-show`, so the clerk never sees an empty white frame.
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath(mainDir),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Middle clicks fire `auxclick` rather than `click`, so a page's click checks would not see them.
      disableBlinkFeatures: 'Auxclick',
      // On Windows and Linux the spellchecker downloads Hunspell dictionaries from Google's CDN, and the desk
      // types document numbers, not prose.
      spellcheck: false,
    },
  };
}
