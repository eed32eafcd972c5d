import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import type { JobEntry } from '../shared/labels/job.ts';
import { encodeModules } from '../shared/labels/symbology.ts';
import type { LabelDrawing } from '../shared/labels/types.ts';

// The straightforward way to print labels with pdfkit, kept only as the benchmark's baseline: one page per
// label, one filled rectangle per dark module from JsBarcode's encodings, text through `doc.text`, pdfkit's
// default options, and no reuse of anything between labels. The document is piped to the file with no
// regard for backpressure, so pdfkit buffers whatever the file has not taken yet.

const POINTS_PER_MM = 72 / 25.4;

/** Writes every label of `entries` on its own page of `pageSize`; resolves once the file is closed. */
export async function writeNaivePdf(
  outputPath: string,
  entries: readonly JobEntry[],
  options: {
    pageSize: { widthMm: number; heightMm: number };
    fontPath: string;
    onOutputStarted?: () => void;
  },
): Promise<void> {
  const size = [options.pageSize.widthMm * POINTS_PER_MM, options.pageSize.heightMm * POINTS_PER_MM];
  const doc = new PDFDocument({ autoFirstPage: false, size, margin: 0 });
  const file = createWriteStream(outputPath);
  doc.pipe(file);
  const started = options.onOutputStarted;
  if (started !== undefined) {
    doc.once('data', () => started());
  }
  doc.font(options.fontPath);

  for (const entry of entries) {
    for (let copy = 0; copy < entry.count; copy++) {
      doc.addPage({ size, margin: 0 });
      drawLabel(doc, entry.drawing);
    }
  }
  doc.end();
  await finished(file);
}

function drawLabel(doc: PDFKit.PDFDocument, drawing: LabelDrawing): void {
  const scale = 72 / drawing.dpi;
  for (const item of drawing.items) {
    if (item.kind === 'rect') {
      doc.rect(item.x * scale, item.y * scale, item.width * scale, item.height * scale).fill('black');
    } else if (item.kind === 'barcode') {
      const modules = encodeModules(item.data, item.symbology);
      for (let index = 0; index < modules.length; index++) {
        if (modules[index] === '1') {
          const x = item.x + index * item.moduleDots;
          doc.rect(x * scale, item.y * scale, item.moduleDots * scale, item.height * scale).fill('black');
        }
      }
    } else {
      doc
        .fontSize(item.fontSize * scale)
        .text(item.text, item.x * scale, item.y * scale, { baseline: 'alphabetic', lineBreak: false });
    }
  }
}
