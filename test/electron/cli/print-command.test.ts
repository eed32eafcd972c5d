import { access, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDealposSimulator, type DealposSimulator } from '../../../electron/dealpos-simulator/index.ts';
import { cellPositions } from '../../../shared/labels/job.ts';
import { findTemplate } from '../../../shared/labels/templates.ts';
import { freshHome, runCliCaptured } from '../../support/cli-runner.ts';
import { decodeLabels, pdfPageSizes, pdfText } from '../../support/pdf-tools.ts';

const SECRET = 'cli-test-secret-7f3a9c';
let simulator: DealposSimulator;
let outputFolder: string;
let env: NodeJS.ProcessEnv;

function layoutOf(templateId: string) {
  const template = findTemplate(templateId)!;
  return {
    pageSizeMm: template.page,
    cells: cellPositions(template).map((cell) => ({ ...cell, ...template.label })),
  };
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

beforeAll(async () => {
  simulator = await startDealposSimulator({ clientId: 'desk', clientSecret: SECRET });
  outputFolder = await mkdtemp(join(tmpdir(), 'label-desk-cli-'));
});

afterAll(async () => {
  await simulator.close();
  await rm(outputFolder, { recursive: true, force: true });
});

beforeEach(async () => {
  simulator.faults.clear();
  env = {
    PATH: process.env.PATH,
    LANG: 'en_US.UTF-8',
    DEALPOS_LABELS_HOME: await freshHome(),
    DEALPOS_URL: simulator.url,
    DEALPOS_CLIENT_ID: 'desk',
    DEALPOS_CLIENT_SECRET: SECRET,
  };
});

describe('print command', () => {
  it('prints bill 2023.09.00001 as 45 labels that decode back in document order', async () => {
    const pdf = join(outputFolder, 'pluit-bill.pdf');
    const result = await runCliCaptured(
      ['print', '--bill', '2023.09.00001', '--outlet', 'Pluit', '--pdf', pdf],
      env,
    );

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`PDF written: ${pdf}`);
    expect(result.stdout).toContain('3 lines, 45 labels written, 0 lines refused.');

    const decoded = await decodeLabels(pdf, layoutOf('roll-50x30'));
    const expected = [
      ...Array<string>(10).fill('1315L'),
      ...Array<string>(15).fill('200536'),
      ...Array<string>(20).fill('1315XL'),
    ];
    expect(decoded.map((label) => label.data)).toEqual(expected);
    expect(new Set(decoded.map((label) => label.symbology))).toEqual(new Set(['CODE-128']));

    const sizes = await pdfPageSizes(pdf);
    expect(sizes).toHaveLength(45);
    expect(sizes[0]!.widthPt).toBeCloseTo(141.73, 2);
    expect(sizes[0]!.heightPt).toBeCloseTo(85.04, 2);
  });

  it('prints an outlet delivery', async () => {
    const pdf = join(outputFolder, 'pluit-delivery.pdf');
    const result = await runCliCaptured(
      ['print', '--delivery', '2023.09.00001', '--outlet', 'Pluit', '--pdf', pdf],
      env,
    );
    expect(result.code).toBe(0);
    const decoded = await decodeLabels(pdf, layoutOf('roll-50x30'));
    expect(decoded).toHaveLength(25);
    expect(decoded.at(-1)!.data).toBe('200536');
  });

  it('prints EAN-13, EAN-8, UPC-A and Code 128 on a sheet and reads every label back in order', async () => {
    const pdf = join(outputFolder, 'bandung.pdf');
    const result = await runCliCaptured(
      [
        'print',
        '--bill',
        'PB/2026/10/00318',
        '--outlet',
        'Toko Bandung',
        '--template',
        'sheet-a4-3x8',
        '--pdf',
        pdf,
      ],
      env,
    );
    expect(result.code).toBe(0);
    const decoded = await decodeLabels(pdf, layoutOf('sheet-a4-3x8'));
    const expected = [
      ...Array<string>(6).fill('CODE-128:KF-M-0101'),
      ...Array<string>(4).fill('CODE-128:KF-L-0101'),
      ...Array<string>(12).fill('EAN-13:8991111222233'),
      ...Array<string>(8).fill('EAN-8:89900017'),
      ...Array<string>(3).fill('UPC-A:049634060004'),
      ...Array<string>(2).fill('CODE-128:TSK-PRK-01'),
      ...Array<string>(5).fill('CODE-128:CPW-NIA5'),
      'CODE-128:200542',
      // 41 labels leave the last 7 cells of the second sheet empty.
      ...Array<string>(7).fill('null:null'),
    ];
    expect(decoded.map((label) => `${label.symbology}:${label.data}`)).toEqual(expected);
  });

  it('prints three across on the 33 mm roll and refuses codes too long for it', async () => {
    simulator.setDocument('bill', 'Pluit', 'SMALL-1', [
      { VariantID: 'a', Name: 'Pasta Gigi', Code: '89900017', Quantity: 2, UnitPrice: 1 },
      { VariantID: 'b', Name: 'Sepatu Lari Pria (42)', Code: '200542', Quantity: 1, UnitPrice: 1 },
      { VariantID: 'c', Name: 'Cardigan', Code: '1315L', Quantity: 1, UnitPrice: 1 },
      { VariantID: 'd', Name: 'Tas', Code: 'TSK-PRK-01-XL-LONG', Quantity: 1, UnitPrice: 1 },
    ]);
    const pdf = join(outputFolder, 'small.pdf');
    const result = await runCliCaptured(
      ['print', '--bill', 'SMALL-1', '--outlet', 'Pluit', '--template', 'roll-33x15-3up', '--pdf', pdf],
      env,
    );
    expect(result.code).toBe(6);
    expect(result.stderr).toContain(
      'Line 4: code "TSK-PRK-01-XL-LONG" is too long to scan reliably on a 33 mm label.',
    );
    const decoded = await decodeLabels(pdf, layoutOf('roll-33x15-3up'));
    expect(decoded.map((label) => `${label.symbology}:${label.data}`)).toEqual([
      'EAN-8:89900017',
      'EAN-8:89900017',
      'CODE-128:200542',
      'CODE-128:1315L',
      'null:null',
      'null:null',
    ]);
    const sizes = await pdfPageSizes(pdf);
    expect(sizes[0]!.widthPt).toBeCloseTo((105 * 72) / 25.4, 2);
    expect(sizes[0]!.heightPt).toBeCloseTo((15 * 72) / 25.4, 2);
  });

  it('keeps names with non-Latin letters and dashes as text in the PDF', async () => {
    simulator.setDocument('bill', 'Pluit', 'TXT-1', [
      { VariantID: 'v1', Name: 'Dompet Kulit — Coklat', Code: 'DK-01', Quantity: 1, UnitPrice: 1 },
      { VariantID: 'v2', Name: 'Кофе 250 г', Code: 'KF-250', Quantity: 1, UnitPrice: 1 },
    ]);
    const pdf = join(outputFolder, 'text.pdf');
    const result = await runCliCaptured(['print', '--bill', 'TXT-1', '--outlet', 'Pluit', '--pdf', pdf], env);
    expect(result.code).toBe(0);
    const text = await pdfText(pdf);
    expect(text).toContain('Dompet Kulit — Coklat');
    expect(text).toContain('Кофе 250 г');
  });

  it('prints prices only when asked, as Rupiah', async () => {
    const plain = join(outputFolder, 'no-price.pdf');
    const priced = join(outputFolder, 'price.pdf');
    await runCliCaptured(['print', '--bill', '2023.09.00001', '--outlet', 'Pluit', '--pdf', plain], env);
    await runCliCaptured(
      ['print', '--bill', '2023.09.00001', '--outlet', 'Pluit', '--show-price', '--pdf', priced],
      env,
    );
    expect(await pdfText(plain)).not.toContain('Rp');
    expect(await pdfText(priced)).toContain('Rp 280.000');
  });

  it('exits 6 and names each refused line when some lines cannot print', async () => {
    simulator.setDocument('bill', 'Pluit', 'MIX-1', [
      { VariantID: 'a', Name: 'Good', Code: 'GOOD-1', Quantity: 2, UnitPrice: 1 },
      { VariantID: 'b', Name: 'Café', Code: 'CAFÉ', Quantity: 1, UnitPrice: 1 },
      { VariantID: 'c', Name: 'Tab', Code: '1234\tab', Quantity: 1, UnitPrice: 1 },
      { VariantID: 'd', Name: 'Half', Code: 'HALF-1', Quantity: 0.5, UnitPrice: 1 },
    ]);
    const pdf = join(outputFolder, 'mixed.pdf');
    const result = await runCliCaptured(['print', '--bill', 'MIX-1', '--outlet', 'Pluit', '--pdf', pdf], env);
    expect(result.code).toBe(6);
    expect(result.stderr).toContain('Line 2: code "CAFÉ" has the character "É" (U+00C9) at position 4');
    expect(result.stderr).toContain('Line 3: code "1234\tab" has the character U+0009 at position 5');
    expect(result.stderr).toContain('Line 4: the quantity 0.5 is not a whole number');
    expect(result.stdout).toContain('4 lines, 2 labels written, 3 lines refused.');
    const decoded = await decodeLabels(pdf, layoutOf('roll-50x30'));
    expect(decoded.map((label) => label.data)).toEqual(['GOOD-1', 'GOOD-1']);
  });

  it('writes nothing and exits 0 when every quantity is zero', async () => {
    simulator.setDocument('bill', 'Pluit', 'ZERO-1', [
      { VariantID: 'z', Name: 'Z', Code: 'Z-1', Quantity: 0, UnitPrice: 1 },
    ]);
    const pdf = join(outputFolder, 'zero.pdf');
    const result = await runCliCaptured(
      ['print', '--bill', 'ZERO-1', '--outlet', 'Pluit', '--pdf', pdf],
      env,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Nothing to print');
    expect(await exists(pdf)).toBe(false);
  });

  it('answers in Indonesian when the locale is Indonesian', async () => {
    const pdf = join(outputFolder, 'id.pdf');
    const result = await runCliCaptured(
      ['print', '--bill', '2023.09.00001', '--outlet', 'Pluit', '--pdf', pdf],
      {
        ...env,
        LANG: 'id_ID.UTF-8',
      },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('PDF ditulis:');
    expect(result.stdout).toContain('3 baris, 45 label ditulis, 0 baris ditolak.');
  });
});

describe('print command exit codes', () => {
  const pdfIn = (name: string): string => join(outputFolder, name);

  it('exits 2 for a missing option, with a translated message', async () => {
    const result = await runCliCaptured(['print', '--bill', '1', '--pdf', pdfIn('x.pdf')], {
      ...env,
      LANG: 'id_ID.UTF-8',
    });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      'Opsi --outlet <name> wajib diisi. Jalankan dengan --help untuk melihat opsinya.',
    );
  });

  it('exits 2 when both or neither document options are given', async () => {
    const both = await runCliCaptured(
      ['print', '--bill', '1', '--delivery', '2', '--outlet', 'Pluit', '--pdf', pdfIn('x.pdf')],
      env,
    );
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('either --bill or --delivery');
    const neither = await runCliCaptured(['print', '--outlet', 'Pluit', '--pdf', pdfIn('x.pdf')], env);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('--bill NUMBER or --delivery NUMBER');
  });

  it('exits 2 for an unsupported dpi, an unknown template and an unknown command', async () => {
    const dpi = await runCliCaptured(
      ['print', '--bill', '1', '--outlet', 'P', '--dpi', '250', '--pdf', pdfIn('x.pdf')],
      env,
    );
    expect(dpi.code).toBe(2);
    expect(dpi.stderr).toContain('Use one of 203, 300, 600.');
    const template = await runCliCaptured(
      [
        'print',
        '--bill',
        '2023.09.00001',
        '--outlet',
        'Pluit',
        '--template',
        'nope',
        '--pdf',
        pdfIn('x.pdf'),
      ],
      env,
    );
    expect(template.code).toBe(2);
    expect(template.stderr).toContain('There is no label template "nope"');
    const command = await runCliCaptured(['prnt'], env);
    expect(command.code).toBe(2);
    expect(command.stderr).toContain('Unknown command prnt');
  });

  it('exits 2 with no account configured', async () => {
    const result = await runCliCaptured(['print', '--bill', '1', '--outlet', 'P', '--pdf', pdfIn('x.pdf')], {
      PATH: process.env.PATH,
      LANG: 'en_US.UTF-8',
      DEALPOS_LABELS_HOME: await freshHome(),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('No DealPOS account is set up');
  });

  it('exits 2 for a plain http address that is not loopback, before any request', async () => {
    const before = simulator.requests.length;
    const result = await runCliCaptured(['print', '--bill', '1', '--outlet', 'P', '--pdf', pdfIn('x.pdf')], {
      ...env,
      DEALPOS_URL: 'http://mystore.dealpos.net',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('The DealPOS address "http://mystore.dealpos.net" is not valid');
    expect(simulator.requests.length).toBe(before);
  });

  it('exits 2 and writes nothing for a job above 5,000 labels without --yes', async () => {
    simulator.setDocument('bill', 'Pluit', 'BIG-1', [
      { VariantID: 'b', Name: 'Bulk', Code: 'BULK-01', Quantity: 250000, UnitPrice: 1 },
    ]);
    const pdf = pdfIn('big.pdf');
    const result = await runCliCaptured(['print', '--bill', 'BIG-1', '--outlet', 'Pluit', '--pdf', pdf], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('This job would print 250,000 labels, more than 5,000.');
    expect(result.stderr).toContain('The largest lines: #1 BULK-01 × 250,000.');
    expect(await exists(pdf)).toBe(false);
  });

  it('exits 3 for an unknown outlet and for an unknown number, naming them', async () => {
    const outlet = await runCliCaptured(
      ['print', '--bill', '2023.09.00001', '--outlet', 'Puit', '--pdf', pdfIn('x.pdf')],
      env,
    );
    expect(outlet.code).toBe(3);
    expect(outlet.stderr).toContain('outlet "Puit"');
    const number = await runCliCaptured(
      ['print', '--bill', '2023.09.00999', '--outlet', 'Pluit', '--pdf', pdfIn('x.pdf')],
      env,
    );
    expect(number.code).toBe(3);
    expect(number.stderr).toContain('2023.09.00999');
  });

  it('exits 4 for a wrong secret and for a missing DealPOS role', async () => {
    const wrong = await runCliCaptured(
      ['print', '--bill', '2023.09.00001', '--outlet', 'Pluit', '--pdf', pdfIn('x.pdf')],
      {
        ...env,
        DEALPOS_CLIENT_SECRET: 'wrong-secret',
      },
    );
    expect(wrong.code).toBe(4);
    expect(wrong.stderr).toContain('client ID or secret was rejected');

    simulator.faults.inject('bill', { kind: 'forbidden', role: 'Inventory - VIEW' });
    const forbidden = await runCliCaptured(
      ['print', '--bill', '2023.09.00001', '--outlet', 'Pluit', '--pdf', pdfIn('x.pdf')],
      env,
    );
    expect(forbidden.code).toBe(4);
    expect(forbidden.stderr).toContain('needs the role "Inventory - VIEW"');
  });

  it('exits 5 after retries for server errors and malformed answers, and for an unreachable server', async () => {
    simulator.faults.inject('bill', { kind: 'status', status: 503 }, 3);
    const server = await runCliCaptured(
      ['print', '--bill', '2023.09.00001', '--outlet', 'Pluit', '--pdf', pdfIn('x.pdf')],
      env,
    );
    expect(server.code).toBe(5);
    expect(server.stderr).toContain('HTTP 503');

    simulator.faults.inject('bill', { kind: 'malformed_json' }, 3);
    const malformed = await runCliCaptured(
      ['print', '--bill', '2023.09.00001', '--outlet', 'Pluit', '--pdf', pdfIn('x.pdf')],
      env,
    );
    expect(malformed.code).toBe(5);
    expect(malformed.stderr).toContain('cannot read');

    const closed = await startDealposSimulator();
    const closedUrl = closed.url;
    await closed.close();
    const network = await runCliCaptured(
      ['print', '--bill', '2023.09.00001', '--outlet', 'Pluit', '--pdf', pdfIn('x.pdf')],
      {
        ...env,
        DEALPOS_URL: closedUrl,
      },
    );
    expect(network.code).toBe(5);
    expect(network.stderr).toContain("Couldn't reach DealPOS at 127.0.0.1");
  });

  it('exits 1 before fetching when the PDF folder is missing', async () => {
    const before = simulator.requests.length;
    const pdf = join(outputFolder, 'missing-folder', 'labels.pdf');
    const result = await runCliCaptured(
      ['print', '--bill', '2023.09.00001', '--outlet', 'Pluit', '--pdf', pdf],
      env,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Couldn't write the PDF to ${pdf}: the folder does not exist.`);
    expect(await readdir(outputFolder)).not.toContain('missing-folder');
    expect(simulator.requests.length).toBe(before);
  });

  it('exits 1 and names the problem when the PDF path is a folder', async () => {
    const result = await runCliCaptured(
      ['print', '--bill', '2023.09.00001', '--outlet', 'Pluit', '--pdf', outputFolder],
      env,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('that is a folder. Give a file name such as labels.pdf');
  });

  it('exits 2 before fetching for a start position the template does not have', async () => {
    const before = simulator.requests.length;
    const sheet = await runCliCaptured(
      [
        'print',
        '--bill',
        '2023.09.00001',
        '--outlet',
        'Pluit',
        '--template',
        'sheet-a4-3x8',
        '--start',
        '25',
        '--pdf',
        pdfIn('x.pdf'),
      ],
      env,
    );
    expect(sheet.code).toBe(2);
    expect(sheet.stderr).toContain('Start position 25 does not exist on template sheet-a4-3x8: use 1 to 24.');
    const roll = await runCliCaptured(
      ['print', '--bill', '2023.09.00001', '--outlet', 'Pluit', '--start', '2', '--pdf', pdfIn('x.pdf')],
      env,
    );
    expect(roll.code).toBe(2);
    expect(roll.stderr).toContain('use 1 to 1. Only sheet templates can start part way.');
    expect(simulator.requests.length).toBe(before);
  });

  it('never shows the secret, even with --verbose on failures', async () => {
    simulator.faults.inject('bill', { kind: 'status', status: 500 }, 3);
    const failing = await runCliCaptured(
      ['--verbose', 'print', '--bill', '2023.09.00001', '--outlet', 'Pluit', '--pdf', pdfIn('x.pdf')],
      env,
    );
    const wrong = await runCliCaptured(
      ['--verbose', 'print', '--bill', '1', '--outlet', 'Pluit', '--pdf', pdfIn('x.pdf')],
      {
        ...env,
        DEALPOS_CLIENT_SECRET: `${SECRET}-wrong`,
      },
    );
    for (const result of [failing, wrong]) {
      expect(result.stderr).not.toContain(SECRET);
      expect(result.stdout).not.toContain(SECRET);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    expect(failing.stderr).toContain('Detail:');
  });
});

describe('print command options', () => {
  it('sets one line count with --set and names zero-quantity lines', async () => {
    const pdf = join(outputFolder, 'set.pdf');
    const result = await runCliCaptured(
      ['print', '--bill', '2023.09.00001', '--outlet', 'Pluit', '--set', '1=2', '--set', '3=0', '--pdf', pdf],
      env,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Line 3 has quantity 0 and got no labels.');
    expect(result.stdout).toContain('3 lines, 17 labels written, 0 lines refused.');
    const decoded = await decodeLabels(pdf, layoutOf('roll-50x30'));
    expect(decoded.map((label) => label.data)).toEqual([
      ...Array<string>(2).fill('1315L'),
      ...Array<string>(15).fill('200536'),
    ]);
  });

  it('rejects a malformed --set and an unknown --lang', async () => {
    const set = await runCliCaptured(
      ['print', '--bill', '1', '--outlet', 'P', '--set', '6', '--pdf', 'x.pdf'],
      env,
    );
    expect(set.code).toBe(2);
    expect(set.stderr).toContain('Use LINE=COUNT');
    const lang = await runCliCaptured(['--lang', 'fr', 'templates'], env);
    expect(lang.code).toBe(2);
    expect(lang.stderr).toContain('Use id (Indonesian) or en (English).');
  });

  it('prints the version', async () => {
    const result = await runCliCaptured(['--version'], env);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
