import { access, readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../shared/errors.ts';
import type {
  PrintQueue,
  SpoolJobState,
  SpoolJobStatus,
  Spooler,
  SubmitOptions,
  WaitOptions,
} from './spooler.ts';
import { DEFAULT_SPOOL_TIMEOUT_MS, formatSpoolJobId, parseSpoolJobId } from './spooler.ts';

/*
 * CUPS is driven over IPP (RFC 8010/8011) from Node rather than through `lp` and `lpstat`.
 * Get-Job-Attributes returns the job-state enum (completed, aborted, canceled), while `lpstat -W
 * completed` lists every finished job alike without saying how it ended. IPP status codes also tell a
 * missing queue, a queue that rejects jobs and an unsupported document format apart, where lp prints
 * translated sentences.
 */

/** The CUPS scheduler's address: a Unix domain socket, or a host and port. */
export type CupsAddress = { socketPath: string } | { host: string; port: number };

const DEFAULT_DOMAIN_SOCKETS: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: ['/run/cups/cups.sock', '/var/run/cups/cups.sock'],
  darwin: ['/private/var/run/cupsd'],
};

/**
 * Finds the CUPS scheduler the way libcups does for `lp`: `CUPS_SERVER`, then `ServerName` in
 * `~/.cups/client.conf` and `<CUPS_SERVERROOT or /etc/cups>/client.conf`, then the local domain socket
 * when it exists, then localhost. The port is `IPP_PORT` or 631.
 */
export async function resolveCupsAddress(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): Promise<CupsAddress> {
  const port = Number.parseInt(env.IPP_PORT ?? '', 10) || 631;
  const configured =
    nonEmpty(env.CUPS_SERVER) ??
    (await serverNameIn(join(env.HOME ?? homedir(), '.cups', 'client.conf'))) ??
    (await serverNameIn(join(nonEmpty(env.CUPS_SERVERROOT) ?? '/etc/cups', 'client.conf')));
  if (configured !== undefined) {
    return parseServerName(configured, port);
  }
  for (const socketPath of DEFAULT_DOMAIN_SOCKETS[platform] ?? []) {
    if (await exists(socketPath)) {
      return { socketPath };
    }
  }
  return { host: 'localhost', port };
}

/** Reads `ServerName a[:port]` or `ServerName /path/to/socket`, dropping libcups's `/version=1.1` suffix. */
export function parseServerName(value: string, defaultPort = 631): CupsAddress {
  const trimmed = value.trim();
  if (trimmed.startsWith('/')) {
    return { socketPath: trimmed };
  }
  const withoutVersion = trimmed.replace(/\/version=[\d.]+$/, '');
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(withoutVersion);
  if (bracketed !== null) {
    return { host: bracketed[1]!, port: bracketed[2] === undefined ? defaultPort : Number(bracketed[2]) };
  }
  const [host, portText] = withoutVersion.split(':');
  return { host: host ?? 'localhost', port: portText === undefined ? defaultPort : Number(portText) };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

async function serverNameIn(path: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  const match = /^\s*ServerName\s+(\S+)\s*$/im.exec(text);
  return match?.[1];
}

// ---------------------------------------------------------------------------------------------------
// IPP message encoding, limited to the value types these operations send and read.

const OPERATION = {
  printJob: 0x0002,
  cancelJob: 0x0008,
  getJobAttributes: 0x0009,
  getJobs: 0x000a,
  getPrinterAttributes: 0x000b,
  cupsGetPrinters: 0x4002,
} as const;

const TAG = {
  operationGroup: 0x01,
  endOfAttributes: 0x03,
  integer: 0x21,
  boolean: 0x22,
  enum: 0x23,
  textWithoutLanguage: 0x41,
  nameWithoutLanguage: 0x42,
  keyword: 0x44,
  uri: 0x45,
  charset: 0x47,
  naturalLanguage: 0x48,
  mimeMediaType: 0x49,
} as const;

const STATUS = {
  notAuthenticated: 0x0401,
  notFound: 0x0406,
  gone: 0x0407,
  documentFormatNotSupported: 0x040a,
  notPossible: 0x0404,
  notAcceptingJobs: 0x0506,
} as const;

/** `job-state` enum values of IPP/1.1. */
const JOB_STATES: Record<number, SpoolJobState> = {
  3: 'pending',
  4: 'held',
  5: 'processing',
  6: 'stopped',
  7: 'canceled',
  8: 'aborted',
  9: 'completed',
};

/** `printer-state` enum values: 3 idle, 4 processing, 5 stopped. */
const PRINTER_STATE_PROCESSING = 4;
const PRINTER_STATE_STOPPED = 5;

type IppValue = string | number | boolean;

interface IppAttribute {
  tag: number;
  name: string;
  values: IppValue[];
}

/** One attribute group of a response (operation, job or printer attributes), keyed by attribute name. */
type IppGroup = Map<string, IppValue[]>;

interface IppResponse {
  status: number;
  groups: Array<{ tag: number; attributes: IppGroup }>;
}

function attribute(tag: number, name: string, ...values: IppValue[]): IppAttribute {
  return { tag, name, values };
}

/** Encodes an IPP/1.1 request; CUPS (checked with 2.4.2) answers 1.1 requests for these operations. */
export function encodeIppRequest(operation: number, requestId: number, attributes: IppAttribute[]): Buffer {
  const parts: Buffer[] = [];
  const header = Buffer.alloc(9);
  header.writeUInt8(1, 0);
  header.writeUInt8(1, 1);
  header.writeUInt16BE(operation, 2);
  header.writeUInt32BE(requestId, 4);
  header.writeUInt8(TAG.operationGroup, 8);
  parts.push(header);
  for (const item of attributes) {
    item.values.forEach((value, index) => {
      // Additional values of a multi-valued attribute carry an empty name.
      const name = Buffer.from(index === 0 ? item.name : '', 'utf8');
      const encoded = encodeValue(value);
      const prefix = Buffer.alloc(3);
      prefix.writeUInt8(item.tag, 0);
      prefix.writeUInt16BE(name.length, 1);
      const length = Buffer.alloc(2);
      length.writeUInt16BE(encoded.length, 0);
      parts.push(prefix, name, length, encoded);
    });
  }
  parts.push(Buffer.from([TAG.endOfAttributes]));
  return Buffer.concat(parts);
}

function encodeValue(value: IppValue): Buffer {
  if (typeof value === 'number') {
    const buffer = Buffer.alloc(4);
    buffer.writeInt32BE(value, 0);
    return buffer;
  }
  if (typeof value === 'boolean') {
    return Buffer.from([value ? 1 : 0]);
  }
  return Buffer.from(value, 'utf8');
}

/**
 * Decodes an IPP response. Integers, enums, booleans and string types are read; other values (dates,
 * resolutions, collection members) are kept as empty strings because no caller reads them.
 */
export function decodeIppResponse(body: Buffer): IppResponse {
  if (body.length < 8) {
    throw new Error(`IPP response of ${body.length} bytes is shorter than its header`);
  }
  const response: IppResponse = { status: body.readUInt16BE(2), groups: [] };
  let offset = 8;
  let group: IppGroup | undefined;
  let lastName = '';
  while (offset < body.length) {
    const tag = body.readUInt8(offset);
    offset += 1;
    if (tag === TAG.endOfAttributes) {
      break;
    }
    if (tag < 0x10) {
      group = new Map();
      response.groups.push({ tag, attributes: group });
      continue;
    }
    const nameLength = body.readUInt16BE(offset);
    const name = body.toString('utf8', offset + 2, offset + 2 + nameLength);
    offset += 2 + nameLength;
    const valueLength = body.readUInt16BE(offset);
    const raw = body.subarray(offset + 2, offset + 2 + valueLength);
    offset += 2 + valueLength;
    if (group === undefined) {
      throw new Error('IPP response has an attribute outside any group');
    }
    const value = decodeValue(tag, raw);
    if (nameLength > 0) {
      lastName = name;
      group.set(name, [value]);
    } else {
      group.get(lastName)?.push(value);
    }
  }
  return response;
}

function decodeValue(tag: number, raw: Buffer): IppValue {
  if ((tag === TAG.integer || tag === TAG.enum) && raw.length === 4) {
    return raw.readInt32BE(0);
  }
  if (tag === TAG.boolean && raw.length === 1) {
    return raw.readUInt8(0) === 1;
  }
  if (tag >= 0x40 && tag <= 0x5f) {
    return raw.toString('utf8');
  }
  return '';
}

function firstString(group: IppGroup | undefined, name: string): string {
  const value = group?.get(name)?.[0];
  return typeof value === 'string' ? value : '';
}

function firstNumber(group: IppGroup | undefined, name: string): number | undefined {
  const value = group?.get(name)?.[0];
  return typeof value === 'number' ? value : undefined;
}

/** Collects the attributes of each group with `tag` (2: job, 4: printer), in response order. */
function groupsWithTag(response: IppResponse, tag: number): IppGroup[] {
  return response.groups.filter((group) => group.tag === tag).map((group) => group.attributes);
}

const JOB_GROUP = 0x02;
const PRINTER_GROUP = 0x04;

// ---------------------------------------------------------------------------------------------------

export interface CupsSpoolerOptions {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** First delay between two job-state polls; it doubles up to `maxPollIntervalMs`. */
  pollIntervalMs?: number;
  maxPollIntervalMs?: number;
  /** Idle time after which one IPP request is abandoned, so a hung scheduler cannot block a job forever. */
  requestTimeoutMs?: number;
  /** `requesting-user-name`; CUPS only shows a job's name to its owner. */
  userName?: string;
}

/**
 * Sends raw jobs to CUPS with document format `application/vnd.cups-raw`, so CUPS runs no filter and
 * the backend (usb, socket) gets the bytes unchanged, and confirms them by polling the job state.
 */
export class CupsSpooler implements Spooler {
  readonly #env: NodeJS.ProcessEnv;
  readonly #platform: NodeJS.Platform;
  readonly #pollIntervalMs: number;
  readonly #maxPollIntervalMs: number;
  readonly #requestTimeoutMs: number;
  readonly #userName: string;
  #address: Promise<CupsAddress> | undefined;
  #requestId = 0;

  constructor(options: CupsSpoolerOptions = {}) {
    this.#env = options.env ?? process.env;
    this.#platform = options.platform ?? process.platform;
    this.#pollIntervalMs = options.pollIntervalMs ?? 50;
    this.#maxPollIntervalMs = options.maxPollIntervalMs ?? 500;
    this.#requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    this.#userName = options.userName ?? currentUserName(this.#env);
  }

  async submit(queue: string, bytes: Buffer, options: SubmitOptions): Promise<string> {
    await this.#requireAcceptingPrinter(queue);
    const response = await this.#request(
      OPERATION.printJob,
      `/printers/${encodeURIComponent(queue)}`,
      [
        attribute(TAG.uri, 'printer-uri', printerUri(queue)),
        attribute(TAG.nameWithoutLanguage, 'requesting-user-name', this.#userName),
        attribute(TAG.nameWithoutLanguage, 'job-name', options.title),
        attribute(TAG.mimeMediaType, 'document-format', 'application/vnd.cups-raw'),
      ],
      queue,
      bytes,
    );
    if (response.status === STATUS.notFound) {
      throw new AppError('printer_not_found', { queue });
    }
    if (response.status === STATUS.documentFormatNotSupported) {
      throw new AppError('printer_raw_unsupported', { queue }, { detail: statusMessage(response) });
    }
    if (response.status === STATUS.notAcceptingJobs) {
      throw new AppError('printer_stopped', { queue, message: statusMessage(response) || 'none' });
    }
    const jobNumber = firstNumber(groupsWithTag(response, JOB_GROUP)[0], 'job-id');
    if (response.status >= 0x0100 || jobNumber === undefined) {
      throw new AppError('print_job_failed', { queue, reason: describeStatus(response) });
    }
    return formatSpoolJobId(queue, jobNumber);
  }

  async waitForCompletion(jobId: string, options: WaitOptions = {}): Promise<'completed'> {
    const { queue } = parseSpoolJobId(jobId);
    const timeoutMs = options.timeoutMs ?? DEFAULT_SPOOL_TIMEOUT_MS;
    const deadline = Date.now() + timeoutMs;
    let interval = this.#pollIntervalMs;
    for (;;) {
      options.signal?.throwIfAborted();
      const status = await this.jobStatus(jobId);
      switch (status.state) {
        case 'completed':
          return 'completed';
        case 'aborted':
        case 'canceled':
          throw new AppError('print_job_failed', { queue, reason: status.reason || status.state });
        case 'unknown':
          throw new AppError('print_job_failed', { queue, reason: `job ${jobId} is no longer listed` });
        case 'held':
        case 'stopped':
          throw new AppError('printer_stopped', { queue, message: status.reason || status.state });
        case 'pending':
        case 'processing': {
          const printer = await this.#printerAttributes(queue);
          if (printer !== undefined && firstNumber(printer, 'printer-state') === PRINTER_STATE_STOPPED) {
            throw new AppError('printer_stopped', {
              queue,
              message: firstString(printer, 'printer-state-message') || 'none',
            });
          }
          break;
        }
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new AppError('print_timeout', { queue, seconds: Math.round(timeoutMs / 1000) });
      }
      await sleep(Math.min(interval, remaining), undefined, { signal: options.signal });
      interval = Math.min(interval * 2, this.#maxPollIntervalMs);
    }
  }

  async jobStatus(jobId: string): Promise<SpoolJobStatus> {
    const { queue, jobNumber } = parseSpoolJobId(jobId);
    const response = await this.#request(
      OPERATION.getJobAttributes,
      '/jobs/',
      [
        attribute(TAG.uri, 'printer-uri', printerUri(queue)),
        attribute(TAG.integer, 'job-id', jobNumber),
        attribute(TAG.nameWithoutLanguage, 'requesting-user-name', this.#userName),
        attribute(
          TAG.keyword,
          'requested-attributes',
          'job-state',
          'job-state-reasons',
          'job-printer-state-message',
        ),
      ],
      queue,
    );
    if (response.status === STATUS.notFound || response.status === STATUS.gone) {
      return { state: 'unknown', reason: '' };
    }
    if (response.status >= 0x0100) {
      throw new AppError('print_job_failed', { queue, reason: describeStatus(response) });
    }
    const job = groupsWithTag(response, JOB_GROUP)[0];
    const state = JOB_STATES[firstNumber(job, 'job-state') ?? 0] ?? 'unknown';
    const reasons = (job?.get('job-state-reasons') ?? []).filter(
      (reason): reason is string => typeof reason === 'string' && reason !== 'none',
    );
    return { state, reason: firstString(job, 'job-printer-state-message') || reasons.join(', ') };
  }

  async cancel(jobId: string): Promise<void> {
    const { queue, jobNumber } = parseSpoolJobId(jobId);
    const response = await this.#request(
      OPERATION.cancelJob,
      '/jobs/',
      [
        attribute(TAG.uri, 'printer-uri', printerUri(queue)),
        attribute(TAG.integer, 'job-id', jobNumber),
        attribute(TAG.nameWithoutLanguage, 'requesting-user-name', this.#userName),
      ],
      queue,
    );
    // Not found, gone and not possible all mean the job already ended or was purged.
    const alreadyEnded: number[] = [STATUS.notFound, STATUS.gone, STATUS.notPossible];
    if (response.status >= 0x0100 && !alreadyEnded.includes(response.status)) {
      throw new AppError('print_job_failed', { queue, reason: describeStatus(response) });
    }
  }

  async findJob(queue: string, title: string): Promise<string | null> {
    const response = await this.#request(
      OPERATION.getJobs,
      `/printers/${encodeURIComponent(queue)}`,
      [
        attribute(TAG.uri, 'printer-uri', printerUri(queue)),
        attribute(TAG.nameWithoutLanguage, 'requesting-user-name', this.#userName),
        attribute(TAG.keyword, 'which-jobs', 'all'),
        attribute(TAG.boolean, 'my-jobs', true),
        attribute(TAG.keyword, 'requested-attributes', 'job-id', 'job-name'),
      ],
      queue,
    );
    if (response.status === STATUS.notFound) {
      return null;
    }
    const matching = groupsWithTag(response, JOB_GROUP)
      .filter((job) => firstString(job, 'job-name') === title)
      .map((job) => firstNumber(job, 'job-id'))
      .filter((id): id is number => id !== undefined);
    return matching.length === 0 ? null : formatSpoolJobId(queue, Math.max(...matching));
  }

  async listQueues(): Promise<PrintQueue[]> {
    const response = await this.#request(
      OPERATION.cupsGetPrinters,
      '/',
      [
        attribute(TAG.nameWithoutLanguage, 'requesting-user-name', this.#userName),
        attribute(
          TAG.keyword,
          'requested-attributes',
          'printer-name',
          'printer-state',
          'printer-state-message',
          'printer-is-accepting-jobs',
          'printer-info',
          'printer-make-and-model',
        ),
      ],
      '',
    );
    // CUPS returns "not found" when no queue is set up at all.
    if (response.status === STATUS.notFound) {
      return [];
    }
    if (response.status >= 0x0100) {
      throw new AppError('print_spooler_unavailable', { reason: describeStatus(response) });
    }
    return groupsWithTag(response, PRINTER_GROUP).map((printer) => {
      const state = firstNumber(printer, 'printer-state');
      return {
        name: firstString(printer, 'printer-name'),
        state: printerStateName(state),
        acceptingJobs: printer.get('printer-is-accepting-jobs')?.[0] === true,
        description: firstString(printer, 'printer-info') || firstString(printer, 'printer-make-and-model'),
        message: firstString(printer, 'printer-state-message'),
      } satisfies PrintQueue;
    });
  }

  /** Refuses to queue a job on a stopped or rejecting printer, where it would wait for an unknown time. */
  async #requireAcceptingPrinter(queue: string): Promise<void> {
    const printer = await this.#printerAttributes(queue);
    if (printer === undefined) {
      throw new AppError('printer_not_found', { queue });
    }
    const stopped = firstNumber(printer, 'printer-state') === PRINTER_STATE_STOPPED;
    if (stopped || printer.get('printer-is-accepting-jobs')?.[0] === false) {
      throw new AppError('printer_stopped', {
        queue,
        message: firstString(printer, 'printer-state-message') || 'none',
      });
    }
  }

  async #printerAttributes(queue: string): Promise<IppGroup | undefined> {
    const response = await this.#request(
      OPERATION.getPrinterAttributes,
      `/printers/${encodeURIComponent(queue)}`,
      [
        attribute(TAG.uri, 'printer-uri', printerUri(queue)),
        attribute(TAG.nameWithoutLanguage, 'requesting-user-name', this.#userName),
        attribute(
          TAG.keyword,
          'requested-attributes',
          'printer-state',
          'printer-state-message',
          'printer-is-accepting-jobs',
        ),
      ],
      queue,
    );
    if (response.status === STATUS.notFound) {
      return undefined;
    }
    if (response.status >= 0x0100) {
      throw new AppError('print_job_failed', { queue, reason: describeStatus(response) });
    }
    return groupsWithTag(response, PRINTER_GROUP)[0] ?? new Map();
  }

  async #request(
    operation: number,
    path: string,
    attributes: IppAttribute[],
    queue: string,
    document?: Buffer,
  ): Promise<IppResponse> {
    this.#address ??= resolveCupsAddress(this.#env, this.#platform);
    const address = await this.#address;
    this.#requestId = (this.#requestId % 0x7fffffff) + 1;
    const message = encodeIppRequest(operation, this.#requestId, [
      attribute(TAG.charset, 'attributes-charset', 'utf-8'),
      attribute(TAG.naturalLanguage, 'attributes-natural-language', 'en'),
      ...attributes,
    ]);
    const body = document === undefined ? message : Buffer.concat([message, document]);

    let reply = await this.#post(address, path, body, undefined);
    if (reply.statusCode === 401 && 'socketPath' in address) {
      // Over the domain socket cupsd checks the caller's uid itself (PeerCred), as libcups does.
      reply = await this.#post(address, path, body, `PeerCred ${this.#userName}`);
    }
    if (reply.statusCode === 401 || reply.statusCode === 403) {
      throw new AppError('print_job_failed', {
        queue,
        reason: `CUPS refused the request without a login (HTTP ${reply.statusCode})`,
      });
    }
    if (reply.statusCode !== 200) {
      throw new AppError('print_spooler_unavailable', { reason: `HTTP ${reply.statusCode}` });
    }
    try {
      return decodeIppResponse(reply.body);
    } catch (error) {
      throw new AppError(
        'print_spooler_unavailable',
        { reason: 'unreadable IPP response' },
        { cause: error },
      );
    }
  }

  #post(
    address: CupsAddress,
    path: string,
    body: Buffer,
    authorization: string | undefined,
  ): Promise<{ statusCode: number; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = {
        'Content-Type': 'application/ipp',
        'Content-Length': body.length,
        // cupsd accepts "localhost" as Host on every listener; other names may be rejected.
        Host: 'localhost',
      };
      if (authorization !== undefined) {
        headers.Authorization = authorization;
      }
      const target =
        'socketPath' in address
          ? { socketPath: address.socketPath }
          : { host: address.host, port: address.port };
      const outgoing = request(
        { ...target, path, method: 'POST', headers, timeout: this.#requestTimeoutMs },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('end', () =>
            resolve({ statusCode: incoming.statusCode ?? 0, body: Buffer.concat(chunks) }),
          );
          incoming.on('error', (error) => reject(spoolerUnavailable(error)));
        },
      );
      outgoing.on('timeout', () => outgoing.destroy(new Error('CUPS request timed out')));
      outgoing.on('error', (error) => reject(spoolerUnavailable(error)));
      outgoing.end(body);
    });
  }
}

function spoolerUnavailable(error: Error): AppError {
  const code = (error as NodeJS.ErrnoException).code;
  return new AppError('print_spooler_unavailable', { reason: code ?? error.message }, { cause: error });
}

function printerStateName(state: number | undefined): PrintQueue['state'] {
  if (state === PRINTER_STATE_STOPPED) {
    return 'stopped';
  }
  if (state === PRINTER_STATE_PROCESSING) {
    return 'printing';
  }
  return 'idle';
}

function printerUri(queue: string): string {
  return `ipp://localhost/printers/${encodeURIComponent(queue)}`;
}

function statusMessage(response: IppResponse): string {
  return firstString(response.groups[0]?.attributes, 'status-message');
}

function describeStatus(response: IppResponse): string {
  const code = `IPP status 0x${response.status.toString(16).padStart(4, '0')}`;
  const message = statusMessage(response);
  return message === '' ? code : `${message} (${code})`;
}

/** Returns the login name libcups would send, from the uid because `USER` can be wrong under sudo. */
function currentUserName(env: NodeJS.ProcessEnv): string {
  try {
    return userInfo().username;
  } catch {
    return env.USER ?? env.LOGNAME ?? 'anonymous';
  }
}
