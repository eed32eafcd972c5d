import type { FontMetrics } from '../../../../shared/labels/types.ts';
import type { LoadedFontMetrics } from '../preview/font-metrics.ts';

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
    } catch {
      this.failed = true;
    }
  }
}
