import { describe, expect, it } from 'vitest';
import {
  encodePowerShellCommand,
  rawPrintScript,
  spoolStateFromJobStatus,
  WindowsSpooler,
  windowsSpoolerError,
  type PowerShellRunner,
} from '../../../electron/printing/windows-spooler.ts';

describe('rawPrintScript', () => {
  it('opens a RAW document and writes the bytes with WritePrinter', () => {
    const script = rawPrintScript();
    expect(script).toContain('info.pDatatype = "RAW";');
    for (const call of [
      'OpenPrinter(',
      'StartDocPrinter(',
      'StartPagePrinter(',
      'WritePrinter(',
      'EndDocPrinter(',
    ]) {
      expect(script).toContain(call);
    }
    // The here-string must open at the end of a line and close at the start of one.
    expect(script).toMatch(/@'\nusing System;/);
    expect(script).toMatch(/\n'@\n/);
  });

  it('takes values only from environment and stdin', () => {
    const script = rawPrintScript();
    expect(script).toContain('$env:DEALPOS_PRINT_QUEUE');
    expect(script).toContain('$env:DEALPOS_PRINT_TITLE');
    expect(script).toContain('[Console]::In.ReadToEnd()');
  });
});

describe('encodePowerShellCommand', () => {
  it('encodes the script as base64 of UTF-16LE', () => {
    expect(encodePowerShellCommand('dir')).toBe('ZABpAHIA');
  });
});

describe('spoolStateFromJobStatus', () => {
  it('reads PrintManagement job status flags', () => {
    expect(spoolStateFromJobStatus('')).toBe('pending');
    expect(spoolStateFromJobStatus('Spooling')).toBe('processing');
    expect(spoolStateFromJobStatus('Printing, Retained')).toBe('processing');
    expect(spoolStateFromJobStatus('Printed, Retained')).toBe('completed');
    expect(spoolStateFromJobStatus('Error, Printing')).toBe('stopped');
    expect(spoolStateFromJobStatus('Paused')).toBe('stopped');
    expect(spoolStateFromJobStatus('Deleting, Printing')).toBe('canceled');
  });
});

describe('windowsSpoolerError', () => {
  it('maps Win32 error codes to app errors', () => {
    expect(windowsSpoolerError('Zebra', 1801, 'The printer name is invalid')).toMatchObject({
      code: 'printer_not_found',
      params: { queue: 'Zebra' },
    });
    expect(windowsSpoolerError('Zebra', 1804, 'The specified datatype is invalid')).toMatchObject({
      code: 'printer_raw_unsupported',
    });
    expect(windowsSpoolerError('Zebra', 5, 'Access is denied')).toMatchObject({
      code: 'print_job_failed',
      params: { queue: 'Zebra', reason: 'Access is denied' },
    });
  });
});

describe('WindowsSpooler', () => {
  it('passes the queue, title and base64 bytes outside the script', async () => {
    const calls: Array<{ values: Record<string, string>; input: string }> = [];
    const run: PowerShellRunner = async (_script, values, input) => {
      calls.push({ values, input });
      return '{"ok":true,"jobId":42}';
    };
    const spooler = new WindowsSpooler({ run });

    const jobId = await spooler.submit('Zebra "ZD220"; rm -r C:\\', Buffer.from([0, 255, 94]), {
      title: '$(evil)',
    });

    expect(jobId).toBe('Zebra "ZD220"; rm -r C:\\-42');
    expect(calls).toEqual([
      {
        values: { DEALPOS_PRINT_QUEUE: 'Zebra "ZD220"; rm -r C:\\', DEALPOS_PRINT_TITLE: '$(evil)' },
        input: Buffer.from([0, 255, 94]).toString('base64'),
      },
    ]);
  });

  it('reports a script failure as a coded error', async () => {
    const spooler = new WindowsSpooler({
      run: async () => '{"ok":false,"win32":1804,"message":"The specified datatype is invalid"}',
    });
    await expect(spooler.submit('Zebra', Buffer.from('x'), { title: 't' })).rejects.toMatchObject({
      code: 'printer_raw_unsupported',
    });
  });

  it('takes a job that left the queue without an error as completed', async () => {
    const replies = [
      '{"ok":true,"found":true,"status":"Printing","printer":"Normal"}',
      '{"ok":true,"found":false,"status":"","printer":"Normal"}',
    ];
    const spooler = new WindowsSpooler({ run: async () => replies.shift()!, pollIntervalMs: 1 });
    await expect(spooler.waitForCompletion('Zebra-42')).resolves.toBe('completed');
  });

  it('reports a job in error as a stopped printer', async () => {
    const spooler = new WindowsSpooler({
      run: async () => '{"ok":true,"found":true,"status":"Error, PaperOut","printer":"PaperOut"}',
    });
    await expect(spooler.waitForCompletion('Zebra-42')).rejects.toMatchObject({
      code: 'printer_stopped',
      params: { queue: 'Zebra', message: 'Error, PaperOut' },
    });
  });
});
