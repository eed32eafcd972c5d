import type { DealposClient, DocumentKind } from '../dealpos/client.ts';
import { checkOutputPath, outputFailureReason } from '../pdf/output-path.ts';
import { writeLabelsPdf } from '../pdf/pdf-writer.ts';
import { AppError, isAppError } from '../../shared/errors.ts';
import {
  paginate,
  planJob,
  planJobEntries,
  type JobEntry,
  type JobPlan,
  type PageOfLabels,
} from '../../shared/labels/job.ts';
import { readDocumentLines, resolveLine } from '../../shared/labels/lines.ts';
import { findTemplate, labelsPerPage, type LabelTemplate } from '../../shared/labels/templates.ts';
import type { DocumentLine, Dpi, FontMetrics, LineOverride } from '../../shared/labels/types.ts';

/** The document to print and the layout choices, shared by the PDF and the raw printer outputs. */
export interface DocumentPrintChoices {
  kind: DocumentKind;
  outlet: string;
  number: string;
  templateId: string;
  dpi: Dpi;
  showPrice: boolean;
  /** Label counts set per line by the clerk. */
  overrides?: ReadonlyMap<number, LineOverride>;
}

/** A PDF print request: the document and layout choices, and where the PDF goes. */
export interface PrintRequest extends DocumentPrintChoices {
  outputPath: string;
  /** 1-based first cell on a partly used sheet. */
  startPosition?: number;
}

export interface PrintDependencies {
  client: Pick<DealposClient, 'fetchDocument'>;
  metrics: FontMetrics;
  fontPath: string;
  customTemplates?: readonly LabelTemplate[];
  /** Fixed creation date for reproducible files in tests. */
  creationDate?: Date;
  signal?: AbortSignal;
  /** `totalLabels` is the estimate's upper bound, so it stays above the labels written when layout rejects a line. */
  onProgress?: (labelsWritten: number, totalLabels: number) => void;
  /** Called once, when the first bytes of the PDF reach the file stream. */
  onOutputStarted?: () => void;
  /** Called with the estimate before any line is laid out; returning false stops the job without a file. */
  confirm?: (estimate: PrintEstimate) => boolean | Promise<boolean>;
}

/**
 * The labels a document requests, counted without laying out any label. Layout can still reject a line
 * (a code too long for the label), so `totalLabels` is an upper bound on what prints.
 */
export interface PrintEstimate {
  totalLabels: number;
  /** Lines that request at least one label and have no error, in document order. */
  entries: Array<{ lineNumber: number; code: string; count: number }>;
}

export interface PrintOutcome {
  lines: DocumentLine[];
  plan: JobPlan;
  /** The written PDF, or null when nothing was printable or the job was not confirmed. */
  path: string | null;
  pages: number;
  labelsWritten: number;
  confirmed: boolean;
}

/** Looks up a template by id among the built-in and custom ones, or fails with `template_not_found`. */
export function requireTemplate(id: string, custom: readonly LabelTemplate[] = []): LabelTemplate {
  const template = findTemplate(id, custom);
  if (template === undefined) {
    throw new AppError('template_not_found', { id });
  }
  return template;
}

/**
 * Checks a start position against the template: only sheets can start part way, at a cell that exists.
 * Throws `start_position_invalid` naming the allowed range.
 */
export function validateStartPosition(template: LabelTemplate, startPosition: number | undefined): void {
  if (startPosition === undefined || startPosition === 1) {
    return;
  }
  const max = template.media === 'sheet' ? labelsPerPage(template) : 1;
  if (!Number.isInteger(startPosition) || startPosition < 1 || startPosition > max) {
    throw new AppError('start_position_invalid', { value: startPosition, max, template: template.id });
  }
}

/**
 * Fetches a DealPOS document and writes its labels to a PDF: one label per unit, in document order.
 * Lines with errors are left out and reported in the plan; the PDF appears only once fully written.
 * The template, start position and output path are checked before DealPOS is asked for anything.
 * Lines are laid out as pages need them, so the first page reaches the file after the first line's layout,
 * and the returned plan is complete once the PDF is written.
 *
 * NOTE: `confirm` sees an estimate made before layout, so it can be asked about labels that layout then
 * rejects (codes too long for the label), even when that leaves nothing to print.
 */
export async function printDocumentLabels(
  request: PrintRequest,
  dependencies: PrintDependencies,
): Promise<PrintOutcome> {
  const template = requireTemplate(request.templateId, dependencies.customTemplates);
  validateStartPosition(template, request.startPosition);
  await checkOutputPath(request.outputPath);
  const rawLines = await dependencies.client.fetchDocument(request.kind, request.outlet, request.number);
  const lines = readDocumentLines(rawLines);
  const jobOptions = {
    template,
    dpi: request.dpi,
    showPrice: request.showPrice,
    documentNumber: request.number,
    metrics: dependencies.metrics,
    overrides: request.overrides,
  };

  const estimate = estimateLabels(lines, request.overrides);
  if (estimate.totalLabels === 0) {
    // No line requests a label, so planning lays out nothing and only collects the refused lines.
    return {
      lines,
      plan: planJob(lines, jobOptions),
      path: null,
      pages: 0,
      labelsWritten: 0,
      confirmed: true,
    };
  }
  const plan: JobPlan = { entries: [], refused: [], warnings: [], totalLabels: 0 };
  const outcome: PrintOutcome = { lines, plan, path: null, pages: 0, labelsWritten: 0, confirmed: true };
  if (dependencies.confirm !== undefined && !(await dependencies.confirm(estimate))) {
    // The clerk declined before any layout, so the plan is made now only to report the refused lines.
    outcome.plan = planJob(lines, jobOptions);
    outcome.confirmed = false;
    return outcome;
  }

  // Lines are laid out only as pages need them, so the first page is written after the first line.
  const pages = paginate(
    collectEntries(planJobEntries(lines, jobOptions, plan), plan.entries),
    template,
    request.startPosition ?? 1,
  );
  const firstPage = pages.next();
  if (firstPage.done === true) {
    // Layout rejected every line that requested labels, so there is no file, as when no line requests one.
    return outcome;
  }

  const written = await writeLabelsPdf(
    {
      outputPath: request.outputPath,
      pageSize: { widthMm: template.page.widthMm, heightMm: template.page.heightMm },
      title: `${request.kind === 'bill' ? 'Bill' : 'Outlet delivery'} ${request.number} — ${request.outlet}`,
      creationDate: dependencies.creationDate,
      fontPath: dependencies.fontPath,
      signal: dependencies.signal,
      onProgress: (labels) => dependencies.onProgress?.(labels, estimate.totalLabels),
      onOutputStarted: dependencies.onOutputStarted,
    },
    prepend(firstPage.value, pages),
  ).catch((error: unknown) => {
    // The writer's error carries the file-system cause; name the reason the clerk can act on.
    if (isAppError(error) && error.code === 'output_failed' && error.params.reason === undefined) {
      throw new AppError(
        'output_failed',
        { ...error.params, reason: outputFailureReason(error.cause) },
        { detail: error.detail, cause: error.cause },
      );
    }
    throw error;
  });
  outcome.path = written.path;
  outcome.pages = written.pages;
  outcome.labelsWritten = written.labels;
  return outcome;
}

/** Counts the labels each line requests after the clerk's overrides, without laying out any label. */
export function estimateLabels(
  lines: readonly DocumentLine[],
  overrides: ReadonlyMap<number, LineOverride> | undefined,
): PrintEstimate {
  const estimate: PrintEstimate = { totalLabels: 0, entries: [] };
  for (const line of lines) {
    const resolved = resolveLine(line, overrides?.get(line.lineNumber));
    if (resolved.errors.length > 0 || line.code === null || resolved.labels === 0) {
      continue;
    }
    estimate.totalLabels += resolved.labels;
    estimate.entries.push({ lineNumber: line.lineNumber, code: line.code, count: resolved.labels });
  }
  return estimate;
}

/** Passes entries through while keeping each one in `kept`, so the finished plan lists them all. */
function* collectEntries(entries: Iterable<JobEntry>, kept: JobEntry[]): Generator<JobEntry> {
  for (const entry of entries) {
    kept.push(entry);
    yield entry;
  }
}

/** Yields `first`, then the rest of `pages`. */
function* prepend(first: PageOfLabels, pages: Iterator<PageOfLabels>): Generator<PageOfLabels> {
  yield first;
  for (let next = pages.next(); next.done !== true; next = pages.next()) {
    yield next.value;
  }
}
