/**
 * Puts text on the clipboard. `navigator.clipboard` needs a secure context — Electron's page and
 * browser mode on http://127.0.0.1 both are one — and the page's focus; where it is missing or
 * refused, the old select-and-copy way is tried before giving up with the browser's reason.
 */
export async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    try {
      await navigator.clipboard.writeText(text);
      return;
    } catch (err) {
      if (legacyCopy(text)) return;
      throw err;
    }
  }
  if (!legacyCopy(text)) throw new Error('the clipboard is not available here');
}

function legacyCopy(text: string): boolean {
  const previous = document.activeElement as HTMLElement | null;
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  previous?.focus();
  return ok;
}
