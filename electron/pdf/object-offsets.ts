// Keeps the byte offset of every PDF object, which pdfkit 0.20 needs for the cross-reference table it
// writes when the document ends, in a typed array instead of pdfkit's plain array. A roll job has three
// objects per label (page, resources, content), so the plain array's 8 bytes per offset, plus its spare
// capacity, made memory grow by 24 to 36 bytes a label. Here an object costs 5 bytes. package.json pins
// pdfkit to exactly 0.20.2 because this replaces its private `_offsets` and `_refEnd`.

const UNSUPPORTED_PDFKIT = 'the PDF writer relies on internals of pdfkit 0.20.2';

/** Offsets up to this value fit the 32-bit slots: 4 GiB, where a 100,000-label PDF is about 37 MB. */
const MAX_OFFSET = 0xffff_ffff;

interface DocumentObjects {
  _offsets: unknown;
  _waiting: number;
  _ended: boolean;
  _refEnd(ref: { id: number; offset: number }): void;
  _finalize(): void;
}

/**
 * Object offsets in one growable Uint32Array. Once `_refEnd` is replaced, pdfkit uses `_offsets` in three
 * ways only: `length` and `push(null)` when it numbers a new object, and iteration when it writes the
 * cross-reference table.
 * Unset slots read as null, as pdfkit's own array does for objects that were never ended.
 */
export class ObjectOffsets implements Iterable<number | null> {
  #offsets = new Uint32Array(4096);
  #isSet = new Uint8Array(4096);
  #length = 0;

  get length(): number {
    return this.#length;
  }

  /** Adds a slot for a new object. pdfkit passes null because the offset is not known yet. */
  push(value: null): number {
    if (value !== null) {
      throw new RangeError(`a new object slot starts empty, got ${String(value)}`);
    }
    if (this.#length === this.#offsets.length) {
      const offsets = new Uint32Array(this.#offsets.length * 2);
      offsets.set(this.#offsets);
      this.#offsets = offsets;
      const isSet = new Uint8Array(this.#isSet.length * 2);
      isSet.set(this.#isSet);
      this.#isSet = isSet;
    }
    this.#length += 1;
    return this.#length;
  }

  /** Records the offset of object `id` (1-based). */
  set(id: number, offset: number): void {
    if (!Number.isInteger(id) || id < 1 || id > this.#length) {
      throw new RangeError(`object ${id} has no slot; ${this.#length} objects exist`);
    }
    if (!Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET) {
      throw new RangeError(`object offset ${offset} does not fit 32 bits`);
    }
    this.#offsets[id - 1] = offset;
    this.#isSet[id - 1] = 1;
  }

  /** Returns the offset of the object at 0-based `index`, or null when it was never recorded. */
  at(index: number): number | null {
    return this.#isSet[index] === 1 ? this.#offsets[index]! : null;
  }

  *[Symbol.iterator](): Iterator<number | null> {
    for (let index = 0; index < this.#length; index++) {
      yield this.#isSet[index] === 1 ? this.#offsets[index]! : null;
    }
  }
}

/**
 * Replaces the offsets array of a new pdfkit document with an `ObjectOffsets`, carrying over the
 * objects pdfkit has already numbered, and its `_refEnd` with one that records into it. Call it before
 * any object is ended. Throws when pdfkit's internals differ from 0.20.2.
 */
export function compactObjectOffsets(doc: PDFKit.PDFDocument): ObjectOffsets {
  const target = doc as unknown as Partial<DocumentObjects>;
  const existing = target._offsets;
  if (
    !Array.isArray(existing) ||
    typeof target._refEnd !== 'function' ||
    typeof target._finalize !== 'function' ||
    typeof target._waiting !== 'number'
  ) {
    throw new Error(`pdfkit document has no _offsets array, _refEnd or _finalize; ${UNSUPPORTED_PDFKIT}`);
  }
  const offsets = new ObjectOffsets();
  existing.forEach((offset: unknown, index) => {
    offsets.push(null);
    if (typeof offset === 'number') {
      offsets.set(index + 1, offset);
    }
  });

  const document = target as DocumentObjects;
  document._offsets = offsets;
  // The same steps as pdfkit 0.20.2's `_refEnd`, with the offset stored in the typed array.
  document._refEnd = (ref) => {
    offsets.set(ref.id, ref.offset);
    document._waiting -= 1;
    if (document._waiting === 0 && document._ended) {
      document._finalize();
      document._ended = false;
    }
  };
  return offsets;
}
