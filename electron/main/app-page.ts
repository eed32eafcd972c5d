import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The source of the window's page: Vite's dev server during `electron-vite dev`, otherwise the built
 * `out/renderer/index.html` file.
 */
export type AppPage =
  { readonly kind: 'dev-server'; readonly url: string } | { readonly kind: 'file'; readonly path: string };

/**
 * Picks the page to load. The dev server URL (set by electron-vite in `ELECTRON_RENDERER_URL`) is ignored in a
 * packaged app, so an environment variable can never point the privileged window at another site.
 */
export function resolveAppPage(
  devServerUrl: string | undefined,
  isPackaged: boolean,
  mainDir: string,
): AppPage {
  if (!isPackaged && devServerUrl !== undefined && devServerUrl !== '') {
    return { kind: 'dev-server', url: devServerUrl };
  }
  return { kind: 'file', path: join(mainDir, '..', 'renderer', 'index.html') };
}

/**
 * Checks whether `url` is one of the app's own pages: any URL on the dev server's origin, or exactly the built
 * index.html (with any query or fragment). Other `file:` URLs are rejected, so a navigation cannot reach
 * the rest of the disk.
 */
export function isAppPageUrl(url: string, page: AppPage): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }

  if (page.kind === 'dev-server') {
    return parsed.origin === new URL(page.url).origin;
  }

  // NOTE: the comparison is exact, including letter case. On Windows it assumes Chromium writes the drive
  // letter the way Node's pathToFileURL does, which has not been tried on Windows yet.
  const expected = pathToFileURL(page.path);
  return (
    parsed.protocol === 'file:' && parsed.host === expected.host && parsed.pathname === expected.pathname
  );
}
