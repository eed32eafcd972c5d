import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDealposSimulator, type DealposSimulator } from '../../../electron/dealpos-simulator/index.ts';
import { PrinterProfilesStore } from '../../../electron/printing/printer-profiles-store.ts';
import { EXAMPLE_PRINTER_PROFILES } from '../../../shared/printing/profile.ts';
import { freshHome, runCliCaptured } from '../../support/cli-runner.ts';

const SECRET = 'usage-errors-secret-0b7e';
const BILL = ['print', '--bill', '2023.09.00001', '--outlet', 'Pluit'];
const ZEBRA = EXAMPLE_PRINTER_PROFILES.find((profile) => profile.id === 'zebra-zd220')!;
const CLI_BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'dealpos-labels.js');

let simulator: DealposSimulator;
let outputFolder: string;
let home: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  simulator = await startDealposSimulator({ clientId: 'desk', clientSecret: SECRET });
  outputFolder = await mkdtemp(join(tmpdir(), 'label-desk-usage-'));
});

afterAll(async () => {
  await simulator?.close();
  await rm(outputFolder, { recursive: true, force: true });
});

beforeEach(async () => {
  simulator.faults.clear();
  home = await freshHome();
  env = {
    PATH: process.env.PATH,
    LANG: 'en_US.UTF-8',
    DEALPOS_LABELS_HOME: home,
    DEALPOS_URL: simulator.url,
    DEALPOS_CLIENT_ID: 'desk',
    DEALPOS_CLIENT_SECRET: SECRET,
  };
});

function documentRequests(): number {
  return simulator.requests.filter((request) => request.endpoint !== 'token').length;
}

describe('print raw output files', () => {
  it('rejects a ZPL path that is a folder before any request', async () => {
    const before = simulator.requests.length;
    const result = await runCliCaptured([...BILL, '--zpl', outputFolder], env);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Couldn't write the printer file to ${outputFolder}: that is a folder.`);
    expect(simulator.requests).toHaveLength(before);
  });

  it('rejects a TSPL file in a missing folder instead of creating it', async () => {
    const missing = join(outputFolder, 'not-there');
    const result = await runCliCaptured([...BILL, '--tspl', join(missing, 'labels.tspl')], env);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the folder does not exist.');
    expect(await readdir(outputFolder)).not.toContain('not-there');
  });

  it('rejects a ZPL path under a file in Indonesian', async () => {
    const file = join(outputFolder, 'plain-file');
    await writeFile(file, 'x');
    const result = await runCliCaptured([...BILL, '--zpl', join(file, 'labels.zpl'), '--lang', 'id'], env);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Tidak bisa menulis berkas printer ke');
    expect(result.stderr).toContain('foldernya tidak ada');
  });

  it('rejects a read-only folder', async () => {
    // A read-only tmpfs in a private mount namespace (`unshare -rm`), because root may write into a folder
    // without write permission and CI runs as root.
    const readOnly = await mkdtemp(join(outputFolder, 'read-only-'));
    const script = 'mount -t tmpfs -o ro tmpfs "$1" && shift && exec "$@"';
    const args = [...BILL, '--zpl', join(readOnly, 'labels.zpl')];
    const result = await new Promise<{ code: number | null; stderr: string }>((resolveRun) => {
      execFile(
        'unshare',
        ['-rm', 'bash', '-c', script, 'read-only', readOnly, process.execPath, CLI_BIN, ...args],
        { env },
        (error, _stdout, stderr) => {
          resolveRun({ code: error === null ? 0 : (error.code as number | null), stderr });
        },
      );
    });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('there is no permission to write there.');
  });

  it('checks the raw file before writing the PDF of the same run', async () => {
    const pdf = join(outputFolder, 'with-bad-zpl.pdf');
    const result = await runCliCaptured([...BILL, '--pdf', pdf, '--zpl', outputFolder], env);

    expect(result.code).toBe(1);
    expect(await readdir(outputFolder)).not.toContain('with-bad-zpl.pdf');
  });

  it('prints the summary after a ZPL-only run', async () => {
    const zpl = join(outputFolder, 'only.zpl');
    const result = await runCliCaptured([...BILL, '--zpl', zpl], env);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`ZPL written: ${zpl}`);
    expect(result.stdout).toContain('3 lines, 45 labels written, 0 lines refused.');
  });

  it('prints the summary once when a PDF and a TSPL file are written', async () => {
    const result = await runCliCaptured(
      [...BILL, '--pdf', join(outputFolder, 'both.pdf'), '--tspl', join(outputFolder, 'both.tspl')],
      env,
    );

    expect(result.code).toBe(0);
    expect(result.stdout.split('3 lines, 45 labels written, 0 lines refused.')).toHaveLength(2);
  });
});

describe('print --set', () => {
  it('rejects a line number the document does not have', async () => {
    const pdf = join(outputFolder, 'set-missing.pdf');
    const result = await runCliCaptured([...BILL, '--set', '9=5', '--pdf', pdf], env);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'Line 9 given with --set does not exist: document 2023.09.00001 has lines 1 to 3.',
    );
    expect(await readdir(outputFolder)).not.toContain('set-missing.pdf');
  });

  it('names every missing line, in Indonesian too', async () => {
    const zpl = join(outputFolder, 'set-missing.zpl');
    const result = await runCliCaptured(
      [...BILL, '--set', '7=1', '--set', '2=1', '--set', '4=0', '--zpl', zpl, '--lang', 'id'],
      env,
    );

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('2 baris (4, 7) yang diberikan dengan --set tidak ada');
    expect(result.stderr).toContain('punya baris 1 sampai 3');
  });

  it('fetches the document once when --set is checked', async () => {
    const before = documentRequests();
    const result = await runCliCaptured(
      [
        ...BILL,
        '--set',
        '3=1',
        '--pdf',
        join(outputFolder, 'set-ok.pdf'),
        '--zpl',
        join(outputFolder, 'set-ok.zpl'),
      ],
      env,
    );

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('3 lines, 26 labels written, 0 lines refused.');
    expect(documentRequests() - before).toBe(1);
  });
});

describe('refused code message', () => {
  it('names the JSON type of a code in words', async () => {
    simulator.setDocument('bill', 'Pluit', 'NUMERIC-1', [
      { VariantID: 'n', Name: 'Numeric', Code: 8991234567, Quantity: 1, UnitPrice: 1 },
      { VariantID: 'g', Name: 'Good', Code: 'GOOD-1', Quantity: 1, UnitPrice: 1 },
    ]);
    const argv = ['print', '--bill', 'NUMERIC-1', '--outlet', 'Pluit', '--pdf', join(outputFolder, 'n.pdf')];

    const english = await runCliCaptured(argv, env);
    const indonesian = await runCliCaptured([...argv, '--lang', 'id'], env);

    expect(english.code).toBe(6);
    expect(english.stderr).toContain('Line 1: the code arrived as a number instead of text');
    expect(indonesian.stderr).toContain('Baris 1: kode dikirim sebagai angka, bukan teks');
  });
});

describe('login', () => {
  it('names the host it could not reach', async () => {
    const result = await runCliCaptured(
      ['login', '--url', 'http://127.0.0.1:9', '--client-id', 'desk'],
      { ...env, DEALPOS_URL: undefined },
      { stdin: 'secret\n' },
    );

    expect(result.code).toBe(5);
    expect(result.stderr).toContain("Couldn't reach DealPOS at 127.0.0.1:9.");
  });
});

describe('resume and cancel arguments', () => {
  it('rejects an empty job ID as a usage error', async () => {
    const resume = await runCliCaptured(['resume', ''], env);
    const cancel = await runCliCaptured(['cancel', '  '], env);

    expect(resume.code).toBe(2);
    expect(resume.stderr).toContain('The job ID is empty.');
    expect(cancel.code).toBe(2);
    expect(cancel.stderr).toContain('The job ID is empty.');
  });

  it('names the missing argument of resume, cancel and printers calibrate', async () => {
    const resume = await runCliCaptured(['resume'], env);
    const cancel = await runCliCaptured(['cancel', '--lang', 'id'], env);
    const calibrate = await runCliCaptured(['printers', 'calibrate'], env);

    expect(resume.code).toBe(2);
    expect(resume.stderr).toContain('The command needs a job ID');
    expect(cancel.code).toBe(2);
    expect(cancel.stderr).toContain('Perintah ini memerlukan ID pekerjaan');
    expect(calibrate.code).toBe(2);
    expect(calibrate.stderr).toContain('The command needs a printer profile ID');
  });
});

describe('printers calibrate', () => {
  it('tells how to calibrate a driver profile', async () => {
    await new PrinterProfilesStore(home).save([{ ...ZEBRA, id: 'office-driver', mode: 'driver' }]);
    const result = await runCliCaptured(['printers', 'calibrate', 'office-driver'], env);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--zpl FILE or --tspl FILE');
    expect(result.stderr).toContain('desktop app');
    expect(result.stderr).not.toContain('--language');
  });

  it('writes a driver profile calibration label to a ZPL file', async () => {
    await new PrinterProfilesStore(home).save([{ ...ZEBRA, id: 'office-driver', mode: 'driver' }]);
    const zpl = join(outputFolder, 'driver-calibration.zpl');
    const result = await runCliCaptured(['printers', 'calibrate', 'office-driver', '--zpl', zpl], env);

    expect(result.code).toBe(0);
    expect(await readFile(zpl, 'latin1')).toContain('^XA');
  });

  it('reports an unwritable calibration file with the coded message', async () => {
    await new PrinterProfilesStore(home).save([{ ...ZEBRA, id: 'front-desk' }]);
    const folderResult = await runCliCaptured(
      ['printers', 'calibrate', 'front-desk', '--zpl', outputFolder],
      env,
    );
    const missingResult = await runCliCaptured(
      ['printers', 'calibrate', 'front-desk', '--tspl', join(outputFolder, 'gone', 'c.tspl')],
      env,
    );

    expect(folderResult.code).toBe(1);
    expect(folderResult.stderr).toContain('that is a folder.');
    expect(missingResult.code).toBe(1);
    expect(missingResult.stderr).toContain('the folder does not exist.');
    expect(await readdir(outputFolder)).not.toContain('gone');
  });
});

describe('help in Indonesian', () => {
  it('translates the help titles and placeholders', async () => {
    const top = await runCliCaptured(['--lang', 'id', '--help'], env);
    const print = await runCliCaptured(['--lang', 'id', 'print', '--help'], env);
    const calibrate = await runCliCaptured(['--lang', 'id', 'printers', 'calibrate', '--help'], env);
    const help = top.stdout + print.stdout + calibrate.stdout;

    expect(top.stdout).toContain('Cara pakai: dealpos-labels [opsi] [perintah]');
    expect(top.stdout).toContain('Perintah:');
    expect(print.stdout).toContain('Opsi:');
    expect(calibrate.stdout).toContain('Argumen:');
    for (const english of ['Usage:', 'Options:', 'Commands:', 'Arguments:', '[options]', 'default:']) {
      expect(help).not.toContain(english);
    }
  });

  it('keeps English help in English without boolean defaults', async () => {
    const print = await runCliCaptured(['print', '--help'], env);

    expect(print.stdout).toContain('Usage: dealpos-labels print [options]');
    expect(print.stdout).toContain('Options:');
    expect(print.stdout).not.toContain('(default: false)');
  });
});
