/**
 * Every editor action with its keyboard shortcut, in one table: the keyboard plugin matches
 * keys against it and the toolbar writes its tooltips from it, so a tooltip can never name a
 * shortcut that does not work. Keys are matched by `event.code` (the physical key), so Shift+7
 * is the same key on every layout and an IME's full-width mode changes nothing.
 */
export type ActionId =
  | 'bold' | 'italic' | 'underline' | 'strikethrough' | 'code' | 'clearFormat'
  | 'link' | 'articleLink'
  | 'paragraph' | 'h2' | 'h3' | 'h4' | 'quote' | 'bullet' | 'number' | 'codeBlock'
  | 'indent' | 'outdent'
  | 'hr' | 'image' | 'table' | 'insertMenu'
  | 'rowAbove' | 'rowBelow' | 'colLeft' | 'colRight' | 'deleteRow' | 'deleteCol' | 'headerRow' | 'deleteTable'
  | 'undo' | 'redo' | 'plainPaste' | 'saveNow' | 'saveVersion';

export interface KeySpec {
  code: string;
  mod?: boolean;
  shift?: boolean;
  alt?: boolean;
  /** Shown instead of the code (e.g. "7" for Digit7). */
  label?: string;
}

export const SHORTCUTS: Record<ActionId, KeySpec> = {
  bold: { code: 'KeyB', mod: true },
  italic: { code: 'KeyI', mod: true },
  underline: { code: 'KeyU', mod: true },
  strikethrough: { code: 'KeyX', mod: true, shift: true },
  code: { code: 'KeyE', mod: true },
  clearFormat: { code: 'Backslash', mod: true, label: '\\' },
  link: { code: 'KeyK', mod: true },
  articleLink: { code: 'KeyK', mod: true, shift: true },
  paragraph: { code: 'Digit0', mod: true, alt: true },
  h2: { code: 'Digit2', mod: true, alt: true },
  h3: { code: 'Digit3', mod: true, alt: true },
  h4: { code: 'Digit4', mod: true, alt: true },
  quote: { code: 'KeyQ', mod: true, alt: true },
  number: { code: 'Digit7', mod: true, shift: true },
  bullet: { code: 'Digit8', mod: true, shift: true },
  codeBlock: { code: 'KeyC', mod: true, alt: true },
  indent: { code: 'Tab' },
  outdent: { code: 'Tab', shift: true },
  hr: { code: 'Minus', mod: true, alt: true, label: '-' },
  image: { code: 'KeyI', mod: true, alt: true },
  table: { code: 'KeyT', mod: true, alt: true },
  insertMenu: { code: 'Slash', mod: true, label: '/' },
  rowAbove: { code: 'ArrowUp', mod: true, alt: true, shift: true, label: '↑' },
  rowBelow: { code: 'ArrowDown', mod: true, alt: true, shift: true, label: '↓' },
  colLeft: { code: 'ArrowLeft', mod: true, alt: true, shift: true, label: '←' },
  colRight: { code: 'ArrowRight', mod: true, alt: true, shift: true, label: '→' },
  deleteRow: { code: 'Backspace', mod: true, alt: true, shift: true },
  deleteCol: { code: 'Delete', mod: true, alt: true, shift: true },
  headerRow: { code: 'KeyH', mod: true, alt: true, shift: true },
  deleteTable: { code: 'KeyX', mod: true, alt: true, shift: true },
  undo: { code: 'KeyZ', mod: true },
  redo: { code: 'KeyZ', mod: true, shift: true },
  plainPaste: { code: 'KeyV', mod: true, shift: true },
  saveNow: { code: 'KeyS', mod: true },
  saveVersion: { code: 'KeyS', mod: true, shift: true },
};

export const isApple = (): boolean =>
  (typeof window !== 'undefined' && window.copydesk?.platform === 'darwin') || /Mac|iPhone|iPad/.test(typeof navigator !== 'undefined' ? navigator.platform : '');

/** Ctrl on Windows and Linux, Cmd on macOS, as the platform's own editors do. */
export function matchesShortcut(event: KeyboardEvent, spec: KeySpec): boolean {
  const mod = isApple() ? event.metaKey : event.ctrlKey;
  const otherMod = isApple() ? event.ctrlKey : event.metaKey;
  return event.code === spec.code && mod === Boolean(spec.mod) && !otherMod
    && event.shiftKey === Boolean(spec.shift) && event.altKey === Boolean(spec.alt);
}

export function findAction(event: KeyboardEvent, only?: ReadonlySet<ActionId>): ActionId | null {
  for (const [id, spec] of Object.entries(SHORTCUTS) as Array<[ActionId, KeySpec]>) {
    if (only && !only.has(id)) continue;
    if (matchesShortcut(event, spec)) return id;
  }
  return null;
}

/** "Ctrl+Shift+7" / "⌘⇧7": what a tooltip shows. */
export function shortcutLabel(id: ActionId): string {
  const spec = SHORTCUTS[id];
  const key = spec.label ?? spec.code.replace(/^Key|^Digit/, '');
  if (isApple()) return `${spec.mod ? '⌘' : ''}${spec.alt ? '⌥' : ''}${spec.shift ? '⇧' : ''}${key}`;
  return [spec.mod && 'Ctrl', spec.alt && 'Alt', spec.shift && 'Shift', key].filter(Boolean).join('+');
}

/** A keydown that belongs to an input method (the candidate window), not to the editor. */
export function isImeKeyEvent(event: KeyboardEvent): boolean {
  return event.isComposing || event.keyCode === 229;
}
