import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { access, chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CupsSpooler } from '../../electron/printing/cups.ts';

const run = promisify(execFile);

/*
 * A private CUPS scheduler per test file, with its own ServerRoot, spool, cache, state and log folders
 * in a temporary directory. It listens only on a Unix domain socket there, so tests never touch the
 * machine's printers and need no free TCP port. Clients reach it through CUPS_SERVER=<socket>.
 * Measured with CUPS 2.4.2 on Debian 12: cupsd answers within about 0.2 s of starting, and a raw job
 * to a loopback socket:// queue is "completed" about 40 ms after submission.
 * Root (as in CI) and ordinary users both work: as root, cupsd runs backends as the `lp` user, so the
 * temporary directory is made world-traversable; as another user, backends run as that user.
 */

/** Program folders searched besides PATH: cupsd, lpadmin and cupsenable live in sbin on Debian. */
const EXTRA_PATHS = ['/usr/sbin', '/usr/local/sbin', '/sbin'];

async function findProgram(name: string): Promise<string> {
  const folders = [...(process.env.PATH ?? '').split(':').filter((folder) => folder !== ''), ...EXTRA_PATHS];
  for (const folder of folders) {
    const candidate = join(folder, name);
    if (
      await access(candidate).then(
        () => true,
        () => false,
      )
    ) {
      return candidate;
    }
  }
  throw new Error(`${name} was not found; install the cups, cups-client and cups-bsd packages`);
}

/** What CUPS does with a queue when its backend fails (lpadmin's printer-error-policy). */
export type ErrorPolicy = 'abort-job' | 'stop-printer' | 'retry-job';

export interface PrivateCups {
  socketPath: string;
  /** Environment for lp, lpstat and the app's CupsSpooler: CUPS_SERVER set to the socket. */
  env: NodeJS.ProcessEnv;
  /**
   * Adds an enabled raw queue (no PPD, so CUPS runs no filter) that sends jobs to 127.0.0.1:`port`.
   * `connectTimeoutSeconds` sets the socket backend's `contimeout` URI option, after which it gives up
   * on a refused connection. The backend retries only every 5 s, so the job fails after 5 s at best.
   */
  addRawQueue(
    name: string,
    port: number,
    options?: { errorPolicy?: ErrorPolicy; connectTimeoutSeconds?: number },
  ): Promise<void>;
  /** Stops the queue like a printer that reported an error (`cupsdisable -r reason`). */
  disable(name: string, reason: string): Promise<void>;
  enable(name: string): Promise<void>;
  /** The scheduler's error_log, for a failing test's message. */
  errorLog(): Promise<string>;
  stop(): Promise<void>;
}

/** Starts a private cupsd and waits until it responds to IPP requests. */
export async function startPrivateCups(): Promise<PrivateCups> {
  const folder = await mkdtemp(join(tmpdir(), 'label-desk-cups-'));
  // As root, cupsd hands spool files to backends running as `lp`, which must reach them.
  await chmod(folder, 0o755);
  for (const name of ['root', 'spool', 'tmp', 'cache', 'state', 'log']) {
    await mkdir(join(folder, name));
  }
  const socketPath = join(folder, 'cups.sock');
  await writeFile(
    join(folder, 'root', 'cups-files.conf'),
    [
      `ServerRoot ${join(folder, 'root')}`,
      `RequestRoot ${join(folder, 'spool')}`,
      `TempDir ${join(folder, 'tmp')}`,
      `CacheDir ${join(folder, 'cache')}`,
      `StateDir ${join(folder, 'state')}`,
      `ErrorLog ${join(folder, 'log', 'error_log')}`,
      `AccessLog ${join(folder, 'log', 'access_log')}`,
      `PageLog ${join(folder, 'log', 'page_log')}`,
      // A temporary folder is never owned the way cupsd wants for /etc/cups; that must not stop it.
      'FatalErrors all -permissions',
      '',
    ].join('\n'),
  );
  await writeFile(
    join(folder, 'root', 'cupsd.conf'),
    [
      'LogLevel info',
      `Listen ${socketPath}`,
      'Browsing Off',
      'WebInterface No',
      '<Location />',
      '  Order allow,deny',
      '  Allow all',
      '</Location>',
      // Anyone on the socket may administer this scheduler. Job names stay private to their owner as
      // in the default policy, so the tests show that the spooler's lookup by title works under it.
      '<Policy default>',
      '  JobPrivateAccess default',
      '  JobPrivateValues default',
      '  SubscriptionPrivateAccess default',
      '  SubscriptionPrivateValues default',
      '  <Limit All>',
      '    Order deny,allow',
      '  </Limit>',
      '</Policy>',
      '',
    ].join('\n'),
  );

  const cupsd = await findProgram('cupsd');
  const child: ChildProcess = spawn(
    cupsd,
    ['-f', '-c', join(folder, 'root', 'cupsd.conf'), '-s', join(folder, 'root', 'cups-files.conf')],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const env: NodeJS.ProcessEnv = { ...process.env, CUPS_SERVER: socketPath };
  const spooler = new CupsSpooler({ env });
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`cupsd exited with code ${child.exitCode}: ${stderr}`);
    }
    try {
      await spooler.listQueues();
      break;
    } catch (error) {
      if (Date.now() > deadline) {
        child.kill('SIGTERM');
        throw new Error(`cupsd did not answer on ${socketPath}: ${stderr}`, { cause: error });
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const admin = async (program: string, args: string[]): Promise<void> => {
    await run(await findProgram(program), args, { env });
  };

  return {
    socketPath,
    env,
    async addRawQueue(name, port, options = {}) {
      const query =
        options.connectTimeoutSeconds === undefined ? '' : `/?contimeout=${options.connectTimeoutSeconds}`;
      // No -m and no -P: a queue without a PPD is a raw queue. CUPS 2.4 warns that `-m raw` is
      // deprecated, but still accepts a queue created this way without a warning.
      await admin('lpadmin', [
        '-p',
        name,
        '-E',
        '-v',
        `socket://127.0.0.1:${port}${query}`,
        '-o',
        `printer-error-policy=${options.errorPolicy ?? 'abort-job'}`,
      ]);
    },
    async disable(name, reason) {
      await admin('cupsdisable', ['-r', reason, name]);
    },
    async enable(name) {
      await admin('cupsenable', [name]);
    },
    async errorLog() {
      return readFile(join(folder, 'log', 'error_log'), 'utf8').catch(() => '');
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/**
 * A loopback TCP server standing in for a network label printer: it records the bytes of each
 * connection (one per spool job) once the sender has finished.
 */
export interface LabelListener {
  port: number;
  /** Bytes received, one entry per finished connection, in the order they finished. */
  readonly connections: Buffer[];
  /**
   * After `count` more connections finish, stop listening, so further jobs find the port refused.
   * The listener stops before it closes its side of the last connection, so the backend of that job
   * has not yet reported success when the port closes.
   */
  refuseAfter(count: number): void;
  /**
   * Runs after a connection's bytes are recorded and before the listener closes its side, so the
   * spool job it belongs to is still "processing" in CUPS while this runs. Receives the 1-based
   * connection number.
   */
  onFinished: ((connection: number) => Promise<void>) | null;
  /** Listens again on the same port. */
  reopen(): Promise<void>;
  close(): Promise<void>;
}

export async function startLabelListener(): Promise<LabelListener> {
  const connections: Buffer[] = [];
  const sockets = new Set<Socket>();
  let remainingBeforeRefusing = Number.POSITIVE_INFINITY;
  let server: Server | null = null;
  let port = 0;
  const hooks: { onFinished: ((connection: number) => Promise<void>) | null } = { onFinished: null };

  const listen = async (): Promise<void> => {
    const next = createServer((socket) => {
      sockets.add(socket);
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
      // The CUPS socket backend half-closes after the last byte and waits for the printer to close.
      socket.on('end', () => {
        connections.push(Buffer.concat(chunks));
        remainingBeforeRefusing -= 1;
        if (remainingBeforeRefusing === 0) {
          next.close();
          server = null;
        }
        const hook = hooks.onFinished;
        if (hook === null) {
          socket.end();
          return;
        }
        hook(connections.length).then(
          () => socket.end(),
          () => socket.destroy(),
        );
      });
    });
    await new Promise<void>((resolve, reject) => {
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => resolve());
    });
    const address = next.address();
    if (address === null || typeof address === 'string') {
      throw new Error('listener has no TCP address');
    }
    port = address.port;
    server = next;
  };
  await listen();

  return {
    get port() {
      return port;
    },
    connections,
    get onFinished() {
      return hooks.onFinished;
    },
    set onFinished(hook) {
      hooks.onFinished = hook;
    },
    refuseAfter(count) {
      remainingBeforeRefusing = count;
    },
    async reopen() {
      remainingBeforeRefusing = Number.POSITIVE_INFINITY;
      if (server === null) {
        await listen();
      }
    },
    async close() {
      for (const socket of sockets) {
        socket.destroy();
      }
      const current = server;
      server = null;
      if (current !== null) {
        await new Promise<void>((resolve) => current.close(() => resolve()));
      }
    },
  };
}

/**
 * Counts the labels a received ZPL or TSPL job prints: the sum of its `^PQn` (ZPL) or `PRINT 1,n`
 * (TSPL) copy counts. That equals the label count only for single-column profiles, because a row of
 * several labels across is one printed copy.
 */
export function countPrintedLabels(bytes: Buffer): number {
  const text = bytes.toString('latin1');
  let labels = 0;
  for (const match of text.matchAll(/\^PQ(\d+)/g)) {
    labels += Number(match[1]);
  }
  for (const match of text.matchAll(/^PRINT 1,(\d+)\r?$/gm)) {
    labels += Number(match[1]);
  }
  return labels;
}
