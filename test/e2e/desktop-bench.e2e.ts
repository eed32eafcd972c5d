import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RendererNotBuiltError, runDesktopBench, type Figures } from '../../bench/desktop.ts';
import { desktopPage, desktopTargetLines } from '../../bench/desktop-report.ts';

/** Checks that every sample is a finite, positive number of milliseconds. */
function expectMeasured(name: string, figures: Figures, samples: number): void {
  expect(figures.samples, name).toHaveLength(samples);
  for (const sample of figures.samples) {
    expect(Number.isFinite(sample), `${name}: ${sample}`).toBe(true);
    expect(sample, name).toBeGreaterThan(0);
  }
  expect(figures.p95, name).toBeGreaterThanOrEqual(figures.median);
}

describe('runDesktopBench', () => {
  it('measures a small document in Chromium', async () => {
    const result = await runDesktopBench({
      lines: 200,
      rounds: 1,
      keystrokes: 3,
      templateChanges: 3,
      editorChanges: 2,
    });

    expect(result.lines).toBe(200);
    expect(result.labels).toBe(600);
    expect(result.responseBytes).toBeGreaterThan(0);
    expect(result.rowsPainted).toHaveLength(2);
    for (const rows of result.rowsPainted) {
      expect(rows).toBeGreaterThan(0);
    }
    for (const [name, figures] of Object.entries({
      loadFetch: result.loadFetch,
      loadScript: result.loadScript,
      loadRender: result.loadRender,
      loadFrame: result.loadFrame,
      loadPreview: result.loadPreview,
      reloadFetch: result.reloadFetch,
      reloadRender: result.reloadRender,
    })) {
      expectMeasured(name, figures, 1);
    }
    expectMeasured('filter latency', result.filter.latency, 3);
    expectMeasured('filter work', result.filter.work, 3);
    expectMeasured('template latency', result.template.latency, 3);
    expectMeasured('template work', result.template.work, 3);
    expectMeasured('editor latency', result.editor.latency, 2);
    expectMeasured('editor work', result.editor.work, 2);
    // "kaos hitam" typed key by key: each key leaves fewer rows than the document has.
    expect(result.filterRows).toHaveLength(3);
    expect(Math.max(...result.filterRows)).toBeLessThan(200);
    expect(result.scanPace).toBeNull();

    const page = desktopPage(
      result,
      {
        cpu: 'test CPU',
        cores: 2,
        memoryGb: 4,
        platform: 'linux',
        node: process.versions.node,
        loadBefore: 0,
        loadAfter: 0,
      },
      { date: '2026-01-01', scanPace: null },
    );
    expect(page).toContain('# Desktop benchmarks');
    for (const line of desktopTargetLines(result)) {
      expect(page).toContain(line);
    }
  });

  it('rejects a renderer folder without index.html', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'desktop-bench-'));
    try {
      const run = runDesktopBench({ rendererFolder: folder, lines: 10, rounds: 1 });
      await expect(run).rejects.toBeInstanceOf(RendererNotBuiltError);
      await expect(run).rejects.toThrow('npx electron-vite build');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
