import { useCallback, useEffect, useState, type RefObject } from 'react';
import { call, type OutputOf } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { phraseNote } from '../../i18n/errors';
import { blocksOf } from '../../../../core/content/plain-text';
import type { SerializedEditorState } from '../../../../core/content/lexical-json';
import { DiffView } from './DiffView';

type Revision = OutputOf<'revisions.list'>[number];
type RevisionFull = OutputOf<'revisions.get'>;

export interface HistoryPanelProps {
  articleId: number;
  /** Changes whenever the library's copy changed (after saves), so the list refreshes. */
  version: number;
  current: () => { title: string; blocks: string[] };
  onRestore: (revisionId: number) => Promise<void>;
  onSaveVersion: (label: string) => Promise<void>;
  /** The version-label field, focused by Ctrl+Shift+S. */
  labelRef?: RefObject<HTMLInputElement | null>;
}

const REASON_KEYS: Record<Revision['reason'], MessageKey> = {
  created: 'history.reason.created', periodic: 'history.reason.periodic', status: 'history.reason.status',
  manual: 'history.reason.manual', restore: 'history.reason.restore', conflict: 'history.reason.conflict',
};

/**
 * Revisions of the article, newest first: snapshots at most every ten minutes of editing, at
 * each status change, before a restore, on a conflict, and named versions saved here. Choosing
 * one shows what changed between it and the text in the editor; restoring makes it the current
 * text (the core keeps the replaced text as a revision too, so a restore is itself undoable).
 */
export function HistoryPanel({ articleId, version, current, onRestore, onSaveVersion, labelRef }: HistoryPanelProps) {
  const { t, locale } = useI18n();
  const [revisions, setRevisions] = useState<Revision[] | null>(null);
  const [selected, setSelected] = useState<RevisionFull | null>(null);
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setRevisions(await call('revisions.list', { articleId }));
    } catch (err) {
      setError((err as Error).message);
    }
  }, [articleId]);

  useEffect(() => {
    void load();
  }, [load, version]);

  const open = async (id: number) => {
    setError(null);
    try {
      setSelected(await call('revisions.get', { id }));
    } catch (err) {
      setError((err as Error).message);
    }
  };

  const time = (iso: string) => new Date(iso).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const now = current();

  return (
    <div className="history-panel" data-testid="history-panel">
      <form
        className="save-version"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            await onSaveVersion(label.trim());
            setLabel('');
            await load();
          } catch (err) {
            setError((err as Error).message);
          } finally {
            setBusy(false);
          }
        }}
      >
        <input ref={labelRef} aria-label={t('history.versionLabel')} placeholder={t('history.versionLabel')} value={label} maxLength={200} onChange={(e) => setLabel(e.target.value)} />
        <button type="submit" disabled={busy}>{t('history.saveVersion')}</button>
      </form>
      {error && <p className="field-error" role="alert">{error}</p>}
      <ol className="revision-list">
        {(revisions ?? []).map((r) => (
          <li key={r.id} className={selected?.id === r.id ? 'selected' : ''}>
            <button type="button" className="revision" onClick={() => void open(r.id)} aria-pressed={selected?.id === r.id} data-testid="revision">
              <span className="revision-reason">{t(REASON_KEYS[r.reason])}{r.label ? `${t('common.colon')}${(r.note && phraseNote(r.note, t)) ?? r.label}` : ''}</span>
              <span className="muted small">{time(r.createdAt)} · v{r.version}</span>
            </button>
          </li>
        ))}
        {revisions?.length === 0 && <li className="muted small">{t('history.none')}</li>}
      </ol>
      {selected && (
        <div className="revision-detail">
          <div className="revision-actions">
            <strong>{t(REASON_KEYS[selected.reason])} · {time(selected.createdAt)}</strong>
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                setError(null);
                try {
                  await onRestore(selected.id);
                  setSelected(null);
                  await load();
                } catch (err) {
                  setError((err as Error).message);
                } finally {
                  setBusy(false);
                }
              }}
            >
              {t('history.restore')}
            </button>
          </div>
          <DiffView
            before={{ label: t('history.thisRevision'), title: selected.title, blocks: blocksOf(selected.body as SerializedEditorState) }}
            after={{ label: t('history.currentText'), title: now.title, blocks: now.blocks }}
          />
        </div>
      )}
    </div>
  );
}
