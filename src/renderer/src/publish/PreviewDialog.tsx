import { Dialog } from '../app/Dialog';
import { useI18n } from '../i18n/i18n';

/**
 * The article page as the site will show it, in a frame that can run nothing: `sandbox=""`
 * gives the page a unique origin with scripts, forms, popups and top navigation all off, and
 * `srcdoc` means nothing is fetched to show it. The export is already free of scripts; this is
 * the second lock, for whatever a future template might hold.
 */
export function PreviewDialog(props: { title: string; html: string; url: string; onClose(): void }) {
  const { t } = useI18n();
  return (
    <Dialog
      title={t('publish.previewDialog', { title: props.title || t('library.untitled') })}
      onClose={props.onClose}
      className="preview-dialog"
      testId="preview-dialog"
      footer={<button type="button" className="primary" onClick={props.onClose} autoFocus>{t('common.close')}</button>}
    >
      <p className="muted small preview-url">
        <span>{t('publish.siteUrl')}: </span>
        <code>{props.url}</code>
      </p>
      <iframe className="preview-frame" title={t('publish.previewFrame')} sandbox="" srcDoc={props.html} referrerPolicy="no-referrer" data-testid="preview-frame" />
      <p className="muted small">{t('publish.previewHint')}</p>
    </Dialog>
  );
}
