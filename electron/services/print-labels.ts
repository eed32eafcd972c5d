import type { DealposClient, DocumentKind } from '../dealpos/client.ts';
import { checkOutputPath, outputFailureReason } from '../pdf/output-path.ts';
import { writeLabelsPdf } from '../pdf/pdf-writer.ts';
import { AppError, isAppError } from '../../shared/errors.ts';
import { paginate, planJob, type JobPlan } from '../../shared/labels/job.ts';
import { readDocumentLines } from '../../shared/labels/lines.ts';
import { findTemplate, labelsPerPage, type LabelTemplate } from '../../shared/labels/templates.ts';
import type { DocumentLine, Dpi, FontMetrics, LineOverride } from '../../shared/labels/types.ts';

/** A print request: which document, how to print it, and where the PDF goes. */
export interface PrintRequest {
  kind: DocumentKind;
  outlet: string;
  number: string;
  templateId: string;
  dpi: Dpi;
  showPrice: boolean;
  outputPath: string;
  /** 1-based first cell on a partly used sheet. */
  startPosition?: number;
  overrides?: ReadonlyMap<number, LineOverride>;
}

export interface PrintDependencies {
  client: Pick<DealposClient, 'fetchDocument'>;
  metrics: FontMetrics;
  fontPath: string;
  customTemplates?: readonly LabelTemplate[];
  /** Fixed creation date for reproducible files in tests. */
  creationDate?: Date;
  signal?: AbortSignal;
  onProgress?: (labelsWritten: number, totalLabels: number) => void;
  /** Called with the plan before anything is written; returning false stops the job without a file. */
  confirm?: (plan: JobPlan) => boolean | Promise<boolean>;
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
  const plan = planJob(lines, {
    template,
    dpi: request.dpi,
    showPrice: request.showPrice,
    documentNumber: request.number,
    metrics: dependencies.metrics,
    overrides: request.overrides,
  });

  const outcome: PrintOutcome = { lines, plan, path: null, pages: 0, labelsWritten: 0, confirmed: true };
  if (plan.totalLabels === 0) {
    return outcome;
  }
  if (dependencies.confirm !== undefined && !(await dependencies.confirm(plan))) {
    outcome.confirmed = false;
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
      onProgress: (labels) => dependencies.onProgress?.(labels, plan.totalLabels),
    },
    paginate(plan.entries, template, request.startPosition ?? 1),
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
