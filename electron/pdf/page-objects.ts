// Trims what pdfkit 0.20 writes and keeps for every page. A roll job has one page per label, so each byte
// of per-page overhead costs about 100 KB in a job of 100,000 labels, on disk or in memory. The code
// here changes pdfkit's page objects around the moment pdfkit writes them; package.json pins pdfkit to
// exactly 0.20.2 because of this.

const UNSUPPORTED_PDFKIT = 'the PDF writer relies on internals of pdfkit 0.20.2';

/** Page content streams up to this many bytes stay uncompressed: deflate would add more than it saves. */
const UNCOMPRESSED_CONTENT_LIMIT = 256;

interface PageTreeData {
  Type: unknown;
  /** An array while pages are added, which `finish` replaces with a reference list. */
  Kids: unknown[] | object;
  MediaBox?: number[];
}

type ReferenceListClass = new (ids: Uint32Array) => object;

/**
 * The document's page tree and the per-page trimming. Every page of the document must have the size
 * given here. It goes on the page tree, from which pages inherit it ("Inheritance of Page Attributes" in
 * the Adobe PDF Reference).
 */
export class PageObjects {
  readonly #tree: PageTreeData;
  readonly #mediaBox: number[];
  readonly #procedureSets: PDFKit.PDFKitReference;
  #WrittenReferences: ReferenceListClass | undefined;
  /** Object numbers of the released pages, in page order. Only the first `#pageCount` are used. */
  #pageIds = new Uint32Array(1024);
  #pageCount = 0;

  constructor(doc: PDFKit.PDFDocument, size: readonly number[]) {
    const root = (doc as { _root?: { data?: { Pages?: { data?: Partial<PageTreeData> } } } })._root;
    const tree = root?.data?.Pages?.data;
    if (tree?.Type !== 'Pages' || !Array.isArray(tree.Kids)) {
      throw new Error(`pdfkit document has no page tree (_root.data.Pages); ${UNSUPPORTED_PDFKIT}`);
    }
    const [width, height] = size;
    if (width === undefined || height === undefined) {
      throw new RangeError('page size needs a width and a height');
    }
    this.#tree = tree as PageTreeData;
    this.#mediaBox = [0, 0, width, height];
    this.#tree.MediaBox = this.#mediaBox;
    // Label pages paint paths and text only, so they need the PDF and Text procedure sets and no others.
    this.#procedureSets = doc.ref(['PDF', 'Text']);
    this.#procedureSets.end(undefined);
  }

  /**
   * Shrinks the entries that pdfkit writes on every page, by about 120 bytes a page. A MediaBox equal to
   * the inherited one goes, and so does `UserUnit 1`, the default. pdfkit's five-name ProcSet array
   * becomes a reference to one shared array. A content stream too short to shrink loses its deflate
   * filter. Call it before pdfkit ends the page.
   *
   * The Adobe PDF Reference calls procedure sets obsolete since PDF 1.4 and tells readers not to rely on
   * them, but asks writers to keep listing them for older readers, so they stay.
   */
  trim(page: PDFKit.PDFPage): void {
    const resources = (page as { resources?: { data?: Record<string, unknown> } }).resources?.data;
    const dictionary = page.dictionary.data as Record<string, unknown>;
    const content = page.content as { compress?: unknown; uncompressedLength?: unknown; data: object };
    if (
      resources === undefined ||
      typeof content.compress !== 'boolean' ||
      typeof content.uncompressedLength !== 'number'
    ) {
      throw new Error(`pdfkit page has no resources, compress or uncompressedLength; ${UNSUPPORTED_PDFKIT}`);
    }

    // pdfkit's object writer skips keys whose value is undefined. Setting them so is much faster than
    // delete, which turns each of these small dictionaries into a slow hash map in V8.
    const pageBox = dictionary['MediaBox'];
    if (Array.isArray(pageBox) && pageBox.every((value, index) => value === this.#mediaBox[index])) {
      dictionary['MediaBox'] = undefined;
    }
    if (dictionary['UserUnit'] === 1) {
      dictionary['UserUnit'] = undefined;
    }
    resources['ProcSet'] = this.#procedureSets;
    if (content.uncompressedLength <= UNCOMPRESSED_CONTENT_LIMIT) {
      content.compress = false;
      (content.data as Record<string, unknown>)['Filter'] = undefined;
    }
  }

  /**
   * Takes a written page out of the page tree and keeps only its object number, 4 bytes a page. pdfkit
   * keeps each page's dictionary object, with its fields and its own dictionary, until the document ends,
   * about 250 bytes a page, yet all it writes from them then is the reference text "12 0 R". Call it after
   * pdfkit has ended the page, while it is still the last page of the tree, and call `finish` before the
   * document ends.
   */
  release(page: PDFKit.PDFPage): void {
    const kids = this.#kids();
    if (kids.length === 0 || kids[kids.length - 1] !== page.dictionary) {
      throw new Error(`page is not the last entry of the page tree (Kids); ${UNSUPPORTED_PDFKIT}`);
    }
    this.#WrittenReferences ??= referenceListClass(page.dictionary);
    if (this.#pageCount === this.#pageIds.length) {
      const grown = new Uint32Array(this.#pageIds.length * 2);
      grown.set(this.#pageIds);
      this.#pageIds = grown;
    }
    this.#pageIds[this.#pageCount] = page.dictionary.id;
    this.#pageCount += 1;
    kids.pop();
  }

  #kids(): unknown[] {
    const kids = this.#tree.Kids;
    if (!Array.isArray(kids)) {
      throw new Error('the page tree is already finished');
    }
    return kids;
  }

  /**
   * Puts the released pages back into the page tree, in order, as one value that pdfkit writes as the
   * array of their references. Call it once, after the last page is released and before `doc.end()`.
   */
  finish(): void {
    if (this.#kids().length !== 0) {
      throw new Error('finish() needs every page of the tree released first');
    }
    if (this.#WrittenReferences !== undefined) {
      this.#tree.Kids = new this.#WrittenReferences(this.#pageIds.subarray(0, this.#pageCount));
    }
  }
}

/**
 * Builds a class whose objects pdfkit writes as "[<id> 0 R <id> 0 R ...]", an array of references.
 * pdfkit's object writer prints any instance of its reference base class through `toString()`, so the
 * class extends that base, taken from `reference`.
 */
function referenceListClass(reference: PDFKit.PDFKitReference): ReferenceListClass {
  const base = Object.getPrototypeOf(Object.getPrototypeOf(reference) as object) as {
    constructor?: unknown;
  } | null;
  const Base = base?.constructor;
  if (typeof Base !== 'function' || Base === Object || reference.toString() !== `${reference.id} 0 R`) {
    throw new Error(`pdfkit references do not extend a reference base class; ${UNSUPPORTED_PDFKIT}`);
  }
  const AbstractReference = Base as new () => object;

  return class ReferenceList extends AbstractReference {
    readonly ids: Uint32Array;

    constructor(ids: Uint32Array) {
      super();
      this.ids = ids;
    }

    override toString(): string {
      const parts: string[] = new Array<string>(this.ids.length);
      for (let index = 0; index < this.ids.length; index++) {
        parts[index] = `${this.ids[index]} 0 R`;
      }
      return `[${parts.join(' ')}]`;
    }
  };
}
