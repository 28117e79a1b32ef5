import { transport } from '../api/client';

export type SaveOutcome =
  | { kind: 'saved'; path: string }
  | { kind: 'downloaded'; name: string }
  | { kind: 'cancelled' };

const FILTERS: Record<string, { name: string; extensions: string[] }> = {
  html: { name: 'HTML', extensions: ['html', 'htm'] },
  md: { name: 'Markdown', extensions: ['md', 'markdown'] },
  txt: { name: 'Text', extensions: ['txt'] },
};

/**
 * Saves text as a file the person names: Electron asks the host for its native save dialog
 * (the page never names a path), browser mode hands the browser a download.
 */
export async function saveTextFile(file: { name: string; content: string; mimeType: string }): Promise<SaveOutcome> {
  const bridge = window.copydesk;
  if (transport === 'electron' && bridge) {
    const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
    const filter = FILTERS[ext];
    const result = await bridge.host('file.saveAs', {
      suggestedName: file.name,
      content: file.content,
      ...(filter ? { filters: [filter, { name: 'All files', extensions: ['*'] }] } : {}),
    });
    if (!result.ok) throw new Error(result.error.message);
    return result.data.saved && result.data.path ? { kind: 'saved', path: result.data.path } : { kind: 'cancelled' };
  }
  download(file.name, new Blob([file.content], { type: file.mimeType }));
  return { kind: 'downloaded', name: file.name };
}

function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own copy once started; the URL only has to outlive this turn.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
