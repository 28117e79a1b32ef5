import { useEffect, useRef, useState } from 'react';
import { call } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { blocksOf } from '../../../../core/content/plain-text';
import type { SerializedEditorState } from '../../../../core/content/lexical-json';
import type { Article } from '../useAutosave';
import { DiffView } from './DiffView';

export interface ConflictDialogProps {
  articleId: number;
  updatedAt: string;
  mine: () => { title: string; blocks: string[] };
  onReloadTheirs: (theirs: Article) => Promise<void>;
  onKeepMine: (theirs: Article) => Promise<void>;
}

/**
 * Someone else (another window, the CLI) saved this article after this editor loaded it.
 * Nothing is overwritten silently: reload theirs (dropping the unsaved changes here), keep
 * mine (their version is kept as a `conflict` revision first, then mine is saved on top, so
 * both stay in the history), or compare the two first.
 */
export function ConflictDialog({ articleId, updatedAt, mine, onReloadTheirs, onKeepMine }: ConflictDialogProps) {
  const { t, locale } = useI18n();
  const [theirs, setTheirs] = useState<Article | null>(null);
  const [comparing, setComparing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    first.current?.focus();
    call('articles.get', { id: articleId }).then(setTheirs, (err: Error) => setError(err.message));
  }, [articleId, updatedAt]);

  const act = async (fn: (a: Article) => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      // Their latest, fetched now: a third save in the meantime is not missed.
      const latest = await call('articles.get', { id: articleId });
      await fn(latest);
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };

  const when = updatedAt ? new Date(updatedAt).toLocaleString(locale, { timeStyle: 'medium', dateStyle: 'short' }) : '';
  const own = mine();
  return (
    <div className="modal-backdrop">
      <div className="modal conflict-dialog" role="alertdialog" aria-modal="true" aria-labelledby="conflict-title" aria-describedby="conflict-text" data-testid="conflict-dialog">
        <h2 id="conflict-title">{t('conflict.title')}</h2>
        <p id="conflict-text">{t('conflict.text', { when })}</p>
        {error && <p className="field-error" role="alert">{error}</p>}
        <div className="ed-dialog-actions">
          <button ref={first} type="button" disabled={busy || !theirs} onClick={() => void act(onReloadTheirs)}>{t('conflict.reloadTheirs')}</button>
          <button type="button" className="primary" disabled={busy || !theirs} onClick={() => void act(onKeepMine)}>{t('conflict.keepMine')}</button>
          <button type="button" disabled={!theirs} aria-pressed={comparing} onClick={() => setComparing((c) => !c)}>{t('conflict.compare')}</button>
        </div>
        <p className="muted small">{t('conflict.explain')}</p>
        {comparing && theirs && (
          <DiffView
            before={{ label: t('conflict.theirs'), title: theirs.title, blocks: blocksOf(theirs.body as SerializedEditorState) }}
            after={{ label: t('conflict.mine'), title: own.title, blocks: own.blocks }}
          />
        )}
      </div>
    </div>
  );
}
