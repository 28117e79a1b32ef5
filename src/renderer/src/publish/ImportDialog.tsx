import { useEffect, useRef, useState } from 'react';
import { call, transport, type OutputOf } from '../api/client';
import { Dialog } from '../app/Dialog';
import { announceLibraryChange } from '../app/events';
import { navigate } from '../app/route';
import { useI18n } from '../i18n/i18n';
import { decodeText } from './decodeText';
import { phraseImportNote } from './importNotes';
import './publish.css';

type Report = OutputOf<'import.content'>;
type Line = Report['items'][number];

/** A file the person picked, read only when its turn comes. */
interface Picked {
  name: string;
  size: number;
  read(): Promise<Uint8Array>;
}

type Phase =
  | { kind: 'pick' }
  | { kind: 'running'; done: number; total: number; name: string }
  | { kind: 'done'; report: Report; stopped: { done: number; total: number } | null };

/** What the core imports (same list as its folder import), and its upload ceiling. */
const IMPORTABLE = /\.(md|markdown|mdown|mkd|html?|xhtml|txt|xml|wxr)$/i;
const ACCEPT = '.md,.markdown,.mdown,.mkd,.html,.htm,.xhtml,.txt,.xml,.wxr';
const MAX_BYTES = 20_000_000;
/** A WordPress export can report thousands of lines; the table shows this many. */
const MAX_ROWS = 1_000;


const emptyReport = (): Report => ({ counts: { imported: 0, updated: 0, skipped: 0, failed: 0 }, items: [], relatedLinks: 0 });

function merge(into: Report, add: Report): Report {
  return {
    counts: {
      imported: into.counts.imported + add.counts.imported,
      updated: into.counts.updated + add.counts.updated,
      skipped: into.counts.skipped + add.counts.skipped,
      failed: into.counts.failed + add.counts.failed,
    },
    items: [...into.items, ...add.items],
    relatedLinks: into.relatedLinks + add.relatedLinks,
  };
}

/** A file that never reached the core: its reason is already phrased in the interface's language. */
const failedLine = (file: string, message: string): Report => ({
  counts: { imported: 0, updated: 0, skipped: 0, failed: 1 },
  items: [{ file, status: 'failed', reason: { code: 'error', params: { message } } }],
  relatedLinks: 0,
});

/** A folder gives every file under it: keep what Copydesk imports, as the core's folder import does. */
function fromFolder(files: File[]): Picked[] {
  return files
    .map((f) => ({ f, name: f.webkitRelativePath || f.name }))
    .filter(({ name }) => IMPORTABLE.test(name) && !name.split('/').some((part) => part.startsWith('.') || part === 'node_modules'))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map(({ f, name }) => ({ name, size: f.size, read: async () => new Uint8Array(await f.arrayBuffer()) }));
}

/**
 * Import articles: pick files (or a folder), each goes through `import.content` as its name and
 * text — the relative path as the name when a folder was picked, so a second import of the same
 * folder updates instead of duplicating. Progress is counted in files; at the end, the report
 * line by line (imported, updated, skipped, failed and why), and the library refreshes.
 * Electron picks files in its native dialog (the host hands over their bytes, never a path).
 */
export function ImportDialog(props: { onClose(): void }) {
  const { t } = useI18n();
  const [phase, setPhase] = useState<Phase>({ kind: 'pick' });
  const [error, setError] = useState<string | null>(null);
  const stop = useRef(false);
  const open = useRef(true);
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  useEffect(() => () => {
    open.current = false;
  }, []);

  const run = async (picked: Picked[]) => {
    if (picked.length === 0) return setError(t('import.nothing'));
    setError(null);
    stop.current = false;
    let report = emptyReport();
    let done = 0;
    for (const file of picked) {
      if (stop.current || !open.current) break;
      setPhase({ kind: 'running', done: done + 1, total: picked.length, name: file.name });
      try {
        if (file.size > MAX_BYTES) report = merge(report, failedLine(file.name, t('import.tooLarge')));
        else {
          let content: string;
          try {
            content = decodeText(await file.read());
          } catch (err) {
            report = merge(report, failedLine(file.name, t('import.unreadable', { reason: (err as Error).message })));
            done++;
            continue;
          }
          report = merge(report, await call('import.content', { name: file.name, content }));
        }
      } catch (err) {
        // One bad file never stops the rest.
        report = merge(report, failedLine(file.name, (err as Error).message));
      }
      done++;
    }
    announceLibraryChange();
    if (open.current) setPhase({ kind: 'done', report, stopped: done < picked.length ? { done, total: picked.length } : null });
  };

  const chooseFiles = async () => {
    setError(null);
    const bridge = window.copydesk;
    if (transport === 'electron' && bridge) {
      const result = await bridge.host('file.open', {
        multiple: true,
        filters: [{ name: 'Markdown, HTML, text, WordPress (WXR)', extensions: ACCEPT.split(',').map((e) => e.slice(1)) }, { name: 'All files', extensions: ['*'] }],
      });
      if (!result.ok) return setError(result.error.message);
      if (result.data.files.length === 0) return;
      void run(result.data.files.map((f) => ({ name: f.name, size: f.bytes, read: async () => f.content })));
      return;
    }
    filesInput.current?.click();
  };

  const running = phase.kind === 'running';
  const footer = phase.kind === 'running' ? (
    <button type="button" onClick={() => { stop.current = true; }} data-testid="import-stop">{t('import.stop')}</button>
  ) : phase.kind === 'done' ? (
    <>
      <button type="button" onClick={() => setPhase({ kind: 'pick' })}>{t('import.more')}</button>
      <button type="button" className="primary" onClick={props.onClose} autoFocus data-testid="import-close">{t('common.close')}</button>
    </>
  ) : (
    <button type="button" onClick={props.onClose}>{t('common.cancel')}</button>
  );

  return (
    <Dialog
      title={phase.kind === 'done' ? t('import.doneTitle') : t('import.title')}
      onClose={() => {
        if (running) stop.current = true;
        props.onClose();
      }}
      className="import-dialog"
      testId="import-dialog"
      footer={footer}
    >
      {/* Always mounted (and hidden): the pickers behind the buttons, and what a test fills in. */}
      <input
        ref={filesInput}
        type="file"
        multiple
        accept={ACCEPT}
        hidden
        aria-label={t('import.filesLabel')}
        data-testid="import-files-input"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          void run(files.map((f) => ({ name: f.name, size: f.size, read: async () => new Uint8Array(await f.arrayBuffer()) })));
        }}
      />
      <input
        ref={folderInput}
        type="file"
        multiple
        hidden
        aria-label={t('import.folderLabel')}
        data-testid="import-folder-input"
        {...{ webkitdirectory: '' }}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          void run(fromFolder(files));
        }}
      />
      {phase.kind === 'pick' && (
        <>
          <p className="hint">{t('import.intro')}</p>
          <div className="pick-row">
            <button type="button" className="primary" onClick={() => void chooseFiles()} data-testid="import-choose-files" autoFocus>{t('import.chooseFiles')}</button>
            <button type="button" onClick={() => folderInput.current?.click()} data-testid="import-choose-folder">{t('import.chooseFolder')}</button>
          </div>
        </>
      )}
      {phase.kind === 'running' && (
        <div className="progress-block" data-testid="import-running">
          <p aria-live="polite">{t('import.progress', { done: phase.done, total: phase.total, name: phase.name })}</p>
          <progress max={phase.total} value={phase.done - 1} aria-label={t('import.title')} />
        </div>
      )}
      {phase.kind === 'done' && <ImportResult report={phase.report} stopped={phase.stopped} onOpen={props.onClose} />}
      {error && <p role="alert" className="error">{error}</p>}
    </Dialog>
  );
}

function ImportResult({ report, stopped, onOpen }: { report: Report; stopped: { done: number; total: number } | null; onOpen(): void }) {
  const { t, locale } = useI18n();
  const nf = new Intl.NumberFormat(locale);
  const c = report.counts;
  const count = (status: keyof Report['counts'], bad = false) => (
    <li className={bad && c[status] > 0 ? 'bad' : ''} data-testid={`import-count-${status}`}>
      <span className="n">{nf.format(c[status])}</span>
      <span className="label">{t(`import.status.${status}`)}</span>
    </li>
  );
  const shown = report.items.slice(0, MAX_ROWS);
  return (
    <div data-testid="import-result">
      <p role="status" className="small" data-testid="import-summary">
        {stopped ? `${t('import.stopped', stopped)} ` : ''}
        {t('import.summary', c)}
      </p>
      <ul className="result-counts">
        {count('imported')}
        {count('updated')}
        {count('skipped')}
        {count('failed', true)}
      </ul>
      {report.relatedLinks > 0 && <p className="muted small">{t('import.relatedLinks', { n: report.relatedLinks })}</p>}
      {shown.length > 0 && (
        <div className="import-table-wrap">
          <table className="import-table" data-testid="import-report">
            {/* Fixed columns: a long file name or unbreakable note cannot squeeze the notes column. */}
            <colgroup>
              <col className="col-status" />
              <col className="col-item" />
              <col className="col-reason" />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">{t('import.column.status')}</th>
                <th scope="col">{t('import.column.item')}</th>
                <th scope="col">{t('import.column.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((line, i) => <ReportRow key={i} line={line} onOpen={onOpen} />)}
            </tbody>
          </table>
        </div>
      )}
      {report.items.length > shown.length && <p className="muted small">{t('import.moreRows', { n: report.items.length - shown.length })}</p>}
    </div>
  );
}

function ReportRow({ line, onOpen }: { line: Line; onOpen(): void }) {
  const { t } = useI18n();
  const label = line.title || line.item || line.file;
  const canOpen = line.articleId !== undefined && line.status !== 'failed';
  return (
    <tr data-status={line.status}>
      <td><span className={`import-status import-status-${line.status}`}>{t(`import.status.${line.status}`)}</span></td>
      <td>
        {canOpen ? (
          <a href={`#/article/${line.articleId}`} onClick={(e) => { e.preventDefault(); onOpen(); navigate(`#/article/${line.articleId}`); }}>{label}</a>
        ) : label}
        {label !== line.file && <span className="file">{line.file}{line.item && line.item !== label ? ` · ${line.item}` : ''}</span>}
      </td>
      <td className="reason">
        {line.reason ? phraseImportNote(line.reason, t) : ''}
        {line.notes?.length ? (
          <ul className="import-notes">{line.notes.map((note, i) => <li key={i}>{phraseImportNote(note, t)}</li>)}</ul>
        ) : null}
      </td>
    </tr>
  );
}
