import type { ObjectOffsets } from './object-offsets.ts';
import type { BatchedOutput } from './output-batching.ts';

// pdfkit 0.20 writes the cross-reference table, 20 bytes per object, in one synchronous loop when the
// document ends, and its Readable side ignores backpressure. A roll job has three objects per label, so
// for 300,000 labels that is 18 MB of output held in memory at once, growing with the label count. This
// module writes the table a slice at a time, continuing only when the stream requests more data through
// `_read`. package.json pins pdfkit to exactly 0.20.2 because this replaces its private `_finalize`.

const UNSUPPORTED_PDFKIT = 'the PDF writer relies on internals of pdfkit 0.20.2';

/** Cross-reference entries written before the writer checks whether the stream wants more: 64 KB. */
const ENTRIES_PER_SLICE = 3_276;

interface FinalizingDocument {
  _offset: number;
  _offsets: unknown;
  _finalize(): void;
  _write(data: unknown): void;
  _read(size: number): void;
  push(chunk: Uint8Array | null): boolean;
  readableLength: number;
  readableHighWaterMark: number;
}

/**
 * Makes `doc` write its cross-reference table with backpressure. The bytes are those of pdfkit's own
 * `_finalize`: the table, then the trailer as pdfkit formats it, `startxref` and `%%EOF`. `offsets` must
 * be the document's `_offsets` (see compactObjectOffsets), and `output` its batched output.
 */
export function streamCrossReference(
  doc: PDFKit.PDFDocument,
  offsets: ObjectOffsets,
  output: BatchedOutput,
): void {
  const target = doc as unknown as FinalizingDocument;
  if (typeof target._finalize !== 'function' || typeof target._write !== 'function') {
    throw new Error(`pdfkit document has no _finalize() or _write(); ${UNSUPPORTED_PDFKIT}`);
  }
  const finalizeWithPdfkit = target._finalize.bind(target);
  const readWithPdfkit = target._read.bind(target);

  target._finalize = () => {
    const startOffset = target._offset;
    const count = offsets.length;
    const trailer = trailerText(target, finalizeWithPdfkit, count);
    target._write('xref');
    target._write(`0 ${count + 1}`);
    target._write('0000000000 65535 f ');

    let index = 0;
    const writeEntries = (): void => {
      while (index < count) {
        const end = Math.min(count, index + ENTRIES_PER_SLICE);
        for (; index < end; index++) {
          target._write(`${`0000000000${offsets.at(index)}`.slice(-10)} 00000 n `);
        }
        output.flush();
        if (index < count && target.readableLength > target.readableHighWaterMark) {
          // The stream calls _read once its buffer has room again.
          target._read = writeEntries;
          return;
        }
      }
      target._read = readWithPdfkit;
      target._write('trailer');
      target._write(trailer);
      target._write('startxref');
      target._write(`${startOffset}`);
      target._write('%%EOF');
      target.push(null);
    };
    writeEntries();
  };
}

/**
 * Returns the trailer dictionary exactly as pdfkit writes it, taken from a run of pdfkit's own
 * `_finalize` with writing switched off and an empty offsets list of the same length.
 */
function trailerText(target: FinalizingDocument, finalizeWithPdfkit: () => void, count: number): string {
  const write = target._write;
  const push = target.push;
  const allOffsets = target._offsets;
  const written: string[] = [];
  target._write = (data: unknown) => written.push(String(data));
  target.push = () => true;
  target._offsets = { length: count, [Symbol.iterator]: () => [][Symbol.iterator]() };
  try {
    finalizeWithPdfkit();
  } finally {
    target._write = write;
    target.push = push;
    target._offsets = allOffsets;
  }
  // pdfkit writes: xref, the subsection line, the free entry, no entries here, then trailer and its text.
  if (written[0] !== 'xref' || written[3] !== 'trailer' || written[4] === undefined) {
    throw new Error(`pdfkit's _finalize wrote an unexpected layout; ${UNSUPPORTED_PDFKIT}`);
  }
  return written[4];
}
