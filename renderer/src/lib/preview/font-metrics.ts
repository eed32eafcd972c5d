import * as fontkit from 'fontkit';
import fontUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url';
import { createFontkitMetrics } from '../../../../shared/labels/font-metrics.ts';
import type { FontMetrics } from '../../../../shared/labels/types.ts';

/** The CSS family name under which `styles/label-font.css` loads DejaVu Sans for the preview. */
export const LABEL_FONT_FAMILY = 'Label Desk DejaVu Sans';

/** Font metrics for the preview and how they were made: fontkit on the TTF, or the canvas fallback. */
export interface LoadedFontMetrics {
  metrics: FontMetrics;
  source: 'fontkit' | 'canvas';
}

/** DejaVu Sans 2.37 vertical metrics (hhea ascender 1901, descender -483, 2048 units per em). */
const DEJAVU_ASCENT = 1901 / 2048;
const DEJAVU_DESCENT = 483 / 2048;

/**
 * Measures with a canvas in the @font-face font. NOTE: browsers kern across spaces and cannot tell whether
 * the font has a glyph, so names may break at other places than in the PDF, and every character counts as
 * present. Used only when the TTF cannot be read for fontkit.
 */
export function createCanvasMetrics(context: CanvasRenderingContext2D): FontMetrics {
  const reference = 100;
  context.font = `${reference}px "${LABEL_FONT_FAMILY}"`;
  return {
    widthOf: (text, fontSize) => (context.measureText(text).width / reference) * fontSize,
    ascent: DEJAVU_ASCENT,
    descent: DEJAVU_DESCENT,
    hasGlyph: () => true,
  };
}

/**
 * Reads a bundled file with XHR. Electron's `fetch` rejects `file:` URLs, which the built app's page uses,
 * while XHR has read them in past Electron versions.
 */
function readWithXhr(url: string): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('GET', url);
    request.responseType = 'arraybuffer';
    request.onload = () => {
      // A file: URL reports status 0 on success.
      if ((request.status === 200 || request.status === 0) && request.response instanceof ArrayBuffer) {
        resolve(request.response);
      } else {
        reject(new Error(`reading ${url} failed with status ${request.status}`));
      }
    };
    request.onerror = () => reject(new Error(`reading ${url} failed`));
    request.send();
  });
}

async function readFontBytes(url: string): Promise<Uint8Array> {
  // NOTE: the XHR path for `file:` pages has not run here, because the Electron binary cannot be
  // downloaded on the build machine; the browser harness serves the page over HTTP, where fetch works.
  try {
    const response = await fetch(url);
    if (!response.ok) {
      throw new Error(`fetching ${url} failed with status ${response.status}`);
    }
    return new Uint8Array(await response.arrayBuffer());
  } catch {
    return new Uint8Array(await readWithXhr(url));
  }
}

/**
 * Loads metrics for DejaVu Sans, the font the PDF embeds: fontkit on the bundled TTF when it can be read,
 * else canvas measurement of the @font-face font. `onFallback` learns why fontkit could not be used.
 */
export async function loadLabelFontMetrics(
  onFallback: (error: unknown) => void = () => undefined,
): Promise<LoadedFontMetrics> {
  try {
    const bytes = await readFontBytes(fontUrl);
    // fontkit's browser build reads any Uint8Array; its types ask for a Node Buffer.
    const font = fontkit.create(bytes as Parameters<typeof fontkit.create>[0]);
    if ('fonts' in font) {
      throw new Error('the bundled label font is a font collection');
    }
    return { metrics: createFontkitMetrics(font), source: 'fontkit' };
  } catch (error) {
    onFallback(error);
  }
  await document.fonts.load(`16px "${LABEL_FONT_FAMILY}"`);
  const context = document.createElement('canvas').getContext('2d');
  if (context === null) {
    throw new Error('the browser offers no 2D canvas to measure label text');
  }
  return { metrics: createCanvasMetrics(context), source: 'canvas' };
}
