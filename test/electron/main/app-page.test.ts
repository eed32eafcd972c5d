import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isAppPageUrl, resolveAppPage, type AppPage } from '../../../electron/main/app-page.ts';

const mainDir = join('/opt', 'label-desk', 'out', 'main');
const indexPath = join('/opt', 'label-desk', 'out', 'renderer', 'index.html');

describe('resolveAppPage', () => {
  it('uses the dev server in an unpackaged app', () => {
    expect(resolveAppPage('http://localhost:5173/', false, mainDir)).toEqual({
      kind: 'dev-server',
      url: 'http://localhost:5173/',
    });
  });

  it('ignores the dev server URL when packaged', () => {
    expect(resolveAppPage('http://attacker.example/', true, mainDir)).toEqual({
      kind: 'file',
      path: indexPath,
    });
  });

  it('loads the built file without a dev server', () => {
    expect(resolveAppPage(undefined, false, mainDir)).toEqual({ kind: 'file', path: indexPath });
    expect(resolveAppPage('', false, mainDir)).toEqual({ kind: 'file', path: indexPath });
  });
});

describe('isAppPageUrl', () => {
  const filePage: AppPage = { kind: 'file', path: indexPath };
  const devPage: AppPage = { kind: 'dev-server', url: 'http://localhost:5173/' };
  const indexUrl = pathToFileURL(indexPath).href;

  it('accepts the built index.html with a query or fragment', () => {
    expect(isAppPageUrl(indexUrl, filePage)).toBe(true);
    expect(isAppPageUrl(`${indexUrl}?tab=print`, filePage)).toBe(true);
    expect(isAppPageUrl(`${indexUrl}#/settings`, filePage)).toBe(true);
  });

  it('rejects other files on disk', () => {
    expect(
      isAppPageUrl(pathToFileURL(join('/opt', 'label-desk', 'out', 'renderer', 'other.html')).href, filePage),
    ).toBe(false);
    expect(isAppPageUrl('file:///etc/passwd', filePage)).toBe(false);
    expect(isAppPageUrl(`${indexUrl}/../../../etc/passwd`, filePage)).toBe(false);
  });

  it('rejects web pages when loading from a file', () => {
    expect(isAppPageUrl('https://example.com/index.html', filePage)).toBe(false);
    expect(isAppPageUrl('http://localhost:5173/', filePage)).toBe(false);
  });

  it('accepts any path on the dev server origin', () => {
    expect(isAppPageUrl('http://localhost:5173/', devPage)).toBe(true);
    expect(isAppPageUrl('http://localhost:5173/src/main.ts', devPage)).toBe(true);
  });

  it('rejects other origins in dev', () => {
    expect(isAppPageUrl('http://localhost:5174/', devPage)).toBe(false);
    expect(isAppPageUrl('https://localhost:5173/', devPage)).toBe(false);
    expect(isAppPageUrl('http://localhost.attacker.example:5173/', devPage)).toBe(false);
    expect(isAppPageUrl(indexUrl, devPage)).toBe(false);
  });

  it('rejects text that is not a URL', () => {
    expect(isAppPageUrl('', filePage)).toBe(false);
    expect(isAppPageUrl('not a url', devPage)).toBe(false);
  });
});
