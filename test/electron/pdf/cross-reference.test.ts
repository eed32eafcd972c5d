import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { streamCrossReference } from '../../../electron/pdf/cross-reference.ts';
import { compactObjectOffsets, ObjectOffsets } from '../../../electron/pdf/object-offsets.ts';
import { batchDocumentOutput } from '../../../electron/pdf/output-batching.ts';

const CREATION_DATE = new Date('2026-10-17T08:00:00Z');

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cross-reference-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * Writes a pdfkit document of `pages` small pages to a file, with pdfkit's own offsets and
 * cross-reference table or with the compact offsets and the streamed table, and returns its bytes.
 */
async function writeDocument(pages: number, compact: boolean): Promise<Buffer> {
  const path = join(dir, `${compact ? 'compact' : 'pdfkit'}-${pages}.pdf`);
  const doc = new PDFDocument({
    autoFirstPage: false,
    size: [200, 100],
    info: { CreationDate: CREATION_DATE },
  });
  const file = createWriteStream(path);
  const output = batchDocumentOutput(doc, 64 * 1024, () => file.bytesWritten);
  if (compact) {
    streamCrossReference(doc, compactObjectOffsets(doc), output);
  }
  const written = pipeline(doc, file);
  for (let page = 0; page < pages; page++) {
    doc.addPage({ size: [200, 100], margin: 0 });
    doc.rect(10, 10, 20 + (page % 50), 30).fill();
  }
  doc.end();
  await written;
  return readFile(path);
}

describe('streamCrossReference', () => {
  it('writes the bytes pdfkit writes', async () => {
    // 6,000 pages make 18,000 objects, several slices of the table with the stream full in between.
    for (const pages of [1, 40, 6_000]) {
      const expected = await writeDocument(pages, false);
      const streamed = await writeDocument(pages, true);
      expect(streamed.length, `${pages} pages`).toBe(expected.length);
      expect(streamed.equals(expected), `${pages} pages`).toBe(true);
    }
  });

  it('ends with the trailer and startxref', async () => {
    const bytes = (await writeDocument(3, true)).toString('latin1');
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(bytes)?.[1]);
    expect(bytes.slice(startxref, startxref + 5)).toBe('xref\n');
    expect(bytes).toMatch(
      /trailer\n<<\n\/Size \d+\n\/Root \d+ 0 R\n\/Info \d+ 0 R\n\/ID \[<[0-9a-f]+> <[0-9a-f]+>\]\n>>\n/,
    );
  });
});

describe('ObjectOffsets', () => {
  it('grows and lists offsets in order', () => {
    const offsets = new ObjectOffsets();
    for (let id = 1; id <= 10_000; id++) {
      expect(offsets.push(null)).toBe(id);
    }
    offsets.set(1, 15);
    offsets.set(10_000, 4_000_000_000);
    const listed = [...offsets];
    expect(listed).toHaveLength(10_000);
    expect(listed[0]).toBe(15);
    expect(listed[1]).toBeNull();
    expect(listed[9_999]).toBe(4_000_000_000);
  });

  it('rejects unknown objects and large offsets', () => {
    const offsets = new ObjectOffsets();
    offsets.push(null);
    expect(() => offsets.set(2, 10)).toThrow(RangeError);
    expect(() => offsets.set(1, 2 ** 32)).toThrow(RangeError);
    expect(() => offsets.set(1, -1)).toThrow(RangeError);
  });
});
