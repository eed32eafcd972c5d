/// <reference types="vite/client" />
import type { LabelDeskApi } from '../../shared/ipc-contract.ts';

declare global {
  interface Window {
    /**
     * The preload's API to main. Undefined when the renderer runs outside Electron, such as in a plain
     * browser during component tests, so callers check for it.
     */
    readonly labelDesk?: LabelDeskApi;
  }
}

export {};
