/**
 * Tiny in-page signal that the library changed (an article saved, trashed, created), so lists
 * refresh without the components knowing about each other.
 */
const LIBRARY_CHANGED = 'copydesk:library-changed';

export function announceLibraryChange(): void {
  window.dispatchEvent(new Event(LIBRARY_CHANGED));
}

export function onLibraryChange(listener: () => void): () => void {
  window.addEventListener(LIBRARY_CHANGED, listener);
  return () => window.removeEventListener(LIBRARY_CHANGED, listener);
}
