import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import PLUIT_LINES from '../../../electron/dealpos-simulator/seed/bill-pluit-2023.09.00001.json' with { type: 'json' };
import { startDealposSimulator, type DealposSimulator } from '../../../electron/dealpos-simulator/index.ts';
import { createDeskServices, type DeskServices } from '../../../electron/desk/desk-services.ts';
import { createLogger } from '../../../electron/logging/logger.ts';
import type { InvokeHandlers } from '../../../electron/main/ipc-guard.ts';
import { labelFontPath, loadFontMetrics } from '../../../electron/pdf/font.ts';
import { CupsSpooler } from '../../../electron/printing/cups.ts';
import { JobJournalStore } from '../../../electron/printing/job-journal.ts';
import { buildRawJob } from '../../../electron/printing/raw-job.ts';
import type { Spooler } from '../../../electron/printing/spooler.ts';
import type { DocumentRef, PrinterPrintRequest, PrintProgress } from '../../../shared/ipc-contract.ts';
import { planJob } from '../../../shared/labels/job.ts';
import { readDocumentLines } from '../../../shared/labels/lines.ts';
import { findTemplate } from '../../../shared/labels/templates.ts';
import type { LineOverride } from '../../../shared/labels/types.ts';
import {
  EXAMPLE_PRINTER_PROFILES,
  printerProfileSchema,
  type PrinterProfile,
} from '../../../shared/printing/profile.ts';
import { MemorySecretStore } from '../../e2e/harness/memory-secret-store.ts';
import {
  countPrintedLabels,
  startLabelListener,
  startPrivateCups,
  type LabelListener,
  type PrivateCups,
} from '../../support/cups.ts';
import { errorOf, STORE_CLIENT_ID, STORE_SECRET, valueOf } from './desk-fixture.ts';

// The simulator's Pluit bill: 1315L × 10, 200536 × 15, 1315XL × 20, so 45 labels in three chunks.
const PLUIT_BILL: DocumentRef = { kind: 'bill', outlet: 'Pluit', number: '2023.09.00001' };
const ZEBRA = EXAMPLE_PRINTER_PROFILES.find((profile) => profile.id === 'zebra-zd220')!;
const CLOCK = () => new Date(Date.UTC(2026, 0, 15, 8, 0, 0));

/** Desk services on a temporary folder, with the private CUPS as spooler and the Pluit bill fetched. */
interface PrinterDesk {
  handlers: InvokeHandlers;
  services: DeskServices;
  userDataFolder: string;
  progress: PrintProgress[];
  onProgress: ((event: PrintProgress) => void) | null;
  driverPages: Array<{ html: string; profile: PrinterProfile }>;
  close(): Promise<void>;
}

let cups: PrivateCups;
let simulator: DealposSimulator;
let listener: LabelListener;
let desk: PrinterDesk;
let queueNumber = 0;

beforeAll(async () => {
  cups = await startPrivateCups();
  simulator = await startDealposSimulator({ clientId: STORE_CLIENT_ID, clientSecret: STORE_SECRET });
});

afterAll(async () => {
  await simulator?.close();
  await cups?.stop();
});

beforeEach(async () => {
  listener = await startLabelListener();
  desk = await createPrinterDesk(new CupsSpooler({ env: cups.env }));
});

afterEach(async () => {
  await desk.close();
  await listener.close();
});

async function createPrinterDesk(spooler: Spooler, spoolTimeoutMs = 10_000): Promise<PrinterDesk> {
  const root = await mkdtemp(join(tmpdir(), 'printer-desk-'));
  const userDataFolder = join(root, 'user-data');
  const logger = await createLogger({ folder: join(userDataFolder, 'logs') });
  const fixture: PrinterDesk = {
    handlers: undefined as unknown as InvokeHandlers,
    services: undefined as unknown as DeskServices,
    userDataFolder,
    progress: [],
    onProgress: null,
    driverPages: [],
    close: async () => {
      await services.close();
      await rm(root, { recursive: true, force: true });
    },
  };
  const services = await createDeskServices({
    userDataFolder,
    secrets: new MemorySecretStore(),
    clock: CLOCK,
    chooseSavePath: (name) => Promise.resolve(join(root, name)),
    openPath: () => Promise.resolve(),
    revealPath: () => undefined,
    emit: (channel, payload) => {
      if (channel === 'print:progress') {
        const event = payload as PrintProgress;
        fixture.progress.push(event);
        fixture.onProgress?.(event);
      }
    },
    logger,
    appVersion: '9.8.7',
    systemLocale: 'en',
    clientTuning: { sleep: () => Promise.resolve() },
    spooler,
    spoolTimeoutMs,
    printDriverPages: (html, profile) => {
      fixture.driverPages.push({ html, profile });
      return Promise.resolve();
    },
  });
  fixture.services = services;
  fixture.handlers = services.handlers;
  valueOf(
    await fixture.handlers['account:save']({
      url: simulator.url,
      clientId: STORE_CLIENT_ID,
      secret: STORE_SECRET,
    }),
  );
  valueOf(await fixture.handlers['document:fetch'](PLUIT_BILL));
  return fixture;
}

/** Adds a fresh raw queue to the listener and saves a profile for it. */
async function savedProfile(
  changes: Partial<PrinterProfile> = {},
  port = listener.port,
): Promise<PrinterProfile> {
  queueNumber += 1;
  const queue = `desk-labels-${queueNumber}`;
  await cups.addRawQueue(queue, port);
  const profile = printerProfileSchema.parse({ ...ZEBRA, id: `desk-${queueNumber}`, queue, ...changes });
  valueOf(await desk.handlers['printers:save-profile'](profile));
  return profile;
}

function request(profile: PrinterProfile, changes: Partial<PrinterPrintRequest> = {}): PrinterPrintRequest {
  return {
    jobId: `desk-job-${queueNumber}`,
    profileId: profile.id,
    document: PLUIT_BILL,
    overrides: [],
    templateId: 'roll-50x30',
    showPrice: true,
    reprint: null,
    ...changes,
  };
}

/** Each spool job as the printer should receive it: the header, then one line's chunk. */
async function expectedJobs(profile: PrinterProfile, overrides: Map<number, LineOverride> = new Map()) {
  const lines = readDocumentLines(PLUIT_LINES);
  const plan = planJob(lines, {
    template: findTemplate('roll-50x30')!,
    dpi: profile.dpi,
    showPrice: true,
    documentNumber: PLUIT_BILL.number,
    metrics: await loadFontMetrics(labelFontPath()),
    overrides,
  });
  const raw = await buildRawJob('zpl', plan.entries, profile);
  return raw.chunks.map((chunk) => Buffer.concat([raw.header, chunk.bytes]));
}

describe('print:printer', () => {
  it('sends exactly the generated ZPL bytes', async () => {
    const profile = await savedProfile();

    const job = valueOf(await desk.handlers['print:printer'](request(profile)));

    expect(job).toMatchObject({
      status: 'completed',
      confirmedLabels: 45,
      totalLabels: 45,
      interruption: null,
    });
    expect(job.id).toMatch(/^\d{8}-\d{6}-[0-9a-f]{4}$/);
    const expected = await expectedJobs(profile);
    expect(listener.connections).toHaveLength(3);
    listener.connections.forEach((bytes, index) => expect(bytes.equals(expected[index]!)).toBe(true));
    expect(listener.connections.map(countPrintedLabels)).toEqual([10, 15, 20]);
  });

  it('reports progress after each confirmed line', async () => {
    const profile = await savedProfile();
    await desk.handlers['print:printer'](request(profile, { jobId: 'progress-job-1' }));

    const events = desk.progress.filter((event) => event.jobId === 'progress-job-1');
    expect(events).toEqual([
      { jobId: 'progress-job-1', written: 10, total: 45 },
      { jobId: 'progress-job-1', written: 25, total: 45 },
      { jobId: 'progress-job-1', written: 45, total: 45 },
    ]);
  });

  it('records the job where the command line finds it', async () => {
    const profile = await savedProfile();
    const job = valueOf(await desk.handlers['print:printer'](request(profile)));

    const journal = await new JobJournalStore(desk.userDataFolder).load(job.id);
    expect(journal).toMatchObject({ status: 'completed', confirmedLabels: 45, queue: profile.queue });
    expect(await readdir(join(desk.userDataFolder, 'jobs'))).toContain(`${job.id}.json`);
  });

  it('returns an interrupted job that resume finishes', async () => {
    const profile = await savedProfile();
    listener.onFinished = async (connection) => {
      if (connection === 1) {
        await cups.disable(profile.queue, 'Out of labels');
      }
    };

    const job = valueOf(await desk.handlers['print:printer'](request(profile)));
    expect(job).toMatchObject({ status: 'interrupted', confirmedLabels: 10, totalLabels: 45 });
    expect(job.interruption?.label).toBe(11);
    expect(job.interruption?.error.code).toBe('printer_stopped');
    const unfinished = valueOf(await desk.handlers['printer-jobs:list']());
    expect(unfinished.map((item) => item.id)).toEqual([job.id]);

    listener.onFinished = null;
    await cups.enable(profile.queue);
    const resumed = valueOf(
      await desk.handlers['printer-jobs:resume']({
        id: job.id,
        requestId: 'resume-request-1',
        unconfirmed: null,
      }),
    );

    expect(resumed).toMatchObject({ id: job.id, status: 'completed', confirmedLabels: 45 });
    expect(listener.connections.map(countPrintedLabels)).toEqual([10, 15, 20]);
    const expected = await expectedJobs(profile);
    listener.connections.forEach((bytes, index) => expect(bytes.equals(expected[index]!)).toBe(true));
    expect(desk.progress.filter((event) => event.jobId === 'resume-request-1').at(-1)).toEqual({
      jobId: 'resume-request-1',
      written: 45,
      total: 45,
    });
    expect(valueOf(await desk.handlers['printer-jobs:list']())).toEqual([]);

    const ledger = valueOf(await desk.handlers['ledger:get'](PLUIT_BILL));
    expect(ledger.map((entry) => [entry.status, entry.labels])).toEqual([
      ['completed', 35],
      ['interrupted', 10],
    ]);
    expect(ledger[1]!.lines).toEqual([{ lineNumber: 1, code: '1315L', name: 'Cardigan (L)', labels: 10 }]);
    expect(ledger[0]!.lines.map((line) => [line.lineNumber, line.labels])).toEqual([
      [2, 15],
      [3, 20],
    ]);
    const [history] = await desk.handlers['history:list']();
    expect(history?.labelsPrinted).toBe(45);
  });

  it('interrupts at the label whose chunk the printer dropped', async () => {
    await desk.close();
    desk = await createPrinterDesk(new CupsSpooler({ env: cups.env }), 500);
    const profile = await savedProfile();
    listener.refuseAfter(1);

    const job = valueOf(await desk.handlers['print:printer'](request(profile)));

    expect(job).toMatchObject({ status: 'interrupted', confirmedLabels: 10 });
    expect(job.interruption).toMatchObject({ label: 11, error: { code: 'print_timeout' } });
    await listener.reopen();
    const resumed = valueOf(
      await desk.handlers['printer-jobs:resume']({
        id: job.id,
        requestId: 'resume-request-3',
        unconfirmed: null,
      }),
    );
    expect(resumed.status).toBe('completed');
    expect(listener.connections.map(countPrintedLabels)).toEqual([10, 15, 20]);
  });

  it('cancels on print:cancel and keeps what printed', async () => {
    const profile = await savedProfile();
    const jobId = 'cancel-job-0001';
    desk.onProgress = (event) => {
      if (event.jobId === jobId && event.written === 10) {
        void desk.handlers['print:cancel'](jobId);
      }
    };

    const job = valueOf(await desk.handlers['print:printer'](request(profile, { jobId })));

    expect(job).toMatchObject({ status: 'cancelled', confirmedLabels: 10, totalLabels: 45 });
    expect(listener.connections.map(countPrintedLabels)).toEqual([10]);
    expect(valueOf(await desk.handlers['printer-jobs:list']())).toEqual([]);
    const resumed = errorOf(
      await desk.handlers['printer-jobs:resume']({
        id: job.id,
        requestId: 'resume-request-2',
        unconfirmed: null,
      }),
    );
    expect(resumed.code).toBe('print_job_closed');
    const [entry] = valueOf(await desk.handlers['ledger:get'](PLUIT_BILL));
    expect(entry).toMatchObject({ status: 'cancelled', labels: 10, reprint: false });
  });

  it('cancels running jobs when the services close', async () => {
    const unreachable = await startLabelListener();
    await unreachable.close();
    const profile = await savedProfile({}, unreachable.port);
    const store = new JobJournalStore(desk.userDataFolder);

    const printing = desk.handlers['print:printer'](request(profile));
    // Waits until the first chunk sits in CUPS, which keeps retrying the closed port.
    while (!(await store.list()).journals.some((journal) => journal.inFlight?.spoolJobId != null)) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await desk.services.close();

    const job = valueOf(await printing);
    expect(job).toMatchObject({ status: 'cancelled', confirmedLabels: 0 });
    expect((await store.load(job.id)).status).toBe('cancelled');
  });

  it('cancels an interrupted job from the job list', async () => {
    const profile = await savedProfile();
    listener.onFinished = async (connection) => {
      if (connection === 2) {
        await cups.disable(profile.queue, 'Head open');
      }
    };
    const job = valueOf(await desk.handlers['print:printer'](request(profile)));
    expect(job.status).toBe('interrupted');

    const cancelled = valueOf(await desk.handlers['printer-jobs:cancel'](job.id));

    expect(cancelled).toMatchObject({ id: job.id, status: 'cancelled', confirmedLabels: 25 });
    expect(valueOf(await desk.handlers['printer-jobs:list']())).toEqual([]);
  });

  it('reprints one label of one line', async () => {
    const profile = await savedProfile();

    const job = valueOf(
      await desk.handlers['print:printer'](request(profile, { reprint: { lineNumber: 2, labels: 1 } })),
    );

    expect(job).toMatchObject({ status: 'completed', confirmedLabels: 1, totalLabels: 1 });
    expect(listener.connections).toHaveLength(1);
    const bytes = listener.connections[0]!;
    const expected = await expectedJobs(
      profile,
      new Map([
        [1, { include: false }],
        [2, { quantity: 1, include: true }],
        [3, { include: false }],
      ]),
    );
    expect(bytes.equals(expected[0]!)).toBe(true);
    const text = bytes.toString('latin1');
    expect(text).toContain('^PQ1');
    expect(text).toContain('200536');
    expect(text).not.toContain('1315L');
    const [entry] = valueOf(await desk.handlers['ledger:get'](PLUIT_BILL));
    expect(entry).toMatchObject({ status: 'completed', reprint: true, labels: 1 });
    expect(entry!.lines).toEqual([{ lineNumber: 2, code: '200536', name: 'Boots (36)', labels: 1 }]);
    // The journal keeps the flag, so a reprint resumed after a restart is still recorded as a reprint.
    expect((await new JobJournalStore(desk.userDataFolder).load(job.id)).reprint).toBe(true);
  });

  it('reprints a whole line with its count', async () => {
    const profile = await savedProfile();

    valueOf(
      await desk.handlers['print:printer'](
        request(profile, {
          reprint: { lineNumber: 3, labels: 20 },
          overrides: [{ lineNumber: 3, include: false }],
        }),
      ),
    );

    expect(listener.connections.map(countPrintedLabels)).toEqual([20]);
    expect(listener.connections[0]!.toString('latin1')).toContain('^PQ20');
    expect(listener.connections[0]!.toString('latin1')).toContain('1315XL');
  });

  it('rejects setup problems before sending', async () => {
    const profile = await savedProfile();
    const small = await savedProfile({ label: { widthMm: 30, heightMm: 20, gapMm: 2 } });
    const missingQueue = printerProfileSchema.parse({ ...ZEBRA, id: 'no-queue', queue: 'no-such-queue' });
    valueOf(await desk.handlers['printers:save-profile'](missingQueue));

    expect(
      errorOf(await desk.handlers['print:printer'](request(profile, { profileId: 'nobody' }))).code,
    ).toBe('printer_profile_not_found');
    expect(errorOf(await desk.handlers['print:printer'](request(missingQueue))).code).toBe(
      'printer_not_found',
    );
    const tooLarge = errorOf(await desk.handlers['print:printer'](request(small)));
    expect(tooLarge.code).toBe('label_does_not_fit_printer');
    expect(tooLarge.params).toMatchObject({ printerWidth: 30, printerHeight: 20 });
    const nothing = errorOf(
      await desk.handlers['print:printer'](
        request(profile, { overrides: [1, 2, 3].map((lineNumber) => ({ lineNumber, quantity: 0 })) }),
      ),
    );
    expect(nothing.code).toBe('nothing_to_print');
    expect(listener.connections).toEqual([]);
  });

  it('prints a driver profile as one HTML document', async () => {
    const profile = await savedProfile({ mode: 'driver' });

    const job = valueOf(await desk.handlers['print:printer'](request(profile, { jobId: 'driver-job-1' })));

    expect(job).toMatchObject({ id: 'driver-job-1', status: 'completed', confirmedLabels: 45 });
    expect(desk.driverPages).toHaveLength(1);
    const { html } = desk.driverPages[0]!;
    expect(html.match(/<symbol /g)).toHaveLength(3);
    expect(html.match(/<svg class="page"/g)).toHaveLength(45);
    expect(listener.connections).toEqual([]);
    const [entry] = valueOf(await desk.handlers['ledger:get'](PLUIT_BILL));
    expect(entry).toMatchObject({
      status: 'completed',
      labels: 45,
      target: { kind: 'printer', jobId: null },
    });
  });
});

describe('printers:list', () => {
  it('lists profiles, examples and queues', async () => {
    const profile = await savedProfile();

    const view = valueOf(await desk.handlers['printers:list']());

    expect(view.profiles.map((item) => item.id)).toContain(profile.id);
    expect(view.examples.map((item) => item.id)).toContain('zebra-zd220');
    expect(view.queues.map((queue) => queue.name)).toContain(profile.queue);
    expect(view.queuesError).toBeNull();
  });

  it('reports an unreachable spooler in queuesError', async () => {
    const broken = await createPrinterDesk(
      new CupsSpooler({ env: { CUPS_SERVER: join(tmpdir(), 'no-cups-here', 'cups.sock') } }),
    );
    try {
      const view = valueOf(await broken.handlers['printers:list']());
      expect(view.queues).toEqual([]);
      expect(view.queuesError?.code).toBe('print_spooler_unavailable');
      expect(view.examples.length).toBeGreaterThan(0);
    } finally {
      await broken.close();
    }
  });

  it('deletes a profile and rejects an unknown one', async () => {
    const profile = await savedProfile();
    expect(valueOf(await desk.handlers['printers:delete-profile'](profile.id))).toEqual([]);
    expect(errorOf(await desk.handlers['printers:delete-profile'](profile.id)).code).toBe(
      'printer_profile_not_found',
    );
  });
});

describe('printers:calibrate', () => {
  it('sends one calibration label with its border', async () => {
    const profile = await savedProfile();

    expect(valueOf(await desk.handlers['printers:calibrate'](profile.id))).toBeNull();

    expect(listener.connections).toHaveLength(1);
    const text = listener.connections[0]!.toString('latin1');
    // 50 × 30 mm at 203 dpi is 400 × 240 dots, and the border's four sides are 1-dot boxes on the edges.
    expect(text).toContain('^FO0,0^GB400,1,1^FS');
    expect(text).toContain('^FO0,239^GB400,1,1^FS');
    expect(text).toContain('^FO0,0^GB1,240,1^FS');
    expect(text).toContain('^FO399,0^GB1,240,1^FS');
    expect(countPrintedLabels(listener.connections[0]!)).toBe(1);
  });

  it('prints a driver profile through the driver', async () => {
    const profile = await savedProfile({ mode: 'driver' });
    valueOf(await desk.handlers['printers:calibrate'](profile.id));
    expect(desk.driverPages).toHaveLength(1);
    expect(desk.driverPages[0]!.html.match(/<svg class="page"/g)).toHaveLength(1);
  });
});
