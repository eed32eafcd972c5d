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
import { currentEmbeddedFont, LabelForms } from './form-xobject.ts';
import { streamCrossReference } from './cross-reference.ts';
import { compactObjectOffsets } from './object-offsets.ts';
import { batchDocumentOutput } from './output-batching.ts';
import { PageObjects } from './page-objects.ts';

/** One label placed on a page; `xMm`/`yMm` is its top-left corner measured from the page's top-left. */
export interface PdfLabel {
  xMm: number;
  yMm: number;
  drawing: LabelDrawing;
  /**
   * Equal keys mean equal drawings: the writer draws a key's drawing once and places it wherever the key
   * comes back. A key that comes back with a different drawing gets that drawing written anew.
   */
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
  /** Called once, when the first bytes of the PDF are handed to the file stream. */
  onOutputStarted?: () => void;
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
/**
 * Distinct label drawings whose form XObject names are remembered at once. A job has one drawing per
 * document line, so this covers documents of a few thousand lines before any form is written twice.
 */
const FORM_CACHE_LIMIT = 4096;
/** pdfkit's output reaches the file stream in chunks of this size. */
const OUTPUT_BATCH_BYTES = 64 * 1024;
/** Bytes the file stream buffers before the writer waits for the disk: a few batches. */
const FILE_BUFFER_BYTES = 1024 * 1024;
/**
 * Text items drawn between two clears of pdfkit's layout cache (see clearLayoutCache). A label has about
 * four texts, so the cache keeps the words of the last 250 or so distinct labels.
 */
const LAYOUT_CACHE_TEXT_LIMIT = 1_000;

/** Thrown inside the writer when the caller's signal aborts; turned into `output_cancelled`. */
class WriteCancelled extends Error {}

/**
 * Writes labels to a PDF, one PDF page per `PdfPage`, streaming so memory stays flat for long jobs.
 * Each distinct label is written once, as a form XObject that every page showing it refers to, so a
 * repeated label costs one placement instead of its bars and text. The file appears under `outputPath`
 * only once it is complete. On failure or abort no file is left behind, an existing file at `outputPath`
 * is kept, and the error is `AppError('output_failed')`, or `AppError('output_cancelled')` after an abort.
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
  const file = handle.createWriteStream({ flush: true, highWaterMark: FILE_BUFFER_BYTES });
  // The file is new and receives the whole document, so its bytesWritten counts document bytes.
  const output = batchDocumentOutput(doc, OUTPUT_BATCH_BYTES, () => file.bytesWritten);
  streamCrossReference(doc, compactObjectOffsets(doc), output);

  // Aborts the waits below when the file side fails, so a failed write cannot leave the loop waiting.
  const outputFailed = new AbortController();
  let outputError: unknown;
  const finished = pipeline(doc, file).catch((error: unknown) => {
    outputError = error;
    outputFailed.abort();
  });
  const { onOutputStarted } = options;
  if (onOutputStarted !== undefined) {
    doc.once('data', () => onOutputStarted());
  }
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
  let textsAtCacheClear = 0;
  try {
    doc.registerFont(FONT_NAME, font);
    doc.font(FONT_NAME);
    const forms = new LabelForms(doc, currentEmbeddedFont(doc), FORM_CACHE_LIMIT);
    const pageObjects = new PageObjects(doc, size);
    for await (const page of pages) {
      checkStop();
      doc.addPage({ size, margin: 0 });
      const pdfPage = doc.page;
      for (const label of page.labels) {
        forms.place(label.drawingKey, label.drawing, label.xMm * POINTS_PER_MM, label.yMm * POINTS_PER_MM);
      }
      pageObjects.trim(pdfPage);
      // Ends the page now, so its bytes are in the stream before the backpressure check below.
      doc.flushPages();
      pageObjects.release(pdfPage);
      if (forms.textsEncoded - textsAtCacheClear >= LAYOUT_CACHE_TEXT_LIMIT) {
        clearLayoutCache(doc);
        textsAtCacheClear = forms.textsEncoded;
      }
      pageCount += 1;
      labelCount += page.labels.length;
      options.onProgress?.(labelCount);
      if (pageCount === 1) {
        // The first page goes to the file at once, so output starts however slowly later pages come.
        output.flush();
        await nextMacrotask(undefined, { signal: waitSignal });
      }
      // Checked here first: awaiting waitForRoom on every page costs time even when it returns at once.
      if (outputIsFull(doc, file)) {
        await waitForRoom(doc, file, waitSignal);
      }
    }
    checkStop();
    if (pageCount === 0) {
      throw new Error('no pages to write');
    }
    pageObjects.finish();
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

/** Returns whether the file stream or the document has more unwritten bytes than its limit allows. */
function outputIsFull(doc: PDFKit.PDFDocument, file: WriteStream): boolean {
  return file.writableNeedDrain || doc.readableLength > doc.readableHighWaterMark;
}

/**
 * Waits until the bytes not yet handed to the file are below the stream limits.
 *
 * pdfkit 0.20's document is a Readable whose `_read` does nothing: output is `push`ed as soon as it is
 * written (in batches, see output-batching.ts) and push's return value is ignored, so the document never
 * slows itself down. `pipe` pauses the document when the file stream's buffer is full, but pdfkit keeps
 * pushing into its own buffer while paused. The producer therefore has to stop between pages until the
 * file stream emits 'drain'. When only the document's buffer is full (the pipe has not started flowing
 * yet, which happens on a later tick), one turn of the event loop lets it flow.
 */
async function waitForRoom(doc: PDFKit.PDFDocument, file: WriteStream, signal: AbortSignal): Promise<void> {
  while (outputIsFull(doc, file)) {
    if (file.writableNeedDrain) {
      await once(file, 'drain', { signal });
    } else {
      await nextMacrotask(undefined, { signal });
    }
  }
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
