import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PrinterProfilesStore } from '../../../electron/printing/printer-profiles-store.ts';
import { EXAMPLE_PRINTER_PROFILES, type PrinterProfileInput } from '../../../shared/printing/profile.ts';
import { freshHome, runCliCaptured } from '../../support/cli-runner.ts';
import {
  countPrintedLabels,
  startLabelListener,
  startPrivateCups,
  type LabelListener,
  type PrivateCups,
} from '../../support/cups.ts';

const ZEBRA = EXAMPLE_PRINTER_PROFILES.find((profile) => profile.id === 'zebra-zd220')!;
const XPRINTER = EXAMPLE_PRINTER_PROFILES.find((profile) => profile.id === 'xprinter-xp-360b')!;

let cups: PrivateCups;
let listener: LabelListener;
let home: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  cups = await startPrivateCups();
  listener = await startLabelListener();
  await cups.addRawQueue('calibration-queue', listener.port);
});

afterAll(async () => {
  await listener?.close();
  await cups?.stop();
});

beforeEach(async () => {
  home = await freshHome();
  env = {
    PATH: process.env.PATH,
    LANG: 'en_US.UTF-8',
    DEALPOS_LABELS_HOME: home,
    CUPS_SERVER: cups.socketPath,
  };
});

async function saveProfiles(...profiles: PrinterProfileInput[]): Promise<void> {
  await new PrinterProfilesStore(home).save(profiles);
}

describe('printers calibrate', () => {
  it('sends one calibration label to the profile queue', async () => {
    await saveProfiles({ ...ZEBRA, id: 'front-desk', queue: 'calibration-queue' });
    const before = listener.connections.length;

    const result = await runCliCaptured(['printers', 'calibrate', 'front-desk'], env);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Calibration label printed on "calibration-queue"');
    expect(listener.connections).toHaveLength(before + 1);
    const bytes = listener.connections.at(-1)!;
    expect(countPrintedLabels(bytes)).toBe(1);
    expect(bytes.toString('latin1')).toContain('^FO0,0^GB400,1,1^FS');
  });

  it('writes ZPL and TSPL files instead of printing', async () => {
    await saveProfiles({ ...XPRINTER, id: 'back-desk', queue: 'calibration-queue' });
    const folder = await mkdtemp(join(tmpdir(), 'calibration-files-'));
    const before = listener.connections.length;

    const result = await runCliCaptured(
      [
        'printers',
        'calibrate',
        'back-desk',
        '--zpl',
        join(folder, 'c.zpl'),
        '--tspl',
        join(folder, 'c.tspl'),
      ],
      env,
    );

    expect(result.code).toBe(0);
    expect(listener.connections).toHaveLength(before);
    expect(await readFile(join(folder, 'c.zpl'), 'latin1')).toContain('^GB400,1,1^FS');
    expect(await readFile(join(folder, 'c.tspl'), 'latin1')).toContain('BAR 0,0,400,1');
    await rm(folder, { recursive: true, force: true });
  });

  it('reports an unknown profile', async () => {
    const result = await runCliCaptured(['printers', 'calibrate', 'nobody'], env);

    expect(result.code).toBe(3);
    expect(result.stderr).toContain('There is no printer profile "nobody"');
  });

  it('still lists printers without a subcommand', async () => {
    const result = await runCliCaptured(['printers'], env);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('calibration-queue');
  });
});
