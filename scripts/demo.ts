import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { runCli } from '../electron/cli/run.ts';
import { startDealposSimulator } from '../electron/dealpos-simulator/index.ts';
import { localeFromTag, translate } from '../shared/i18n/index.ts';

// The demo: starts the bundled DealPOS simulator on 127.0.0.1 and prints bill 2023.09.00001 of outlet
// Pluit through the real command-line path. Settings go to a folder under out/ so no real account is touched.
const outputFolder = resolve('out', 'demo');
await mkdir(outputFolder, { recursive: true });
const pdfPath = join(outputFolder, 'labels-bill-2023.09.00001.pdf');

const simulator = await startDealposSimulator();
const locale = localeFromTag(process.env.LC_ALL ?? process.env.LC_MESSAGES ?? process.env.LANG);
console.error(translate(locale, 'cli.demo_started', { url: simulator.url }));
try {
  process.exitCode = await runCli(
    ['print', '--bill', '2023.09.00001', '--outlet', 'Pluit', '--pdf', pdfPath, ...process.argv.slice(2)],
    {
      stdin: process.stdin,
      stdout: process.stdout,
      stderr: process.stderr,
      env: {
        ...process.env,
        DEALPOS_LABELS_HOME: join(outputFolder, 'settings'),
        DEALPOS_URL: simulator.url,
        DEALPOS_CLIENT_ID: 'demo',
        DEALPOS_CLIENT_SECRET: 'demo-secret',
      },
    },
  );
} finally {
  await simulator.close();
}
