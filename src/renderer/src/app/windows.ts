import { articleWindowUrl } from '../api/client';

/**
 * An article in a window of its own: Electron's shell opens a real window; browser mode opens
 * a tab on the same page (its session cookie signs it in; no token in the URL).
 */
export async function openArticleWindow(id: number): Promise<void> {
  if (window.copydesk) {
    const result = await window.copydesk.host('window.openArticle', { id });
    if (!result.ok) throw new Error(result.error.message);
    return;
  }
  window.open(articleWindowUrl(id), '_blank', 'noopener');
}
