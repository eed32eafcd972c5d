import { paginate, planJobEntries, type JobEntry, type PageOfLabels } from '../../../../shared/labels/job.ts';
import { labelsPerPage, type LabelTemplate } from '../../../../shared/labels/templates.ts';
import type { DocumentLine, Dpi, FontMetrics, LineOverride } from '../../../../shared/labels/types.ts';
import { sharedBarcodeFitCache, symbologyChoice, type BarcodeFitCache } from '../lines/line-rows.ts';

export interface PreviewOptions {
  template: LabelTemplate;
  dpi: Dpi;
  showPrice: boolean;
  documentNumber: string | null;
  metrics: FontMetrics;
  /** 1-based first cell on a sheet; rolls pass 1. */
  startPosition: number;
  /** Pages of a roll template to show; a sheet shows its first page. */
  rollPages: number;
  /** Barcode fit results to reuse, by default the cache the lines table uses. */
  fitCache?: BarcodeFitCache;
}

/**
 * Lays out the first page (sheet) or first pages (roll) of a job with `planJobEntries` and `paginate`, the
 * functions main uses for the PDF, so the preview draws the display list the PDF will contain. Lines are
 * laid out only until enough labels exist, so a 5,000-line document costs no more than a short one.
 */
export function previewPages(
  lines: readonly DocumentLine[],
  labelOverrides: ReadonlyMap<number, number>,
  options: PreviewOptions,
): PageOfLabels[] {
  const { template } = options;
  const sheet = template.media === 'sheet';
  const perPage = labelsPerPage(template);
  const wanted = sheet ? perPage - (options.startPosition - 1) : perPage * options.rollPages;

  const overrides = new Map<number, LineOverride>();
  for (const [lineNumber, quantity] of labelOverrides) {
    overrides.set(lineNumber, { quantity });
  }

  const entries: JobEntry[] = [];
  let labels = 0;
  const fitCache = options.fitCache ?? sharedBarcodeFitCache;
  const planned = planJobEntries(withoutTooLongCodes(lines, template, options.dpi, fitCache), {
    template,
    dpi: options.dpi,
    showPrice: options.showPrice,
    documentNumber: options.documentNumber,
    metrics: options.metrics,
    overrides,
  });
  for (const entry of planned) {
    const count = Math.min(entry.count, wanted - labels);
    entries.push({ ...entry, count });
    labels += count;
    if (labels >= wanted) {
      break;
    }
  }

  const pages: PageOfLabels[] = [];
  for (const page of paginate(entries, template, sheet ? options.startPosition : 1)) {
    pages.push(page);
  }
  return pages;
}

/**
 * Leaves out the lines whose barcode cannot fit the label, as known from the fit cache, before the full
 * layout. `planJobEntries` would reject them anyway, but only after laying each one out, and on a template
 * too small for every code that meant laying out every line of the document on each change. Lines with an
 * error are passed on, so `planJobEntries` handles them as it does for the PDF.
 */
function* withoutTooLongCodes(
  lines: readonly DocumentLine[],
  template: LabelTemplate,
  dpi: Dpi,
  fitCache: BarcodeFitCache,
): Generator<DocumentLine> {
  for (const line of lines) {
    const checkable = line.code !== null && !line.problems.some((problem) => problem.severity === 'error');
    if (checkable && line.code !== null) {
      const { symbology } = symbologyChoice(line, line.code, template.fields.barcode.symbology);
      if (fitCache.tooLong(line, line.code, symbology, { template, dpi }) !== null) {
        continue;
      }
    }
    yield line;
  }
}

/** Previews {@link PreviewCache} keeps. */
export const KEPT_PREVIEWS = 8;

interface KeptPreview {
  lines: readonly DocumentLine[];
  labelOverrides: ReadonlyMap<number, number>;
  options: PreviewOptions;
  pages: PageOfLabels[];
}

/**
 * Keeps the last few previews, so switching back to a template, dpi or start position draws the pages
 * laid out before: the same page objects, whose labels' markup is kept too. A preview is reused only
 * while the lines, the clerk's counts, the template and the metrics are the same objects as before.
 */
export class PreviewCache {
  /** Oldest first. */
  readonly #kept: KeptPreview[] = [];

  /** Returns `previewPages(lines, labelOverrides, options)`, laid out now or kept from an earlier call. */
  pagesFor(
    lines: readonly DocumentLine[],
    labelOverrides: ReadonlyMap<number, number>,
    options: PreviewOptions,
  ): PageOfLabels[] {
    const index = this.#kept.findIndex(
      (kept) =>
        kept.lines === lines &&
        kept.labelOverrides === labelOverrides &&
        samePreviewOptions(kept.options, options),
    );
    const kept = index === -1 ? undefined : this.#kept.splice(index, 1)[0];
    const pages = kept?.pages ?? previewPages(lines, labelOverrides, options);
    this.#kept.push({ lines, labelOverrides, options, pages });
    if (this.#kept.length > KEPT_PREVIEWS) {
      this.#kept.shift();
    }
    return pages;
  }
}

function samePreviewOptions(a: PreviewOptions, b: PreviewOptions): boolean {
  return (
    a.template === b.template &&
    a.dpi === b.dpi &&
    a.showPrice === b.showPrice &&
    a.documentNumber === b.documentNumber &&
    a.metrics === b.metrics &&
    a.startPosition === b.startPosition &&
    a.rollPages === b.rollPages &&
    a.fitCache === b.fitCache
  );
}
