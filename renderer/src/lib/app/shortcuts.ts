/** Action of a desk-wide keyboard shortcut. */
export type ShortcutAction = 'print' | 'filter' | 'number' | 'history' | 'templates' | 'settings';

/** The shortcut keys, shown in the shortcut bar and on buttons (`aria-keyshortcuts` syntax). */
export const SHORTCUT_KEYS: Record<ShortcutAction, string> = {
  print: 'Control+P',
  filter: 'Control+F',
  number: 'Control+L',
  history: 'Control+H',
  templates: 'Control+E',
  settings: 'Control+,',
};

const ACTION_BY_KEY: Record<string, ShortcutAction> = {
  p: 'print',
  f: 'filter',
  l: 'number',
  h: 'history',
  e: 'templates',
  ',': 'settings',
};

/** Returns the action of a keydown, or null. Shortcuts are Ctrl (or Cmd on macOS) with one key, without Alt or Shift. */
export function shortcutFor(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>,
): ShortcutAction | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) {
    return null;
  }
  return ACTION_BY_KEY[event.key.toLowerCase()] ?? null;
}

/** Checks whether keys typed at `target` go into a text field, where a scanner burst is text rather than a scan. */
export function isEditableTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) {
    return false;
  }
  if (target.isContentEditable) {
    return true;
  }
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) {
    return true;
  }
  if (target instanceof HTMLInputElement) {
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(
      target.type,
    );
  }
  return false;
}
