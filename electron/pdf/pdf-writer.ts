import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { open, rename, rm } from 'node:fs/promises';
import type { WriteStream } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import PDFDocument from 'pdfkit';
import { AppError, isAppError } from '../../shared/errors.ts';
import type { LabelDrawing } from '../../shared/labels/types.ts';
import { labelFontPath, readFontFile } from './font.ts';

/** One label placed on a page; `xMm`/`yMm` is its top-left corner measured from the page's top-left. */
export interface PdfLabel {
  xMm: number;
  yMm: number;
  drawing: LabelDrawing;
  /** Equal keys mean equal drawings, so a writer may draw such a label once and reuse it. */
  drawingKey: string;
}

/** The labels of one PDF page. */
export interface PdfPage {
  labels: PdfLabel[];
}

/** Settings of one PDF output. */
export interface WriteLabelsPdfOptions {
  outputPath: string;
  pageSize: { widthMm: number; heightMm: number };
  title: string;
  /** Creation date written to the document info; a fixed date makes the output byte-for-byte repeatable. */
  creationDate?: Date;
  /** TrueType font to embed; DejaVu Sans by default, the font the layout measured with. */
  fontPath?: string;
  signal?: AbortSignal;
  /** Called after each page with the number of labels written so far. */
  onProgress?: (labelsWritten: number) => void;
}

/** Summary of the written file, returned once it is complete and closed under `path`. */
export interface WriteLabelsPdfResult {
  path: string;
  pages: number;
  labels: number;
  bytes: number;
}

const PRODUCER = 'DealPOS Label Desk';
const FONT_NAME = 'label';
const POINTS_PER_MM = 72 / 25.4;
/** Text items drawn between two clears of pdfkit's layout cache (see clearLayoutCache). */
const LAYOUT_CACHE_TEXT_LIMIT = 10_000;

/** Thrown inside the writer when the caller's signal aborts; turned into `output_cancelled`. */
class WriteCancelled extends Error {}

/**
 * Writes labels to a PDF, one PDF page per `PdfPage`, streaming so memory stays flat for long jobs.
 * The file appears under `outputPath` only once it is complete. On failure or abort no file is left
 * behind, an existing file at `outputPath` is kept, and the error is `AppError('output_failed')`, or
 * `AppError('output_cancelled')` after an abort.
 * An `AppError` thrown by `pages` itself is passed on unchanged.
 */
export async function writeLabelsPdf(
  options: WriteLabelsPdfOptions,
  pages: Iterable<PdfPage> | AsyncIterable<PdfPage>,
): Promise<WriteLabelsPdfResult> {
  const { outputPath, signal } = options;
  const tempPath = join(
    dirname(outputPath),
    `.${basename(outputPath)}.${randomBytes(6).toString('hex')}.partial`,
  );

  try {
    throwIfCancelled(signal);
    const font = await readFontFile(options.fontPath ?? labelFontPath());
    throwIfCancelled(signal);
    const result = await writeToFile(tempPath, font, options, pages);
    // A cancel that arrives after the last byte still wins: the caller no longer expects the file.
    throwIfCancelled(signal);
    await rename(tempPath, outputPath);
    return { path: outputPath, ...result };
  } catch (error) {
    await rm(tempPath, { force: true });
    throw toOutputError(error, outputPath);
  }
}

async function writeToFile(
  tempPath: string,
  font: Buffer,
  options: WriteLabelsPdfOptions,
  pages: Iterable<PdfPage> | AsyncIterable<PdfPage>,
): Promise<{ pages: number; labels: number; bytes: number }> {
  const { signal, pageSize } = options;
  const size = [pageSize.widthMm * POINTS_PER_MM, pageSize.heightMm * POINTS_PER_MM];

  const doc = new PDFDocument({
    autoFirstPage: false,
    size,
    margin: 0,
    info: {
      Title: options.title,
      Producer: PRODUCER,
      Creator: PRODUCER,
      CreationDate: options.creationDate ?? new Date(),
    },
  });
  // 'wx' fails instead of overwriting. A missing or read-only folder fails here, before any drawing.
  const handle = await open(tempPath, 'wx');
  // flush fsyncs the file before it closes, so a power cut after the rename cannot leave an empty or
  // partial file under the output name.
  const file = handle.createWriteStream({ flush: true });

  // Aborts the waits below when the file side fails, so a failed write cannot leave the loop waiting.
  const outputFailed = new AbortController();
  let outputError: unknown;
  const finished = pipeline(doc, file).catch((error: unknown) => {
    outputError = error;
    outputFailed.abort();
  });
  const waitSignal =
    signal === undefined ? outputFailed.signal : AbortSignal.any([signal, outputFailed.signal]);
  const checkStop = (): void => {
    throwIfCancelled(signal);
    if (outputError !== undefined) {
      throw outputError;
    }
  };

  let pageCount = 0;
  let labelCount = 0;
  let textsSinceCacheClear = 0;
  try {
    doc.registerFont(FONT_NAME, font);
    doc.font(FONT_NAME);
    for await (const page of pages) {
      checkStop();
      doc.addPage({ size, margin: 0 });
      const pdfPage = doc.page;
      for (const label of page.labels) {
        textsSinceCacheClear += drawLabel(doc, label);
      }
      // Ends the page now, so its bytes are in the stream before the backpressure check below.
      doc.flushPages();
      releaseFinishedPage(pdfPage);
      if (textsSinceCacheClear >= LAYOUT_CACHE_TEXT_LIMIT) {
        clearLayoutCache(doc);
        textsSinceCacheClear = 0;
      }
      pageCount += 1;
      labelCount += page.labels.length;
      options.onProgress?.(labelCount);
      await waitForRoom(doc, file, waitSignal);
    }
    checkStop();
    if (pageCount === 0) {
      throw new Error('no pages to write');
    }
    doc.end();
    await finished;
    checkStop();
  } catch (error) {
    // Decide the cause before destroying the document, which makes the pipeline fail as well.
    const cause = signal?.aborted === true ? new WriteCancelled() : (outputError ?? error);
    doc.destroy();
    await finished;
    throw cause;
  }
  if (!file.closed) {
    await once(file, 'close');
  }
  return { pages: pageCount, labels: labelCount, bytes: file.bytesWritten };
}

/**
 * Waits until the bytes not yet handed to the file are below the stream limits.
 *
 * pdfkit 0.20's document is a Readable whose `_read` does nothing: every object is `push`ed the moment
 * it is finished and push's return value is ignored, so the document never slows itself down. `pipe`
 * pauses the document when the file stream's buffer is full, but pdfkit keeps pushing into its own
 * buffer while paused. The producer therefore has to stop between pages until the file stream emits
 * 'drain'. When only the document's buffer is full (the pipe has not started flowing yet, which happens
 * on a later tick), one turn of the event loop lets it flow.
 */
async function waitForRoom(doc: PDFKit.PDFDocument, file: WriteStream, signal: AbortSignal): Promise<void> {
  while (file.writableNeedDrain || doc.readableLength > doc.readableHighWaterMark) {
    if (file.writableNeedDrain) {
      await once(file, 'drain', { signal });
    } else {
      await nextMacrotask(undefined, { signal });
    }
  }
}

/**
 * Draws one label in its own coordinate system: origin at the label's top-left, one unit per printer
 * dot, so bar edges stay whole numbers.
 */
// NOTE: every label is drawn in full even when its drawingKey repeats. pdfkit 0.20 has no public way to
// record drawing and text into a form XObject, which would let a repeated label be drawn once and reused.
function drawLabel(doc: PDFKit.PDFDocument, label: PdfLabel): number {
  const { drawing } = label;
  doc.save();
  doc.translate(label.xMm * POINTS_PER_MM, label.yMm * POINTS_PER_MM);
  doc.scale(72 / drawing.dpi);

  // All rectangles go into one path filled once; text comes after because a path cannot be left open
  // across pdfkit's text operators.
  let hasRects = false;
  for (const item of drawing.items) {
    if (item.kind === 'rect') {
      doc.rect(item.x, item.y, item.width, item.height);
      hasRects = true;
    } else if (item.kind === 'barcode') {
      for (const bar of item.bars) {
        doc.rect(bar.x, bar.y, bar.width, bar.height);
        hasRects = true;
      }
    }
  }
  if (hasRects) {
    doc.fill('black');
  }

  let texts = 0;
  for (const item of drawing.items) {
    if (item.kind === 'text') {
      // 'alphabetic' puts the baseline at y; pdfkit's default puts the font's ascent line there.
      doc
        .fontSize(item.fontSize)
        .text(item.text, item.x, item.y, { baseline: 'alphabetic', lineBreak: false });
      texts += 1;
    }
  }
  doc.restore();
  return texts;
}

/**
 * Drops what pdfkit 0.20 keeps of a page after writing it. The Pages tree keeps every page dictionary
 * until the document ends, and each one refers to its content and resource objects, about 1 KB a page. Only
 * the object number is needed at the end ("12 0 R" in the Kids array), so the dictionary's data goes.
 */
function releaseFinishedPage(page: PDFKit.PDFPage): void {
  (page.dictionary as { data: object }).data = {};
}

/**
 * Empties pdfkit 0.20's layout cache. That cache keeps the glyph layout of every distinct word for the
 * life of the document, so it grows without bound when labels carry distinct codes. Clearing it now and
 * then costs one new layout per word still in use.
 */
function clearLayoutCache(doc: PDFKit.PDFDocument): void {
  const font = (doc as { _font?: { layoutCache?: object } })._font;
  if (font?.layoutCache !== undefined) {
    font.layoutCache = Object.create(null) as object;
  }
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) {
    throw new WriteCancelled();
  }
}

function toOutputError(error: unknown, outputPath: string): AppError {
  if (isAppError(error)) {
    return error;
  }
  if (error instanceof WriteCancelled) {
    return new AppError('output_cancelled', { path: outputPath });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new AppError('output_failed', { path: outputPath }, { detail, cause: error });
}
