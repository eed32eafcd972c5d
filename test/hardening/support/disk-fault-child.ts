// Child process for the disk-fault tests: writes a PDF job into the folder given as the first argument
// (a small or read-only tmpfs mounted by the parent) and prints the outcome and the folder's files as JSON.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { labelFontPath, loadFontMetrics } from '../../../electron/pdf/font.ts';
import { printDocumentLabels } from '../../../electron/services/print-labels.ts';
import { isAppError } from '../../../shared/errors.ts';

const folder = process.argv[2]!;
const lines = Array.from({ length: 40 }, (_, index) => ({
  VariantID: `v${index}`,
  Name: `Kaos Polos Warna ${index}`,
  Code: `KP-${String(index).padStart(4, '0')}`,
  Quantity: 50,
  UnitPrice: 1000,
}));

let result: Record<string, unknown>;
try {
  const outcome = await printDocumentLabels(
    {
      kind: 'bill',
      outlet: 'Pluit',
      number: 'DISK-1',
      templateId: 'roll-50x30',
      dpi: 203,
      showPrice: false,
      outputPath: join(folder, 'labels.pdf'),
    },
    {
      client: { fetchDocument: () => Promise.resolve(lines) },
      metrics: await loadFontMetrics(),
      fontPath: labelFontPath(),
    },
  );
  result = { ok: true, labels: outcome.labelsWritten };
} catch (error) {
  result = isAppError(error)
    ? { ok: false, code: error.code, params: error.params }
    : { ok: false, crash: String(error) };
}
result.files = await readdir(folder);
process.stdout.write(JSON.stringify(result));
