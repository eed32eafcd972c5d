import { execFile } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../shared/errors.ts';
import {
  DEFAULT_SPOOL_TIMEOUT_MS,
  formatSpoolJobId,
  parseSpoolJobId,
  type PrintQueue,
  type SpoolJobState,
  type SpoolJobStatus,
  type Spooler,
  type SubmitOptions,
  type WaitOptions,
} from './spooler.ts';

/*
 * NOTE: this module has not run on Windows. Only the script texts and the output parsing are tested,
 * on Linux. The scripts use the Win32 print spooler's raw sequence: OpenPrinter, StartDocPrinter with
 * DOC_INFO_1.pDatatype = "RAW", StartPagePrinter, WritePrinter, EndPagePrinter, EndDocPrinter.
 *
 * User data (queue name, job title, job id, the bytes) never becomes part of a script: each script is
 * a fixed text passed with -EncodedCommand, values travel in DEALPOS_* environment variables and the
 * label bytes as base64 on standard input.
 */

/** Win32 error codes that have their own message (winerror.h). */
const WIN32 = {
  invalidPrinterName: 1801,
  invalidDatatype: 1804,
  printerNotFound: 3012,
} as const;

const RAW_PRINTER_TYPE = `
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;

public static class DealposRawPrinter {
  [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
  public class DocInfo1 {
    [MarshalAs(UnmanagedType.LPWStr)] public string pDocName;
    [MarshalAs(UnmanagedType.LPWStr)] public string pOutputFile;
    [MarshalAs(UnmanagedType.LPWStr)] public string pDatatype;
  }

  [DllImport("winspool.drv", EntryPoint = "OpenPrinterW", SetLastError = true, CharSet = CharSet.Unicode)]
  static extern bool OpenPrinter(string name, out IntPtr handle, IntPtr defaults);
  [DllImport("winspool.drv", SetLastError = true)]
  static extern bool ClosePrinter(IntPtr handle);
  [DllImport("winspool.drv", EntryPoint = "StartDocPrinterW", SetLastError = true, CharSet = CharSet.Unicode)]
  static extern int StartDocPrinter(IntPtr handle, int level, [In] DocInfo1 info);
  [DllImport("winspool.drv", SetLastError = true)]
  static extern bool StartPagePrinter(IntPtr handle);
  [DllImport("winspool.drv", SetLastError = true)]
  static extern bool WritePrinter(IntPtr handle, byte[] bytes, int count, out int written);
  [DllImport("winspool.drv", SetLastError = true)]
  static extern bool EndPagePrinter(IntPtr handle);
  [DllImport("winspool.drv", SetLastError = true)]
  static extern bool EndDocPrinter(IntPtr handle);
  [DllImport("winspool.drv", SetLastError = true)]
  static extern bool AbortPrinter(IntPtr handle);

  static Win32Exception LastError() {
    return new Win32Exception(Marshal.GetLastWin32Error());
  }

  // Returns the spooler's job id. A job that fails after StartDocPrinter is deleted with AbortPrinter,
  // so no half-written job stays in the queue.
  public static int Send(string printer, string title, byte[] bytes) {
    IntPtr handle;
    if (!OpenPrinter(printer, out handle, IntPtr.Zero)) throw LastError();
    try {
      DocInfo1 info = new DocInfo1();
      info.pDocName = title;
      info.pOutputFile = null;
      info.pDatatype = "RAW";
      int jobId = StartDocPrinter(handle, 1, info);
      if (jobId == 0) throw LastError();
      bool done = false;
      try {
        if (!StartPagePrinter(handle)) throw LastError();
        int written;
        if (!WritePrinter(handle, bytes, bytes.Length, out written)) throw LastError();
        if (written != bytes.Length) throw new Win32Exception(0, "WritePrinter wrote " + written + " of " + bytes.Length + " bytes");
        if (!EndPagePrinter(handle)) throw LastError();
        if (!EndDocPrinter(handle)) throw LastError();
        done = true;
      } finally {
        if (!done) AbortPrinter(handle);
      }
      return jobId;
    } finally {
      ClosePrinter(handle);
    }
  }
}
`;

/** Writes `{ ok: false, win32, message }` for any exception, finding the Win32 code inside wrappers. */
const REPORT_FAILURE = `
function Write-Failure($failure) {
  $code = 0
  $inner = $failure.Exception
  while ($null -ne $inner) {
    if ($inner -is [System.ComponentModel.Win32Exception]) { $code = $inner.NativeErrorCode; break }
    $inner = $inner.InnerException
  }
  [Console]::Out.Write((@{ ok = $false; win32 = $code; message = $failure.Exception.Message } | ConvertTo-Json -Compress))
}
`;

/**
 * Builds the PowerShell script that sends standard input (base64) to the printer named by
 * `DEALPOS_PRINT_QUEUE` as one RAW spool job titled `DEALPOS_PRINT_TITLE`, and writes
 * `{ ok, jobId }` or `{ ok: false, win32, message }` as JSON.
 */
export function rawPrintScript(): string {
  return [
    "$ErrorActionPreference = 'Stop'",
    REPORT_FAILURE,
    `Add-Type -TypeDefinition @'${RAW_PRINTER_TYPE}'@`,
    'try {',
    '  $bytes = [Convert]::FromBase64String([Console]::In.ReadToEnd())',
    '  $jobId = [DealposRawPrinter]::Send($env:DEALPOS_PRINT_QUEUE, $env:DEALPOS_PRINT_TITLE, $bytes)',
    '  [Console]::Out.Write((@{ ok = $true; jobId = $jobId } | ConvertTo-Json -Compress))',
    '} catch { Write-Failure $_ }',
  ].join('\n');
}

/**
 * Builds the script that writes the state of job `DEALPOS_PRINT_JOB` on `DEALPOS_PRINT_QUEUE` as
 * `{ ok, found, status, printer }`, using the PrintManagement module (Windows 8 and later).
 */
export function jobStatusScript(): string {
  return [
    "$ErrorActionPreference = 'Stop'",
    REPORT_FAILURE,
    'try {',
    '  $printer = Get-Printer -Name $env:DEALPOS_PRINT_QUEUE',
    '  $job = Get-PrintJob -PrinterName $env:DEALPOS_PRINT_QUEUE -ID ([int]$env:DEALPOS_PRINT_JOB) -ErrorAction SilentlyContinue',
    '  $found = $null -ne $job',
    "  $status = if ($found) { [string]$job.JobStatus } else { '' }",
    '  [Console]::Out.Write((@{ ok = $true; found = $found; status = $status; printer = [string]$printer.PrinterStatus } | ConvertTo-Json -Compress))',
    '} catch { Write-Failure $_ }',
  ].join('\n');
}

/** Builds the script that lists printers as `{ ok, printers: [{ name, status, driver, comment }] }`. */
export function listQueuesScript(): string {
  return [
    "$ErrorActionPreference = 'Stop'",
    REPORT_FAILURE,
    'try {',
    '  $printers = @(Get-Printer | ForEach-Object { @{ name = $_.Name; status = [string]$_.PrinterStatus; driver = $_.DriverName; comment = [string]$_.Comment } })',
    '  [Console]::Out.Write((@{ ok = $true; printers = $printers } | ConvertTo-Json -Compress -Depth 3))',
    '} catch { Write-Failure $_ }',
  ].join('\n');
}

/** Builds the script that removes job `DEALPOS_PRINT_JOB` from `DEALPOS_PRINT_QUEUE` if it is still there. */
export function cancelJobScript(): string {
  return [
    "$ErrorActionPreference = 'Stop'",
    REPORT_FAILURE,
    'try {',
    '  Get-PrintJob -PrinterName $env:DEALPOS_PRINT_QUEUE -ID ([int]$env:DEALPOS_PRINT_JOB) -ErrorAction SilentlyContinue | Remove-PrintJob',
    '  [Console]::Out.Write(\'{"ok":true}\')',
    '} catch { Write-Failure $_ }',
  ].join('\n');
}

/** Builds the script that writes the id of the newest job named `DEALPOS_PRINT_TITLE`, or null. */
export function findJobScript(): string {
  return [
    "$ErrorActionPreference = 'Stop'",
    REPORT_FAILURE,
    'try {',
    '  $job = Get-PrintJob -PrinterName $env:DEALPOS_PRINT_QUEUE | Where-Object { $_.DocumentName -eq $env:DEALPOS_PRINT_TITLE } | Sort-Object Id | Select-Object -Last 1',
    '  $id = if ($null -ne $job) { [int]$job.Id } else { $null }',
    '  [Console]::Out.Write((@{ ok = $true; jobId = $id } | ConvertTo-Json -Compress))',
    '} catch { Write-Failure $_ }',
  ].join('\n');
}

/** Encodes a script for `powershell.exe -EncodedCommand`: base64 of its UTF-16LE text. */
export function encodePowerShellCommand(script: string): string {
  return Buffer.from(script, 'utf16le').toString('base64');
}

/** Reads a `JobStatus` flag list such as "Printing, Retained" (PrintManagement's PrintJobStatus). */
export function spoolStateFromJobStatus(status: string): SpoolJobState {
  const flags = new Set(status.split(',').map((flag) => flag.trim()));
  if (flags.has('Deleting') || flags.has('Deleted')) {
    return 'canceled';
  }
  if (
    ['Error', 'Offline', 'PaperOut', 'UserIntervention', 'Blocked', 'Paused'].some((flag) => flags.has(flag))
  ) {
    return 'stopped';
  }
  if (flags.has('Printed') || flags.has('Complete')) {
    return 'completed';
  }
  if (flags.has('Printing') || flags.has('Spooling')) {
    return 'processing';
  }
  return 'pending';
}

/** Maps a failed script run's Win32 error code to an AppError naming `queue`. */
export function windowsSpoolerError(queue: string, win32: number, message: string): AppError {
  switch (win32) {
    case WIN32.invalidPrinterName:
    case WIN32.printerNotFound:
      return new AppError('printer_not_found', { queue }, { detail: message });
    case WIN32.invalidDatatype:
      return new AppError('printer_raw_unsupported', { queue }, { detail: message });
    default:
      return new AppError('print_job_failed', { queue, reason: message || `Windows error ${win32}` });
  }
}

type ScriptReply = { ok: true; [field: string]: unknown } | { ok: false; win32: number; message: string };

/** Runs one fixed script with `powershell.exe`; `values` become DEALPOS_* environment variables. */
export type PowerShellRunner = (
  script: string,
  values: Record<string, string>,
  input: string,
) => Promise<string>;

const runPowerShell: PowerShellRunner = (script, values, input) =>
  new Promise((resolve, reject) => {
    const child = execFile(
      'powershell.exe',
      [
        '-NoProfile',
        '-NonInteractive',
        '-ExecutionPolicy',
        'Bypass',
        '-EncodedCommand',
        encodePowerShellCommand(script),
      ],
      { env: { ...process.env, ...values }, maxBuffer: 16 * 1024 * 1024, windowsHide: true },
      (error, stdout) => {
        if (error !== null && stdout === '') {
          reject(new AppError('print_spooler_unavailable', { reason: error.message }, { cause: error }));
          return;
        }
        resolve(stdout);
      },
    );
    child.stdin?.end(input);
  });

/** Sends raw jobs through the Windows spooler with datatype RAW, so no printer driver filter runs. */
export class WindowsSpooler implements Spooler {
  readonly #run: PowerShellRunner;
  readonly #pollIntervalMs: number;

  constructor(options: { run?: PowerShellRunner; pollIntervalMs?: number } = {}) {
    this.#run = options.run ?? runPowerShell;
    this.#pollIntervalMs = options.pollIntervalMs ?? 250;
  }

  async submit(queue: string, bytes: Buffer, options: SubmitOptions): Promise<string> {
    const reply = await this.#script(
      rawPrintScript(),
      { DEALPOS_PRINT_QUEUE: queue, DEALPOS_PRINT_TITLE: options.title },
      bytes.toString('base64'),
      queue,
    );
    return formatSpoolJobId(queue, Number(reply.jobId));
  }

  async jobStatus(jobId: string): Promise<SpoolJobStatus> {
    const { queue, jobNumber } = parseSpoolJobId(jobId);
    const reply = await this.#script(
      jobStatusScript(),
      { DEALPOS_PRINT_QUEUE: queue, DEALPOS_PRINT_JOB: String(jobNumber) },
      '',
      queue,
    );
    if (reply.found !== true) {
      return { state: 'unknown', reason: String(reply.printer ?? '') };
    }
    const status = String(reply.status ?? '');
    return { state: spoolStateFromJobStatus(status), reason: status };
  }

  /**
   * Polls the job until it leaves the queue. The Windows spooler deletes a job once it is printed
   * (unless "Keep printed documents" is on), so a job that disappears without having shown an error or
   * a deletion is taken as completed.
   */
  async waitForCompletion(jobId: string, options: WaitOptions = {}): Promise<'completed'> {
    const { queue } = parseSpoolJobId(jobId);
    const timeoutMs = options.timeoutMs ?? DEFAULT_SPOOL_TIMEOUT_MS;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      options.signal?.throwIfAborted();
      const status = await this.jobStatus(jobId);
      if (status.state === 'completed' || status.state === 'unknown') {
        return 'completed';
      }
      if (status.state === 'canceled') {
        throw new AppError('print_job_failed', { queue, reason: status.reason });
      }
      if (status.state === 'stopped') {
        throw new AppError('printer_stopped', { queue, message: status.reason || 'none' });
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new AppError('print_timeout', { queue, seconds: Math.round(timeoutMs / 1000) });
      }
      await sleep(Math.min(this.#pollIntervalMs, remaining), undefined, { signal: options.signal });
    }
  }

  async listQueues(): Promise<PrintQueue[]> {
    const reply = await this.#script(listQueuesScript(), {}, '', '');
    const printers = Array.isArray(reply.printers) ? (reply.printers as Array<Record<string, unknown>>) : [];
    return printers.map((printer) => {
      const status = String(printer.status ?? '');
      return {
        name: String(printer.name ?? ''),
        state: /Paused|Error|Offline|PaperOut/i.test(status)
          ? 'stopped'
          : /Printing/i.test(status)
            ? 'printing'
            : 'idle',
        acceptingJobs: !/Paused/i.test(status),
        description: String(printer.driver ?? ''),
        message: String(printer.comment ?? ''),
      } satisfies PrintQueue;
    });
  }

  async cancel(jobId: string): Promise<void> {
    const { queue, jobNumber } = parseSpoolJobId(jobId);
    await this.#script(
      cancelJobScript(),
      { DEALPOS_PRINT_QUEUE: queue, DEALPOS_PRINT_JOB: String(jobNumber) },
      '',
      queue,
    );
  }

  async findJob(queue: string, title: string): Promise<string | null> {
    const reply = await this.#script(
      findJobScript(),
      { DEALPOS_PRINT_QUEUE: queue, DEALPOS_PRINT_TITLE: title },
      '',
      queue,
    );
    return typeof reply.jobId === 'number' ? formatSpoolJobId(queue, reply.jobId) : null;
  }

  async #script(
    script: string,
    values: Record<string, string>,
    input: string,
    queue: string,
  ): Promise<Extract<ScriptReply, { ok: true }>> {
    const output = await this.#run(script, values, input);
    let reply: ScriptReply;
    try {
      reply = JSON.parse(output) as ScriptReply;
    } catch (error) {
      throw new AppError(
        'print_spooler_unavailable',
        { reason: 'unreadable PowerShell output' },
        { cause: error },
      );
    }
    if (!reply.ok) {
      throw windowsSpoolerError(queue, reply.win32, reply.message);
    }
    return reply;
  }
}
