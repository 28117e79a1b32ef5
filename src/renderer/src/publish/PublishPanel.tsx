import { useCallback, useEffect, useState } from 'react';
import { call, type OutputOf } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { copyText } from './clipboard';
import { saveTextFile } from './saveFile';
import { PreviewDialog } from './PreviewDialog';
import { publishShortcutLabel } from './shortcut';
import './publish.css';

type Format = OutputOf<'export.article'>['format'];
type Status = { tone: 'info' | 'error'; text: string } | null;

/**
 * The editor's "Publish" tab: copy the article as an HTML fragment, Markdown (with front matter)
 * or plain text; save it as a file; preview the page as the site shows it. Every export is the
 * core's `export.article` of the stored article, so the latest edits are saved first.
 */
export function PublishPanel(props: { articleId: number; title: string; saveNow(): Promise<void> }) {
  const { t } = useI18n();
  const { articleId, saveNow } = props;
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<Status>(null);
  const [url, setUrl] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ html: string; url: string } | null>(null);

  /** `embedImages`: the page carries its images (data: URIs), so it shows them wherever it is opened. */
  const render = useCallback(async (format: Format, embedImages = false) => {
    await saveNow();
    const out = await call('export.article', { id: articleId, format, ...(embedImages ? { embedImages } : {}) });
    setUrl(out.url);
    return out;
  }, [articleId, saveNow]);

  useEffect(() => {
    let live = true;
    call('export.article', { id: articleId, format: 'text' })
      .then((out) => live && setUrl(out.url))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [articleId]);

  const run = async (work: () => Promise<Status>) => {
    if (busy) return;
    setBusy(true);
    setStatus({ tone: 'info', text: t('publish.working') });
    try {
      setStatus(await work());
    } catch (err) {
      setStatus({ tone: 'error', text: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const copy = (format: Format) => run(async () => {
    const out = await render(format);
    try {
      await copyText(out.content);
    } catch (err) {
      return { tone: 'error', text: t('publish.copyFailed', { reason: (err as Error).message }) };
    }
    return { tone: 'info', text: t('publish.copied', { format: t(`publish.format.${format}`), n: out.content.length }) };
  });

  const save = (format: Format) => run(async () => {
    // A page saved on its own has no assets folder beside it: its images travel inside it.
    const out = await render(format, format === 'page');
    try {
      const saved = await saveTextFile({ name: out.fileName, content: out.content, mimeType: out.mimeType });
      if (saved.kind === 'cancelled') return { tone: 'info', text: t('publish.saveCancelled') };
      return { tone: 'info', text: saved.kind === 'saved' ? t('publish.saved', { path: saved.path }) : t('publish.downloaded', { name: saved.name }) };
    } catch (err) {
      return { tone: 'error', text: t('publish.saveFailed', { reason: (err as Error).message }) };
    }
  });

  const showPreview = () => run(async () => {
    // The preview frame fetches nothing (sandboxed srcdoc): images come inside the page.
    const out = await render('page', true);
    setPreview({ html: out.content, url: out.url });
    return null;
  });

  const button = (label: string, onClick: () => void, testId: string, long?: string) => (
    <button type="button" onClick={onClick} disabled={busy} data-testid={testId} title={long}>{label}</button>
  );

  return (
    <div className="publish-panel" data-testid="publish-panel">
      {url && (
        <p className="small pub-url">
          <span className="muted">{t('publish.siteUrl')}</span>
          <code data-testid="publish-url">{url}</code>
        </p>
      )}
      <section className="pub-section">
        <h3>{t('publish.copyTitle')}</h3>
        <div className="pub-buttons" role="group" aria-label={t('publish.copyTitle')}>
          {button(t('publish.copyHtml'), () => void copy('html'), 'copy-html', t('publish.copyHtmlLong'))}
          {button(t('publish.copyMarkdown'), () => void copy('markdown'), 'copy-markdown', t('publish.copyMarkdownLong'))}
          {button(t('publish.copyText'), () => void copy('text'), 'copy-text', t('publish.copyTextLong'))}
        </div>
      </section>
      <section className="pub-section">
        <h3>{t('publish.saveTitle')}</h3>
        <div className="pub-buttons" role="group" aria-label={t('publish.saveTitle')}>
          {button(`${t('publish.savePage')}…`, () => void save('page'), 'save-page')}
          {button(`${t('publish.saveMarkdown')}…`, () => void save('markdown'), 'save-markdown')}
          {button(`${t('publish.saveText')}…`, () => void save('text'), 'save-text')}
          {button(`${t('publish.saveHtml')}…`, () => void save('html'), 'save-html')}
        </div>
      </section>
      <section className="pub-section">
        <h3>{t('publish.previewTitle')}</h3>
        <button type="button" className="primary" onClick={() => void showPreview()} disabled={busy} data-testid="preview-open">
          {t('publish.preview')}
        </button>
      </section>
      <p className={`pub-status small ${status?.tone === 'error' ? 'error' : 'muted'}`} role="status" aria-live="polite" data-testid="publish-status">
        {status?.text ?? ''}
      </p>
      <p className="muted small">{t('publish.shortcutHint', { keys: publishShortcutLabel() })}</p>
      {preview && <PreviewDialog title={props.title} html={preview.html} url={preview.url} onClose={() => setPreview(null)} />}
    </div>
  );
}
