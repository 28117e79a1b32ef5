import { articleWindowUrl } from '../api/client';

/**
 * An article in a window of its own: Electron's shell opens a real window; browser mode opens
 * a tab on the same page (the token travels in the URL, as at launch).
 */
export async function openArticleWindow(id: number): Promise<void> {
  if (window.copydesk) {
    const result = await window.copydesk.host('window.openArticle', { id });
    if (!result.ok) throw new Error(result.error.message);
    return;
  }
  window.open(articleWindowUrl(id), '_blank', 'noopener');
}
