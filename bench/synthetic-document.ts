import { gs1CheckDigit } from '../shared/labels/symbology.ts';

// Builds DealPOS outlet-delivery lines shaped like the API's response (VariantID, Name, Code, Quantity,
// UnitPrice), with product names and codes like those of Indonesian retailers. Half the codes are
// EAN-13 with a valid check digit (GS1 prefix 899, Indonesia) and half are shop SKUs printed as Code 128.
// A fixed seed makes every run build the same document.

const PRODUCTS = [
  'Kaos Polos Katun Combed 30s',
  'Kemeja Flanel Kotak',
  'Celana Chino Slim Fit',
  'Dompet Kulit',
  'Sepatu Lari Pria',
  'Sandal Jepit Karet',
  'Tas Selempang Kanvas Motif Batik Parang',
  'Jilbab Segi Empat Voal',
  'Sabun Cuci Piring Jeruk 750ml',
  'Pasta Gigi Herbal 190g',
  'Kopi Arabika Gayo 250 g',
  'Teh Melati Celup isi 25',
  'Beras Pandan Wangi 5 kg',
  'Minyak Goreng Sawit 2 L',
  'Crème Pelembap Wajah Niacinamide 5%',
  'Кофе молотый 250 г',
];
const VARIANTS = ['Hitam', 'Putih', 'Coklat', 'Biru Dongker', 'Merah Marun', 'Abu-abu', 'Hijau Army'];
const SIZES = ['S', 'M', 'L', 'XL', 'XXL', '39', '40', '41', '42', '43'];
const SKU_PREFIXES = ['KPC', 'KFK', 'CCS', 'DPK', 'SLP', 'SJK', 'TSK', 'JSV'];

/** One document line as DealPOS API v3 returns it (a type alias, so it fits `Record<string, unknown>`). */
export type SyntheticLine = {
  VariantID: string;
  Name: string;
  Code: string;
  Quantity: number;
  UnitPrice: number;
};

/** Returns `lineCount` lines whose quantities add up to exactly `labelCount`, the same on every run. */
export function buildSyntheticDocument(lineCount: number, labelCount: number): SyntheticLine[] {
  if (
    !Number.isInteger(lineCount) ||
    lineCount < 1 ||
    !Number.isInteger(labelCount) ||
    labelCount < lineCount
  ) {
    throw new RangeError(
      `need at least one line and one label per line, got ${lineCount} lines and ${labelCount} labels`,
    );
  }
  const random = mulberry32(lineCount * 1_000_003 + labelCount);
  const quantities = splitQuantities(labelCount, lineCount, random);

  return quantities.map((quantity, index) => {
    const product = pick(PRODUCTS, random);
    const variant = pick(VARIANTS, random);
    const size = pick(SIZES, random);
    const code =
      index % 2 === 0
        ? ean13(`899${String(1_000_000_000 + index * 7919).slice(-9)}`)
        : `${pick(SKU_PREFIXES, random)}-${size}-${String(index).padStart(5, '0')}`;
    return {
      VariantID: `b7e10000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      Name: `${product} — ${variant} (${size})`,
      Code: code,
      Quantity: quantity,
      UnitPrice: 5_000 + Math.floor(random() * 90) * 2_500,
    };
  });
}

/** Splits `total` into `parts` quantities of at least 1, uneven like a real delivery. */
function splitQuantities(total: number, parts: number, random: () => number): number[] {
  const weights = Array.from({ length: parts }, () => 0.2 + random() * random() * 4);
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  const spare = total - parts;
  const quantities = weights.map((weight) => 1 + Math.floor((weight / weightSum) * spare));
  // Rounding down leaves a few labels over, and they go to the first lines.
  let left = total - quantities.reduce((sum, quantity) => sum + quantity, 0);
  for (let index = 0; left > 0; index = (index + 1) % parts, left--) {
    quantities[index] = (quantities[index] ?? 0) + 1;
  }
  return quantities;
}

function ean13(firstTwelve: string): string {
  return `${firstTwelve}${gs1CheckDigit(firstTwelve)}`;
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** A small seeded pseudo-random generator (mulberry32), so the document does not change between runs. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}
