import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  RENDERER_LOG_LINES_PER_WINDOW,
  RENDERER_LOG_WINDOW_MS,
  RendererLogForwarder,
} from '../../../electron/desk/renderer-log.ts';
import { createLogger } from '../../../electron/logging/logger.ts';
import { createDeskFixture, type DeskFixture } from './desk-fixture.ts';

let fixture: DeskFixture | undefined;

afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe('log:write', () => {
  it('writes renderer lines under a renderer scope', async () => {
    fixture = await createDeskFixture();
    expect(
      await fixture.handlers['log:write']({ level: 'warn', scope: 'print-panel', message: 'Printer busy' }),
    ).toBe(null);
    expect(await readFile(fixture.logFile, 'utf8')).toMatch(
      /\[warn\] +\[renderer:print-panel\] Printer busy\n/,
    );
  });
});

describe('RendererLogForwarder', () => {
  it('drops lines over the limit and reports how many', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'renderer-log-'));
    const logger = await createLogger({ folder });
    const clock = { now: Date.UTC(2026, 0, 15, 8, 0, 0) };
    const forwarder = new RendererLogForwarder(logger, () => new Date(clock.now));

    for (let index = 0; index < RENDERER_LOG_LINES_PER_WINDOW + 5; index += 1) {
      forwarder.write({ level: 'info', scope: 'loop', message: `line ${index}` });
    }
    clock.now += RENDERER_LOG_WINDOW_MS;
    forwarder.write({ level: 'info', scope: 'loop', message: 'after the window' });

    const text = await readFile(logger.filePath, 'utf8');
    expect(text).toContain(`line ${RENDERER_LOG_LINES_PER_WINDOW - 1}\n`);
    expect(text).not.toContain(`line ${RENDERER_LOG_LINES_PER_WINDOW}\n`);
    expect(text).toMatch(/\[renderer\] Dropped renderer log lines over the rate limit dropped=5 /);
    expect(text).toContain('after the window');
    await rm(folder, { recursive: true, force: true });
  });
});
