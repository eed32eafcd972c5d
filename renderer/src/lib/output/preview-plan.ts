import { paginate, planJobEntries, type JobEntry, type PageOfLabels } from '../../../../shared/labels/job.ts';
import { labelsPerPage, type LabelTemplate } from '../../../../shared/labels/templates.ts';
import type { DocumentLine, Dpi, FontMetrics, LineOverride } from '../../../../shared/labels/types.ts';

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
  const planned = planJobEntries(lines, {
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
