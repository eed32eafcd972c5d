/** The dialogs the desk can show, one at a time. */
export type DeskDialog = 'settings' | 'history' | 'template-editor';

/** Fields that keyboard shortcuts move the focus to. */
export type FocusTarget = 'number' | 'filter' | 'print';

/** Desk-wide UI state: the open dialog and the elements that shortcuts focus. */
export class UiState {
  dialog = $state<DeskDialog | null>(null);
  /** Template the editor opens with: an existing id to change, or null for a copy of the current one. */
  editTemplateId = $state<string | null>(null);

  // Elements, not state: nothing renders from this registry.
  readonly #targets: Partial<Record<FocusTarget, HTMLElement>> = {};

  /** Registers an element for `focus`; returns the function that removes it again. */
  registerFocusTarget(target: FocusTarget, element: HTMLElement): () => void {
    this.#targets[target] = element;
    return () => {
      if (this.#targets[target] === element) {
        delete this.#targets[target];
      }
    };
  }

  /** Moves the focus to a registered field; returns false when it is not on screen. */
  focus(target: FocusTarget): boolean {
    const element = this.#targets[target];
    if (element === undefined || !element.isConnected) {
      return false;
    }
    element.focus();
    if (element instanceof HTMLInputElement) {
      element.select();
    }
    return true;
  }

  /** Clicks a registered button, as Ctrl+P does with Print; returns false when it is missing or disabled. */
  activate(target: FocusTarget): boolean {
    const element = this.#targets[target];
    if (!(element instanceof HTMLButtonElement) || element.disabled || !element.isConnected) {
      return false;
    }
    element.focus();
    element.click();
    return true;
  }

  openDialog(dialog: DeskDialog): void {
    this.dialog = dialog;
  }

  /** Closes the open dialog and puts the focus back in the number field, where the next scan goes. */
  closeDialog(): void {
    this.dialog = null;
    queueMicrotask(() => this.focus('number'));
  }
}
