import { getContext, setContext } from 'svelte';
import type { LabelDeskApi } from '../../../../shared/ipc-contract.ts';
import type { ScanFeedback } from '../../../../shared/scanning/receiving-check.ts';
import { downloadFile } from '../receiving/download-file.ts';
import { createScanSound } from '../receiving/scan-sound.ts';
import type { LoadedFontMetrics } from '../preview/font-metrics.ts';
import { ScannerInputState } from '../scanning/scanner-input-state.svelte.ts';
import { DocumentState } from './document-state.svelte.ts';
import { HistoryState } from './history-state.svelte.ts';
import { I18nState } from './i18n-state.svelte.ts';
import { LinesState } from './lines-state.svelte.ts';
import { MetricsState } from './metrics-state.svelte.ts';
import { PrintState } from './print-state.svelte.ts';
import { ReceivingState } from './receiving-state.svelte.ts';
import { SettingsState } from './settings-state.svelte.ts';
import { TemplatesState } from './templates-state.svelte.ts';
import { UiState } from './ui-state.svelte.ts';

/** Every piece of the desk's state, one instance each, shared with components through Svelte context. */
export interface Desk {
  api: LabelDeskApi;
  i18n: I18nState;
  settings: SettingsState;
  templates: TemplatesState;
  document: DocumentState;
  print: PrintState;
  lines: LinesState;
  history: HistoryState;
  metrics: MetricsState;
  ui: UiState;
  receiving: ReceivingState;
  /** Keyboard or USB HID scanner input, and the HID scanner's state. */
  scannerInput: ScannerInputState;
  /** Saves a file the renderer made, such as the receiving check's CSV. */
  saveFile: (fileName: string, bytes: Uint8Array, mimeType: string) => void;
  /** Milliseconds from a monotonic clock, for telling a scanner's key burst from typing. */
  now: () => number;
  /**
   * Returns the time of a key press on the clock of `now`. In the app this is the event's own time stamp,
   * so a page busy for a moment does not stretch the gaps between a scanner's keys and split its code.
   */
  keyTime: (event: KeyboardEvent) => number;
  /** Reads the app info, settings, templates and history from main, then applies the stored preferences. */
  start(): Promise<void>;
  /** Stops listening to main's events. */
  dispose(): void;
}

export interface DeskOptions {
  loadFontMetrics: () => Promise<LoadedFontMetrics>;
  newJobId?: () => string;
  now?: () => number;
  /** Plays the sound of a receiving check scan; Web Audio beeps by default. */
  scanSound?: (feedback: ScanFeedback) => void;
  /** Saves a file the renderer made; a browser download by default. */
  saveFile?: (fileName: string, bytes: Uint8Array, mimeType: string) => void;
}

const DESK_KEY = Symbol('desk');

/** Creates the desk's state objects and connects them. */
export function createDesk(api: LabelDeskApi, options: DeskOptions): Desk {
  const i18n = new I18nState('id');
  const settings = new SettingsState(api);
  const templates = new TemplatesState(api);
  const history = new HistoryState(api);
  const metrics = new MetricsState(options.loadFontMetrics);
  const ui = new UiState();
  const print = new PrintState(api, templates, {
    newJobId: options.newJobId,
    onPrinted: () => void history.load(),
  });
  const document = new DocumentState(api, () => {
    receiving.stop();
    print.clearOutcome();
    void history.load();
    void settings.refresh();
  });
  const receiving = new ReceivingState(api, document, options.scanSound ?? createScanSound());
  const lines = new LinesState(document, print);
  const unsubscribe = api.onPrintProgress(print.handleProgress);
  const scannerInput = new ScannerInputState(api, () => settings.scanner);

  return {
    api,
    i18n,
    settings,
    templates,
    document,
    print,
    lines,
    history,
    metrics,
    ui,
    receiving,
    scannerInput,
    saveFile: options.saveFile ?? downloadFile,
    now: options.now ?? (() => performance.now()),
    // A test clock replaces both, so key times and timers stay on one clock.
    keyTime: options.now === undefined ? (event) => event.timeStamp : options.now,
    async start() {
      await Promise.all([settings.load(), templates.load(), history.load()]);
      const locale = settings.locale;
      if (locale !== null) {
        i18n.locale = locale;
      }
      const view = settings.view;
      if (view !== null) {
        print.templateId =
          templates.find(view.defaultTemplateId) === undefined ? print.templateId : view.defaultTemplateId;
        print.dpi = view.defaultDpi;
      }
      void metrics.load();
      void scannerInput.start();
    },
    dispose() {
      unsubscribe();
      scannerInput.dispose();
    },
  };
}

/** Makes `desk` available to every component below the caller. */
export function provideDesk(desk: Desk): void {
  setContext(DESK_KEY, desk);
}

/** Returns the desk provided by an ancestor component. Components call it during initialisation. */
export function useDesk(): Desk {
  const desk = getContext<Desk | undefined>(DESK_KEY);
  if (desk === undefined) {
    throw new Error('useDesk() needs a desk provided by provideDesk() in an ancestor component');
  }
  return desk;
}

/** The context key, for tests that render one component with a desk of their own. */
export const DESK_CONTEXT_KEY = DESK_KEY;
