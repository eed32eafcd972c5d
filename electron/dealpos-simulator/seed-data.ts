import billEdgeCases from './seed/bill-edge-cases.json' with { type: 'json' };
import billPluit from './seed/bill-pluit-2023.09.00001.json' with { type: 'json' };
import billTokoBandung from './seed/bill-toko-bandung-PB-2026-10-00318.json' with { type: 'json' };
import deliveryPluit from './seed/delivery-pluit-2023.09.00001.json' with { type: 'json' };
import errorSamples from './seed/errors.json' with { type: 'json' };
import variantIds from './seed/variant-ids-by-list-code.json' with { type: 'json' };

/** A DealPOS document the simulator serves. */
export type SimulatorDocumentKind = 'bill' | 'delivery';

/** One document as the simulator stores it: the lines are returned exactly as stored. */
export interface SeedDocument {
  kind: SimulatorDocumentKind;
  outlet: string;
  number: string;
  lines: unknown[];
}

/** One `Variant/GetIDByListCode` item. */
export interface SeedVariantId {
  ID: string;
  ProductID: string;
  Code: string;
}

/**
 * Documents the simulator starts with: two from the DealPOS reference, a mixed retail bill, and a bill of
 * odd lines (null and missing fields, negative, fractional and huge quantities, a numeric Code).
 */
export const SEED_DOCUMENTS: readonly SeedDocument[] = [
  { kind: 'bill', outlet: 'Pluit', number: '2023.09.00001', lines: billPluit },
  { kind: 'delivery', outlet: 'Pluit', number: '2023.09.00001', lines: deliveryPluit },
  {
    kind: 'bill',
    outlet: billTokoBandung.request.Outlet,
    number: billTokoBandung.request.Number,
    lines: billTokoBandung.response,
  },
  {
    kind: 'bill',
    outlet: billEdgeCases.request.Outlet,
    number: billEdgeCases.request.Number,
    lines: billEdgeCases.response,
  },
];

/** The variant ids of the DealPOS reference example, for codes 1000, 1001 and 1002. */
export const SEED_VARIANT_IDS: readonly SeedVariantId[] = variantIds.response;

function sampleFor(status: number): { headers: Record<string, string | undefined>; body: unknown } {
  const sample = errorSamples.find((entry) => entry.status === status);
  if (sample === undefined) {
    throw new Error(`the error samples contain no HTTP ${status} entry`);
  }
  return sample;
}

function messageOf(body: unknown): string {
  if (typeof body === 'object' && body !== null && 'Message' in body && typeof body.Message === 'string') {
    return body.Message;
  }
  throw new Error('the error sample has no Message');
}

const badGateway = sampleFor(502);
const rateLimited = sampleFor(429);

/** The HTML page a reverse proxy in front of DealPOS serves with a 502. */
export const BAD_GATEWAY_HTML = String(badGateway.body);

/** The DealPOS message for an exceeded API quota (HTTP 429). */
export const QUOTA_MESSAGE = messageOf(rateLimited.body);

/** The `Retry-After` DealPOS sends with a 429, in seconds. */
export const QUOTA_RETRY_AFTER = rateLimited.headers['Retry-After'] ?? '2';
