import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledgerLines, MAX_LEDGER_ENTRIES, PrintLedger } from '../../../electron/desk/print-ledger.ts';
import type { ScopedLogger } from '../../../electron/logging/logger.ts';
import type { DocumentRef, LedgerEntry } from '../../../shared/ipc-contract.ts';
import type { DocumentLine } from '../../../shared/labels/types.ts';

const REF: DocumentRef = { kind: 'bill', outlet: 'Pluit', number: '2023.09.00001' };
const ACCOUNT = 'https://mystore.dealpos.net|desk-client';

function entry(labels: number, changes: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    at: '2026-01-15T08:00:00.000Z',
    target: { kind: 'pdf', path: '/tmp/labels.pdf' },
    templateId: 'roll-50x30',
    dpi: 203,
    status: 'completed',
    reprint: false,
    lines: [{ lineNumber: 1, code: '1315L', name: 'Cardigan (L)', labels }],
    labels,
    ...changes,
  };
}

class RecordingLog implements ScopedLogger {
  readonly warnings: Array<{ message: string; fields: unknown }> = [];
  info(): void {}
  warn(message: string, fields?: unknown): void {
    this.warnings.push({ message, fields });
  }
  error(): void {}
}

let folder: string;
let log: RecordingLog;
let ledger: PrintLedger;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'print-ledger-'));
  log = new RecordingLog();
  ledger = new PrintLedger(folder, () => new Date(Date.UTC(2026, 0, 15, 8)), log);
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('PrintLedger', () => {
  it('lists entries newest first', async () => {
    await ledger.append(ACCOUNT, REF, entry(3));
    await ledger.append(ACCOUNT, REF, entry(1, { reprint: true }));

    const entries = await ledger.list(ACCOUNT, REF);

    expect(entries.map((item) => [item.labels, item.reprint])).toEqual([
      [1, true],
      [3, false],
    ]);
  });

  it('writes one JSON file per document, with no temporary file left', async () => {
    await ledger.append(ACCOUNT, REF, entry(3));
    await ledger.append(ACCOUNT, { ...REF, kind: 'delivery' }, entry(2));

    const names = await readdir(ledger.folder);
    expect(names).toHaveLength(2);
    expect(names.every((name) => name.endsWith('.json'))).toBe(true);
    expect(names.some((name) => name.startsWith('bill-Pluit-2023.09.00001-'))).toBe(true);
    const file = JSON.parse(await readFile(ledger.pathOf(ACCOUNT, REF), 'utf8')) as { entries: unknown[] };
    expect(file.entries).toHaveLength(1);
  });

  it('keeps unsafe document numbers inside its folder', () => {
    const path = ledger.pathOf(ACCOUNT, { kind: 'bill', outlet: '../..', number: '../../etc/passwd' });
    expect(dirname(path)).toBe(ledger.folder);
    expect(ledger.pathOf(ACCOUNT, REF)).not.toBe(ledger.pathOf('other-account', REF));
  });

  it('moves a corrupt file aside and starts empty', async () => {
    await ledger.append(ACCOUNT, REF, entry(3));
    await writeFile(ledger.pathOf(ACCOUNT, REF), '{"version": 1, "entries": [{"labels": "many"}]}');

    expect(await ledger.list(ACCOUNT, REF)).toEqual([]);
    const names = await readdir(ledger.folder);
    expect(names.filter((name) => name.includes('.corrupt-'))).toHaveLength(1);
    expect(log.warnings).toHaveLength(1);

    await ledger.append(ACCOUNT, REF, entry(5));
    expect((await ledger.list(ACCOUNT, REF)).map((item) => item.labels)).toEqual([5]);
  });

  it('keeps only the newest entries', async () => {
    for (let index = 1; index <= MAX_LEDGER_ENTRIES + 3; index++) {
      await ledger.append(ACCOUNT, REF, entry(index));
    }

    const entries = await ledger.list(ACCOUNT, REF);
    expect(entries).toHaveLength(MAX_LEDGER_ENTRIES);
    expect(entries[0]!.labels).toBe(MAX_LEDGER_ENTRIES + 3);
    expect(entries.at(-1)!.labels).toBe(4);
  });
});

describe('ledgerLines', () => {
  const lines: DocumentLine[] = [1, 2, 3].map((lineNumber) => ({
    lineNumber,
    variantId: null,
    name: `Line ${lineNumber}`,
    code: `C${lineNumber}`,
    quantity: 0,
    unitPrice: null,
    problems: [],
  }));
  const runs = [
    { lineNumber: 1, count: 10 },
    { lineNumber: 3, count: 20 },
  ];

  it('counts the labels of a range per line', () => {
    expect(ledgerLines(runs, lines, 5, 12)).toEqual([
      { lineNumber: 1, code: 'C1', name: 'Line 1', labels: 5 },
      { lineNumber: 3, code: 'C3', name: 'Line 3', labels: 2 },
    ]);
  });

  it('leaves out lines outside the range', () => {
    expect(ledgerLines(runs, lines, 10, 30).map((line) => line.lineNumber)).toEqual([3]);
    expect(ledgerLines(runs, lines, 0, 0)).toEqual([]);
  });
});
