import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildContentSecurityPolicy,
  CONTENT_SECURITY_POLICY,
  createWindowOptions,
  META_CONTENT_SECURITY_POLICY,
  preloadPath,
} from '../../../electron/main/window-options.ts';

function directives(policy: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const directive of policy.split(';')) {
    const [name, ...sources] = directive.trim().split(/\s+/);
    if (name !== undefined && name !== '') {
      result.set(name, sources.join(' '));
    }
  }
  return result;
}

describe('createWindowOptions', () => {
  const mainDir = join('/opt', 'label-desk', 'out', 'main');
  const options = createWindowOptions(mainDir);
  const preferences = options.webPreferences ?? {};

  it('isolates and sandboxes the renderer', () => {
    expect(preferences.contextIsolation).toBe(true);
    expect(preferences.sandbox).toBe(true);
  });

  it('gives the renderer no Node.js', () => {
    expect(preferences.nodeIntegration).toBe(false);
    expect(preferences.nodeIntegrationInWorker).toBe(false);
    expect(preferences.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and webviews off', () => {
    expect(preferences.webSecurity).toBe(true);
    expect(preferences.allowRunningInsecureContent).toBe(false);
    expect(preferences.webviewTag).toBe(false);
  });

  it('turns off auxclick events', () => {
    expect(preferences.disableBlinkFeatures).toBe('Auxclick');
  });

  it('loads the built CommonJS preload beside main', () => {
    expect(preferences.preload).toBe(join('/opt', 'label-desk', 'out', 'preload', 'index.cjs'));
    expect(preloadPath(mainDir)).toBe(preferences.preload);
  });

  it('stays hidden until the page is ready', () => {
    expect(options.show).toBe(false);
  });

  it('opens at a usable desk size', () => {
    expect(options.width).toBeGreaterThanOrEqual(options.minWidth ?? 0);
    expect(options.height).toBeGreaterThanOrEqual(options.minHeight ?? 0);
    expect(options.minWidth).toBeGreaterThanOrEqual(800);
    expect(options.minHeight).toBeGreaterThanOrEqual(600);
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  const policy = directives(CONTENT_SECURITY_POLICY);

  it('denies everything not listed', () => {
    expect(policy.get('default-src')).toBe("'none'");
  });

  it('allows scripts and styles only from the app', () => {
    expect(policy.get('script-src')).toBe("'self'");
    expect(policy.get('style-src')).toBe("'self'");
  });

  it('allows no eval and no inline code', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).not.toContain('wasm-unsafe-eval');
  });

  it('lists the expected directives', () => {
    expect(Object.fromEntries(policy)).toEqual({
      'default-src': "'none'",
      'script-src': "'self'",
      'style-src': "'self'",
      'img-src': "'self' data: blob:",
      'font-src': "'self'",
      'connect-src': "'self'",
      'base-uri': "'none'",
      'form-action': "'none'",
      'frame-ancestors': "'none'",
    });
  });
});

describe('buildContentSecurityPolicy', () => {
  it('drops only frame-ancestors for the meta tag', () => {
    const header = directives(CONTENT_SECURITY_POLICY);
    header.delete('frame-ancestors');
    expect(directives(META_CONTENT_SECURITY_POLICY)).toEqual(header);
  });

  it('allows inline styles only in the dev variant', () => {
    const dev = directives(buildContentSecurityPolicy({ dev: true }));
    expect(dev.get('style-src')).toBe("'self' 'unsafe-inline'");
    expect(dev.get('script-src')).toBe("'self'");
    expect(buildContentSecurityPolicy({ dev: true })).not.toContain('unsafe-eval');
  });
});

describe('renderer/index.html', () => {
  it('carries the meta policy unchanged', async () => {
    const html = await readFile(new URL('../../../renderer/index.html', import.meta.url), 'utf8');
    const match = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
    expect(match?.[1]).toBe(META_CONTENT_SECURITY_POLICY);
  });
});
