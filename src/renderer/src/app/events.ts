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

/**
 * The same signal, at most once per `intervalMs`: the first change is passed on at once (the
 * list answers a click immediately) and a burst after it becomes one more call at the end.
 * Autosave announces every save while someone types; a list of 100,000 articles and the
 * taxonomy counts need not be re-read that often.
 */
export function onLibraryChangeThrottled(listener: () => void, intervalMs: number): () => void {
  let last = 0;
  let timer: number | undefined;
  const off = onLibraryChange(() => {
    const wait = last + intervalMs - Date.now();
    if (wait <= 0) {
      last = Date.now();
      listener();
    } else if (timer === undefined) {
      timer = window.setTimeout(() => {
        timer = undefined;
        last = Date.now();
        listener();
      }, wait);
    }
  });
  return () => {
    off();
    if (timer !== undefined) window.clearTimeout(timer);
  };
}
