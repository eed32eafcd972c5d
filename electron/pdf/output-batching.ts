// pdfkit 0.20 pushes every piece of PDF syntax to its Readable side as a chunk of its own: an object
// header, its dictionary, "stream", the data, "endstream", "endobj", and one chunk per cross-reference
// entry at the end. In a CPU profile of a 100,000-label roll job (one small page per label), that cost
// per chunk was about a fifth of the writer's time. This module replaces pdfkit's private `_write` with
// one that copies into a batch buffer and pushes whole batches, reusing each buffer once the file has
// written it. package.json pins pdfkit to exactly 0.20.2 because of this.

/** Up to this length a plain loop copies a string faster than `Buffer.write`, which costs more per call. */
const SHORT_TEXT_LENGTH = 64;

interface DocumentOutput {
  /** Writes a string (with a newline added) or bytes at the end of the document. */
  _write(data: unknown): void;
  /** Bytes written so far; pdfkit records each object's offset from it for the cross-reference table. */
  _offset: number;
  push(chunk: Uint8Array | null): boolean;
}

/** Control over a document whose output is batched. */
export interface BatchedOutput {
  /** Pushes the bytes batched so far to the stream now. */
  flush(): void;
}

/**
 * Makes `doc` hand its output to the stream in chunks of `batchBytes` (larger pieces go on their own),
 * instead of one chunk per line of PDF syntax. The bytes and offsets are unchanged. Whatever is still
 * batched when pdfkit ends the stream is pushed first. Throws when pdfkit's internals differ from 0.20.2.
 *
 * `bytesWritten` must return how many bytes of the document the destination has written so far, counted
 * from the document's first byte, as an fs WriteStream's `bytesWritten` does when the document is piped
 * into a new file. A batch buffer is used again once the destination has written all of it, so a long
 * job does not leave a trail of dead buffers for the garbage collector.
 */
export function batchDocumentOutput(
  doc: PDFKit.PDFDocument,
  batchBytes: number,
  bytesWritten: () => number,
): BatchedOutput {
  const output = doc as unknown as Partial<DocumentOutput>;
  if (typeof output._write !== 'function' || typeof output._offset !== 'number') {
    throw new Error('pdfkit document has no _write() or _offset; the PDF writer relies on pdfkit 0.20.2');
  }
  if (!Number.isInteger(batchBytes) || batchBytes < 1) {
    throw new RangeError(`batch size must be a positive whole number of bytes, got ${batchBytes}`);
  }
  const target = output as DocumentOutput;
  const push = target.push.bind(target);
  // Batches handed to the stream, oldest first, each with the document offset just past its last byte.
  const handedOver: Array<{ buffer: Buffer; end: number }> = [];
  let batch: Buffer = Buffer.allocUnsafe(batchBytes);
  let used = 0;

  const nextBatch = (): Buffer => {
    const oldest = handedOver[0];
    if (oldest !== undefined && oldest.end <= bytesWritten()) {
      handedOver.shift();
      return oldest.buffer;
    }
    return Buffer.allocUnsafe(batchBytes);
  };

  const flush = (): void => {
    if (used > 0) {
      // Called before `_offset` counts the data that did not fit, so it is the offset past this batch.
      handedOver.push({ buffer: batch, end: target._offset });
      push(batch.subarray(0, used));
      batch = nextBatch();
      used = 0;
    }
  };

  target._write = (data: unknown): void => {
    // pdfkit's own _write turns a string into bytes by keeping the low byte of each UTF-16 code unit,
    // which is what Node's latin1 encoding does.
    const bytes = data instanceof Uint8Array ? data : null;
    const text = bytes === null ? `${String(data)}\n` : '';
    const length = bytes === null ? text.length : bytes.length;
    if (used + length > batchBytes) {
      flush();
    }
    if (length > batchBytes) {
      push(bytes ?? Buffer.from(text, 'latin1'));
    } else if (bytes !== null) {
      batch.set(bytes, used);
      used += length;
    } else if (length <= SHORT_TEXT_LENGTH) {
      for (let index = 0; index < length; index++) {
        batch[used + index] = text.charCodeAt(index) & 0xff;
      }
      used += length;
    } else {
      used += batch.write(text, used, 'latin1');
    }
    target._offset += length;
  };

  target.push = (chunk: Uint8Array | null): boolean => {
    if (chunk === null) {
      flush();
    }
    return push(chunk);
  };
  return { flush };
}
