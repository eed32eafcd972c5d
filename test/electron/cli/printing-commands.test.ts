import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDealposSimulator, type DealposSimulator } from '../../../electron/dealpos-simulator/index.ts';
import { labelFontPath, loadFontMetrics } from '../../../electron/pdf/font.ts';
import { JobJournalStore, type JobJournal } from '../../../electron/printing/job-journal.ts';
import { buildRawJob } from '../../../electron/printing/raw-job.ts';
import { planJob } from '../../../shared/labels/job.ts';
import { readDocumentLines } from '../../../shared/labels/lines.ts';
import { findTemplate } from '../../../shared/labels/templates.ts';
import { EXAMPLE_PRINTER_PROFILES } from '../../../shared/printing/profile.ts';
import { freshHome, runCliCaptured } from '../../support/cli-runner.ts';
import {
  countPrintedLabels,
  startLabelListener,
  startPrivateCups,
  type LabelListener,
  type PrivateCups,
} from '../../support/cups.ts';

const SECRET = 'printing-cli-secret-51c2';
// Bill 2023.09.00001 at Pluit in the simulator: 10 × 1315L, 15 × 200536, 20 × 1315XL.
const BILL = ['print', '--bill', '2023.09.00001', '--outlet', 'Pluit'];
const LABELS_PER_LINE = [10, 15, 20];

let simulator: DealposSimulator;
let cups: PrivateCups;
let listener: LabelListener;
let home: string;
let outputFolder: string;
let env: NodeJS.ProcessEnv;
let queueNumber = 0;

beforeAll(async () => {
  simulator = await startDealposSimulator({ clientId: 'desk', clientSecret: SECRET });
  cups = await startPrivateCups();
  outputFolder = await mkdtemp(join(tmpdir(), 'label-desk-raw-'));
});

afterAll(async () => {
  await simulator?.close();
  await cups?.stop();
  await rm(outputFolder, { recursive: true, force: true });
});

beforeEach(async () => {
  await listener?.close();
  listener = await startLabelListener();
  home = await freshHome();
  env = {
    PATH: process.env.PATH,
    LANG: 'en_US.UTF-8',
    DEALPOS_LABELS_HOME: home,
    DEALPOS_URL: simulator.url,
    DEALPOS_CLIENT_ID: 'desk',
    DEALPOS_CLIENT_SECRET: SECRET,
    CUPS_SERVER: cups.socketPath,
  };
});

async function newQueue(options: { connectTimeoutSeconds?: number } = {}): Promise<string> {
  queueNumber += 1;
  const queue = `desk-${queueNumber}`;
  await cups.addRawQueue(queue, listener.port, { errorPolicy: 'abort-job', ...options });
  return queue;
}

async function journals(): Promise<JobJournal[]> {
  return (await new JobJournalStore(home).list()).journals;
}

/** Rebuilds a journal's spool jobs (header + one chunk each) without the CLI's code. */
async function expectedSpoolJobs(journal: JobJournal): Promise<Buffer[]> {
  const plan = planJob(readDocumentLines(journal.plan.rawLines), {
    template: findTemplate(journal.templateId)!,
    dpi: journal.plan.dpi,
    showPrice: journal.plan.showPrice,
    documentNumber: journal.document.number,
    metrics: await loadFontMetrics(labelFontPath()),
  });
  const raw = await buildRawJob(journal.language, plan.entries, journal.profile);
  return raw.chunks.map((chunk) => Buffer.concat([raw.header, chunk.bytes]));
}

describe('print with raw outputs', () => {
  it('writes ZPL and TSPL files without a PDF', async () => {
    const zpl = join(outputFolder, 'bill.zpl');
    const tspl = join(outputFolder, 'bill.tspl');
    const result = await runCliCaptured([...BILL, '--zpl', zpl, '--tspl', tspl], env);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`ZPL written: ${zpl}`);
    expect(result.stdout).toContain(`TSPL written: ${tspl}`);
    const zplBytes = await readFile(zpl);
    const tsplBytes = await readFile(tspl);
    expect(zplBytes.toString('latin1')).toMatch(/^~SD\d\d\n\^XA\n\^PW400\n\^LL240\n/);
    expect(tsplBytes.toString('latin1')).toMatch(/^SIZE 50 mm,30 mm\r\n/);
    expect(countPrintedLabels(zplBytes)).toBe(45);
    expect(countPrintedLabels(tsplBytes)).toBe(45);
    expect((await readdir(outputFolder)).filter((name) => name.includes('bill'))).toEqual([
      'bill.tspl',
      'bill.zpl',
    ]);
  });

  it('writes a PDF and a ZPL file in one run', async () => {
    const pdf = join(outputFolder, 'both.pdf');
    const zpl = join(outputFolder, 'both.zpl');
    const result = await runCliCaptured([...BILL, '--pdf', pdf, '--zpl', zpl], env);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`PDF written: ${pdf}`);
    expect(result.stdout).toContain(`ZPL written: ${zpl}`);
    expect(result.stdout).toContain('3 lines, 45 labels written, 0 lines refused.');
    expect(countPrintedLabels(await readFile(zpl))).toBe(45);
  });

  it('requires at least one output', async () => {
    const result = await runCliCaptured(BILL, env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'Give at least one output: --pdf FILE, --zpl FILE, --tspl FILE or --printer QUEUE.',
    );
  });

  it('refuses driver printing with a coded error', async () => {
    const result = await runCliCaptured([...BILL, '--printer', 'any', '--language', 'driver'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'Printing through the system driver is only available in the desktop app.',
    );
  });

  it('asks for a language when no profile is stored for the queue', async () => {
    const queue = await newQueue();
    const result = await runCliCaptured([...BILL, '--printer', queue], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`No printer profile is stored for the queue "${queue}".`);
    expect(listener.connections).toHaveLength(0);
  });

  it('reports a mistyped queue without --language as not found', async () => {
    const result = await runCliCaptured([...BILL, '--printer', 'mistyped-queue'], env);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('Couldn\'t find the print queue "mistyped-queue".');
    expect(result.stderr).not.toContain('No printer profile is stored');
  });

  it('reports a queue that does not exist', async () => {
    const result = await runCliCaptured([...BILL, '--printer', 'missing-queue', '--language', 'zpl'], env);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('Couldn\'t find the print queue "missing-queue".');
    expect(await journals()).toEqual([]);
  });
});

describe('print --printer', () => {
  it('delivers exactly the header and chunks', async () => {
    const queue = await newQueue();
    const result = await runCliCaptured([...BILL, '--printer', queue, '--language', 'zpl'], env);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [journal] = await journals();
    expect(result.stdout).toContain(`Job ${journal!.id} finished: 45 labels sent to ${queue}.`);
    expect(journal).toMatchObject({
      status: 'completed',
      confirmedLabels: 45,
      totalLabels: 45,
      language: 'zpl',
    });

    const expected = await expectedSpoolJobs(journal!);
    expect(listener.connections).toHaveLength(3);
    listener.connections.forEach((bytes, index) => expect(bytes.equals(expected[index]!)).toBe(true));
    expect(listener.connections.map(countPrintedLabels)).toEqual(LABELS_PER_LINE);
  });

  it('uses the stored profile of the queue', async () => {
    const queue = await newQueue();
    const profile = { ...EXAMPLE_PRINTER_PROFILES.find((item) => item.id === 'xprinter-xp-360b')!, queue };
    await writeFile(join(home, 'printers.json'), JSON.stringify({ version: 1, profiles: [profile] }));

    const result = await runCliCaptured([...BILL, '--printer', queue], env);
    expect(result.code).toBe(0);
    const [journal] = await journals();
    expect(journal).toMatchObject({ language: 'tspl', profile: { id: 'xprinter-xp-360b', speed: 4 } });
    expect(
      listener.connections.map((bytes) => bytes.toString('latin1').startsWith('SIZE 50 mm,30 mm')),
    ).toEqual([true, true, true]);
    expect(listener.connections.map(countPrintedLabels)).toEqual(LABELS_PER_LINE);
  });

  it('exits 7 on a dropped printer, resume finishes', async () => {
    // The socket backend gives up on a refused connection after its first 5-second retry.
    const queue = await newQueue({ connectTimeoutSeconds: 1 });
    listener.refuseAfter(1);

    const first = await runCliCaptured([...BILL, '--printer', queue, '--language', 'zpl'], env);

    expect(first.code).toBe(7);
    const [journal] = await journals();
    expect(first.stderr).toContain(
      `The printer "${queue}" did not finish the job (The printer is not responding).`,
    );
    expect(first.stderr).toContain(
      `Printing stopped at label 11 of 45. When the printer is ready, run resume ${journal!.id} to print the rest, or cancel ${journal!.id} to give up.`,
    );
    expect(journal).toMatchObject({ status: 'interrupted', confirmedLabels: 10, inFlight: null });
    expect(listener.connections.map(countPrintedLabels)).toEqual([10]);

    const listed = await runCliCaptured(['jobs'], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(
      `${journal!.id}  bill 2023.09.00001 (Pluit) to ${queue}: 10 of 45 labels printed, interrupted`,
    );
    expect(listed.stdout).toContain('did not finish the job');

    await listener.reopen();
    const resumed = await runCliCaptured(['resume', journal!.id], env);

    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(`Job ${journal!.id} finished: 45 labels sent to ${queue}.`);
    expect(listener.connections.map(countPrintedLabels)).toEqual(LABELS_PER_LINE);
    const expected = await expectedSpoolJobs(journal!);
    listener.connections.forEach((bytes, index) => expect(bytes.equals(expected[index]!)).toBe(true));
    expect((await runCliCaptured(['jobs'], env)).stdout).toContain('There are no unfinished print jobs.');
  }, 20_000);
});

describe('cancel and resume', () => {
  it('cancels an interrupted job so resume refuses it', async () => {
    const queue = await newQueue();
    await cups.disable(queue, 'Cover open');
    const first = await runCliCaptured([...BILL, '--printer', queue, '--language', 'tspl'], env);
    expect(first.code).toBe(7);
    expect(first.stderr).toContain(`The printer "${queue}" is paused or not accepting jobs (Cover open).`);
    const [journal] = await journals();

    const cancelled = await runCliCaptured(['cancel', journal!.id], env);
    expect(cancelled.code).toBe(0);
    expect(cancelled.stdout).toContain(`Job ${journal!.id} cancelled; 0 of 45 labels had printed.`);

    await cups.enable(queue);
    const resumed = await runCliCaptured(['resume', journal!.id], env);
    expect(resumed.code).toBe(2);
    expect(resumed.stderr).toContain(`Job ${journal!.id} is already cancelled.`);
    expect(listener.connections).toHaveLength(0);
  });

  it('reports an unknown job id', async () => {
    const result = await runCliCaptured(['resume', '20260101-000000-abcd'], env);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('There is no print job "20260101-000000-abcd".');
  });
});

describe('printers', () => {
  it('lists the queues and the stored profiles', async () => {
    const queue = await newQueue();
    await cups.disable(queue, 'Ribbon out');
    await writeFile(
      join(home, 'printers.json'),
      JSON.stringify({
        version: 1,
        profiles: [EXAMPLE_PRINTER_PROFILES.find((item) => item.id === 'zebra-zd220')],
      }),
    );

    const result = await runCliCaptured(['printers'], env);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Print queues:');
    expect(result.stdout).toMatch(new RegExp(`\\n  ${queue} +stopped: Ribbon out\\n`));
    expect(result.stdout).toContain('Printer profiles (ID, queue, language, resolution, label size):');
    expect(result.stdout).toMatch(
      /\n {2}zebra-zd220 +Zebra_ZD220 +zpl +203 dpi {2}50 × 30 mm {2}Zebra ZD220, 50 × 30 mm\n/,
    );
  });

  it('moves an unreadable profiles file aside', async () => {
    await writeFile(join(home, 'printers.json'), '{"version": 1, "profiles": [{"id": "Bad Id"}]}');
    const result = await runCliCaptured(['printers'], env);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /The printer profiles file could not be read, so it was moved to .*printers\.json\.corrupt-/,
    );
    expect(await readdir(home)).not.toContain('printers.json');
  });

  it('reports an unreachable print service', async () => {
    const result = await runCliCaptured(['printers'], { ...env, CUPS_SERVER: join(home, 'no-cupsd.sock') });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Couldn't reach the system print service (ENOENT).");
    expect(result.stdout).toContain('Printer profiles');
  });
});
