import { inflateSync } from 'node:zlib';

// Reads the objects of a PDF written by pdfkit, which writes every object in full at the offset its
// cross-reference entry gives, with no object streams. Enough for structural checks in tests.

/** One indirect object: its dictionary text and its stream, inflated when it was deflated. */
export interface PdfObject {
  id: number;
  /** Byte offset of "<id> 0 obj" in the file. */
  offset: number;
  dictionary: string;
  stream: Buffer | null;
}

/** Returns every indirect object of `file`, keyed by object number. */
export function readPdfObjects(file: Buffer): Map<number, PdfObject> {
  const text = file.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj\n/g;
  for (let match = header.exec(text); match !== null; match = header.exec(text)) {
    const id = Number(match[1]);
    const start = match.index + match[0].length;
    const end = text.indexOf('endobj', start);
    const body = text.slice(start, end);
    const streamAt = body.indexOf('\nstream\n');
    if (streamAt < 0) {
      objects.set(id, { id, offset: match.index, dictionary: body, stream: null });
      header.lastIndex = end;
      continue;
    }
    const dictionary = body.slice(0, streamAt);
    const length = Number(/\/Length (\d+)/.exec(dictionary)?.[1]);
    const dataStart = start + streamAt + '\nstream\n'.length;
    const raw = file.subarray(dataStart, dataStart + length);
    const stream = dictionary.includes('/FlateDecode') ? inflateSync(raw) : Buffer.from(raw);
    objects.set(id, { id, offset: match.index, dictionary, stream });
    header.lastIndex = dataStart + length;
  }
  return objects;
}

/** Returns the objects whose dictionary has `/Type /<type>` (and `/Subtype /<subtype>` when given). */
export function objectsOfType(objects: Map<number, PdfObject>, type: string, subtype?: string): PdfObject[] {
  return [...objects.values()].filter(
    (object) =>
      new RegExp(`/Type /${type}\\n`).test(object.dictionary) &&
      (subtype === undefined || new RegExp(`/Subtype /${subtype}\\n`).test(object.dictionary)),
  );
}

/** Returns the object number that `key` in `dictionary` refers to, as in `/Resources 12 0 R`. */
export function referenceOf(dictionary: string, key: string): number | null {
  const match = new RegExp(`/${key} (\\d+) 0 R`).exec(dictionary);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/** Returns the entries of the `/XObject << ... >>` dictionary in `resources`: resource name → object. */
export function xobjectsOf(resources: string): Map<string, number> {
  const entries = new Map<string, number>();
  const block = /\/XObject <<\n([\s\S]*?)>>/.exec(resources)?.[1] ?? '';
  for (const match of block.matchAll(/\/(\w+) (\d+) 0 R/g)) {
    entries.set(match[1] ?? '', Number(match[2]));
  }
  return entries;
}

/** Returns the offsets the cross-reference table gives for objects 1, 2, ..., in order. */
export function crossReferenceOffsets(file: Buffer): number[] {
  const text = file.toString('latin1');
  const start = text.lastIndexOf('\nxref\n');
  const table = /^0 (\d+)\n/.exec(text.slice(start + '\nxref\n'.length));
  if (start < 0 || table?.[1] === undefined) {
    throw new Error('no cross-reference table found');
  }
  const count = Number(table[1]);
  const entriesStart = start + '\nxref\n'.length + table[0].length;
  const offsets: number[] = [];
  // Entry 0 is the head of the free list; each entry is "nnnnnnnnnn ggggg n" and a newline.
  for (let index = 1; index < count; index++) {
    const line = text.slice(entriesStart + index * 20, entriesStart + index * 20 + 18);
    offsets.push(Number(line.slice(0, 10)));
  }
  return offsets;
}
