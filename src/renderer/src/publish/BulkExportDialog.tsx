import { useEffect, useId, useRef, useState } from 'react';
import { call, transport, type OutputOf } from '../api/client';
import { Dialog } from '../app/Dialog';
import { useToast } from '../app/toasts';
import { useI18n } from '../i18n/i18n';
import './publish.css';

type Summary = OutputOf<'export.folder'>;
type Format = 'both' | 'html' | 'md';
type Phase = { kind: 'form' } | { kind: 'running'; startedAt: number; count: number } | { kind: 'done'; summary: Summary };

const LAST_FOLDER = 'copydesk.export.folder';
const LAST_FORMAT = 'copydesk.export.format';
/** The core's rule for an export folder: absolute, POSIX or Windows. */
const ABSOLUTE = /^(?:\/|[A-Za-z]:[\\/]|\\\\)/;

/**
 * Export articles to a folder on this machine: the selection or the whole library, as pages,
 * Markdown or both. The core writes the folder (incrementally: only what changed since the last
 * export there), so browser mode takes a typed path and Electron also offers its folder picker.
 * `export.folder` is one call: while it runs the dialog shows that it is working and for how
 * long; closing the dialog lets it finish and a notice reports the result.
 */
export function BulkExportDialog(props: { ids: number[]; onClose(): void }) {
  const { t } = useI18n();
  const toast = useToast();
  const hasSelection = props.ids.length > 0;
  const [scope, setScope] = useState<'selected' | 'all'>(hasSelection ? 'selected' : 'all');
  const [format, setFormat] = useState<Format>(() => (localStorage.getItem(LAST_FORMAT) as Format | null) ?? 'both');
  const [folder, setFolder] = useState(() => localStorage.getItem(LAST_FOLDER) ?? '');
  // Never remembered: exporting drafts is a choice made each time.
  const [includeDrafts, setIncludeDrafts] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'form' });
  const [now, setNow] = useState(() => Date.now());
  const open = useRef(true);
  const folderId = useId();
  const hintId = useId();
  const draftsHintId = useId();

  useEffect(() => () => {
    open.current = false;
  }, []);
  useEffect(() => {
    if (phase.kind !== 'running') return;
    const timer = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(timer);
  }, [phase.kind]);

  const pickFolder = async () => {
    const result = await window.copydesk?.host('folder.pick', { title: t('export.folder') });
    if (!result) return;
    if (!result.ok) setError(result.error.message);
    else if (result.data.path) {
      setFolder(result.data.path);
      setError(null);
    }
  };

  const start = async () => {
    const outDir = folder.trim();
    if (!outDir) return setError(t('export.folderRequired'));
    if (!ABSOLUTE.test(outDir)) return setError(t('export.folderAbsolute'));
    setError(null);
    localStorage.setItem(LAST_FOLDER, outDir);
    localStorage.setItem(LAST_FORMAT, format);
    const count = scope === 'selected' ? props.ids.length : 0;
    setPhase({ kind: 'running', startedAt: Date.now(), count });
    setNow(Date.now());
    try {
      const which = scope === 'selected' ? { ids: props.ids } : { all: true };
      const summary = await call('export.folder', { outDir, format, ...which, ...(includeDrafts ? { includeDrafts: true } : {}) });
      if (open.current) setPhase({ kind: 'done', summary });
      else toast({ message: t('export.toast', { dir: summary.outDir, written: summary.written, unchanged: summary.unchanged, removed: summary.removed.length }), timeoutMs: 12_000 });
    } catch (err) {
      if (open.current) {
        setError((err as Error).message);
        setPhase({ kind: 'form' });
      } else toast({ message: (err as Error).message, tone: 'error' });
    }
  };

  const footer = phase.kind === 'form' ? (
    <>
      <button type="button" onClick={props.onClose}>{t('common.cancel')}</button>
      <button type="button" className="primary" onClick={() => void start()} data-testid="export-start">{t('export.start')}</button>
    </>
  ) : phase.kind === 'running' ? (
    <button type="button" onClick={props.onClose}>{t('common.close')}</button>
  ) : (
    <>
      <button type="button" onClick={() => setPhase({ kind: 'form' })}>{t('export.again')}</button>
      <button type="button" className="primary" onClick={props.onClose} autoFocus>{t('common.close')}</button>
    </>
  );

  return (
    <Dialog title={phase.kind === 'done' ? t('export.done') : t('export.title')} onClose={props.onClose} className="export-dialog" testId="export-dialog" footer={footer}>
      {phase.kind === 'form' && (
        <form onSubmit={(e) => { e.preventDefault(); void start(); }}>
          <fieldset>
            <legend>{t('export.scope')}</legend>
            {hasSelection && (
              <label className="radio">
                <input type="radio" name="scope" checked={scope === 'selected'} onChange={() => setScope('selected')} />
                {t('export.scopeSelected', { n: props.ids.length })}
              </label>
            )}
            <label className="radio">
              <input type="radio" name="scope" checked={scope === 'all'} onChange={() => setScope('all')} data-testid="export-scope-all" />
              {t('export.scopeAll')}
            </label>
            <label className="checkbox">
              <input type="checkbox" checked={includeDrafts} onChange={(e) => setIncludeDrafts(e.target.checked)} aria-describedby={draftsHintId} data-testid="export-drafts" />
              {t('export.drafts')}
            </label>
            <p id={draftsHintId} className="muted small hint">{t('export.draftsHint')}</p>
          </fieldset>
          <fieldset>
            <legend>{t('export.format')}</legend>
            {(['both', 'html', 'md'] as const).map((f) => (
              <label key={f} className="radio">
                <input type="radio" name="format" value={f} checked={format === f} onChange={() => setFormat(f)} data-testid={`export-format-${f}`} />
                {t(`export.format.${f}`)}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor={folderId}>{t('export.folder')}</label>
            <div className="folder-row">
              <input
                id={folderId}
                type="text"
                value={folder}
                spellCheck={false}
                autoComplete="off"
                placeholder={transport === 'electron' ? t('export.folderNone') : '/home/…/site'}
                aria-describedby={hintId}
                aria-invalid={error ? true : undefined}
                onChange={(e) => {
                  setFolder(e.target.value);
                  setError(null);
                }}
                data-testid="export-folder"
                autoFocus
              />
              {transport === 'electron' && (
                <button type="button" onClick={() => void pickFolder()}>{t('export.folderPick')}</button>
              )}
            </div>
            <p id={hintId} className="muted small hint">{t('export.folderHint')}</p>
          </div>
        </form>
      )}
      {phase.kind === 'running' && (
        <div className="progress-block" data-testid="export-running">
          <p>{phase.count ? t('export.running', { n: phase.count }) : t('export.title')}</p>
          <progress aria-label={t('export.title')} />
          <p className="muted small" aria-live="off">{t('export.elapsed', { s: Math.floor((now - phase.startedAt) / 1000) })}</p>
          <p className="muted small">{t('export.runningNote')}</p>
        </div>
      )}
      {phase.kind === 'done' && <ExportResult summary={phase.summary} />}
      {error && <p role="alert" className="error" data-testid="export-error">{error}</p>}
    </Dialog>
  );
}

function ExportResult({ summary }: { summary: Summary }) {
  const { t, locale } = useI18n();
  const nf = new Intl.NumberFormat(locale);
  const count = (label: string, n: number, testId: string, bad = false) => (
    <li className={bad && n > 0 ? 'bad' : ''} data-testid={testId}>
      <span className="n">{nf.format(n)}</span>
      <span className="label">{label}</span>
    </li>
  );
  return (
    <div data-testid="export-result" role="status">
      <p className="small">{t('export.where', { dir: summary.outDir })}</p>
      <ul className="result-counts">
        {count(t('export.written'), summary.written, 'export-written')}
        {count(t('export.unchanged'), summary.unchanged, 'export-unchanged')}
        {count(t('export.removed'), summary.removed.length, 'export-removed')}
        {count(t('export.failed'), summary.failed.length, 'export-failed', true)}
      </ul>
      <p className="muted small">
        {t('export.articles')}: {nf.format(summary.articles)} · {t('export.files')}: {nf.format(summary.files)} · {t('export.indexPages')}: {nf.format(summary.indexPages)} · {t('export.assets')}: {nf.format(summary.assets.written)}
        {' · '}{t('export.doneIn', { s: (summary.durationMs / 1000).toFixed(1) })}
      </p>
      {summary.failed.length > 0 && (
        <>
          <h3 className="small">{t('export.failedList')}</h3>
          <ul className="result-list">{summary.failed.map((f) => <li key={f.id}>{f.title || `#${f.id}`}: {f.error}</li>)}</ul>
        </>
      )}
      {summary.removed.length > 0 && (
        <>
          <h3 className="small">{t('export.removedList')}</h3>
          <ul className="result-list">{summary.removed.map((r) => <li key={r.id}>{r.title || `#${r.id}`} <span className="muted small">({r.files.join(', ')})</span></li>)}</ul>
        </>
      )}
      {summary.notices.length > 0 && (
        <>
          <h3 className="small">{t('export.notices')}</h3>
          <ul className="result-list" data-testid="export-notices">
            {summary.notices.map((n) => (
              <li key={n.code} data-code={n.code}>{t(`export.notice.${n.code}`, { ...n.params, ...(typeof n.params.count === 'number' ? { n: n.params.count } : {}) })}</li>
            ))}
          </ul>
        </>
      )}
      {summary.warnings.length > 0 && (
        <>
          <h3 className="small">{t('export.warnings')}</h3>
          <ul className="result-list">{summary.warnings.map((w, i) => <li key={i}>{w}</li>)}</ul>
        </>
      )}
    </div>
  );
}
