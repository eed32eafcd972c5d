import { layoutLabel } from '../../../../shared/labels/layout.ts';
import { BUILT_IN_TEMPLATES } from '../../../../shared/labels/templates.ts';
import type { FontMetrics } from '../../../../shared/labels/types.ts';
import type { LoadedFontMetrics } from '../preview/font-metrics.ts';

/**
 * Names the warm-up lays out: Indonesian words, digits, punctuation, accented Latin and Cyrillic, so
 * fontkit reads the tables and builds the glyph data it needs for most product names.
 */
const WARM_UP_NAMES = [
  'Kaos Polos Katun Combed 30s — Hitam, XL (1/2) 100% "Promo"',
  'Crème Pelembap Wajah Niacinamide 5% · Sabun Cuci Piring Jeruk 750ml',
  'Кофе молотый 250 г; Jilbab Segi Empat Voal [Abu-abu] #42 & Co.',
];

/** The label font's metrics for the preview, once loaded; the preview waits for them. */
export class MetricsState {
  metrics = $state.raw<FontMetrics | null>(null);
  source = $state<LoadedFontMetrics['source'] | null>(null);
  failed = $state(false);

  readonly #load: () => Promise<LoadedFontMetrics>;

  constructor(load: () => Promise<LoadedFontMetrics>) {
    this.#load = load;
  }

  async load(): Promise<void> {
    try {
      const loaded = await this.#load();
      this.metrics = loaded.metrics;
      this.source = loaded.source;
      scheduleWarmUp(loaded.metrics);
    } catch {
      this.failed = true;
    }
  }
}

/**
 * Lays out a few labels once the page is idle. fontkit's first text layouts after the font loads take
 * tens of milliseconds because it parses tables and glyph data on first use, and so does the first run
 * of the layout code. Done here, that cost does not land on the first preview a clerk waits for.
 */
function scheduleWarmUp(metrics: FontMetrics): void {
  const run = (): void => warmUp(metrics);
  if (typeof requestIdleCallback === 'function') {
    requestIdleCallback(run, { timeout: 1000 });
  } else {
    setTimeout(run, 0);
  }
}

function warmUp(metrics: FontMetrics): void {
  WARM_UP_NAMES.forEach((name, index) => {
    const template = BUILT_IN_TEMPLATES[index % BUILT_IN_TEMPLATES.length];
    if (template === undefined) {
      return;
    }
    layoutLabel(
      {
        lineNumber: index + 1,
        name,
        code: index % 2 === 0 ? '8991000007910' : `KPC-${index}-XL`,
        symbology: index % 2 === 0 ? 'ean13' : 'code128',
        price: 125_000,
        documentNumber: 'PB/0001',
      },
      { template, dpi: 203, showPrice: true, metrics },
    );
  });
}
