import { render, screen, waitFor } from '@testing-library/svelte';
import { expect } from 'vitest';
import App from '../../renderer/src/App.svelte';
import type { ScanFeedback } from '../../shared/scanning/receiving-check.ts';
import { createDesk, type Desk } from '../../renderer/src/lib/state/desk.ts';
import { monospaceMetrics } from '../support/fake-metrics.ts';
import { FakeLabelDeskApi } from './fake-api.ts';

/** A file the desk saved through `saveFile`. */
export interface SavedFile {
  fileName: string;
  bytes: Uint8Array;
  mimeType: string;
}

/**
 * Creates a desk wired to a fake API, with monospaced font metrics and a clock the test moves. Scan
 * sounds and saved files are recorded instead of played or downloaded.
 */
export function createTestDesk(api: FakeLabelDeskApi = new FakeLabelDeskApi()): {
  api: FakeLabelDeskApi;
  desk: Desk;
  clock: { now: number };
  sounds: ScanFeedback[];
  savedFiles: SavedFile[];
} {
  const clock = { now: 1_000 };
  const sounds: ScanFeedback[] = [];
  const savedFiles: SavedFile[] = [];
  let jobs = 0;
  const desk = createDesk(api, {
    loadFontMetrics: async () => ({ metrics: monospaceMetrics(), source: 'fontkit' }),
    newJobId: () => `job-${String(++jobs).padStart(8, '0')}`,
    now: () => clock.now,
    scanSound: (feedback) => sounds.push(feedback),
    saveFile: (fileName, bytes, mimeType) => savedFiles.push({ fileName, bytes, mimeType }),
  });
  return { api, desk, clock, sounds, savedFiles };
}

/** Renders the whole app and waits until it has read the settings (the desk or first run is on screen). */
export async function renderApp(api: FakeLabelDeskApi = new FakeLabelDeskApi()) {
  const parts = createTestDesk(api);
  const result = render(App, { props: { desk: parts.desk } });
  // The first heading appears with the desk or first run, once start() has read the settings.
  await screen.findByRole('heading', { level: 1 });
  if (!parts.desk.settings.needsSetup) {
    await waitFor(() => expect(parts.desk.metrics.metrics).not.toBeNull());
  }
  return { ...parts, ...result };
}
