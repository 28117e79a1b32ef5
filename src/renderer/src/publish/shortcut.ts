/**
 * Ctrl+Shift+E (⌘⇧E on macOS) opens the editor's Publish tab. Matched by the physical key, like
 * the editor's own shortcuts, so a keyboard layout or an IME's full-width mode changes nothing.
 */
const isApple = () =>
  window.copydesk?.platform === 'darwin' || /Mac|iPhone|iPad/.test(navigator.platform);

export function publishShortcutLabel(): string {
  return isApple() ? '⌘⇧E' : 'Ctrl+Shift+E';
}

export function isPublishShortcut(e: KeyboardEvent): boolean {
  const mod = isApple() ? e.metaKey : e.ctrlKey;
  const other = isApple() ? e.ctrlKey : e.metaKey;
  return e.code === 'KeyE' && mod && !other && e.shiftKey && !e.altKey && !e.isComposing;
}

/** Listens on the window while an article is open; returns the unsubscribe function. */
export function onPublishShortcut(open: () => void): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (!isPublishShortcut(e)) return;
    e.preventDefault();
    open();
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}
