import { useCallback, useEffect, useState } from 'react';
import { call, type OutputOf } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { onLibraryChange, announceLibraryChange } from '../app/events';
import { navigate } from '../app/route';

type Summary = OutputOf<'articles.list'>['items'][number];

/** The article list: title, status, category and last update; trash view with restore. */
export function LibraryList({ selectedId }: { selectedId: number | null }) {
  const { t, locale } = useI18n();
  const [trashed, setTrashed] = useState(false);
  const [items, setItems] = useState<Summary[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const page = await call('articles.list', { pageSize: 200, sort: 'updated', order: 'desc', trashed });
      setItems(page.items);
      setTotal(page.total);
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  }, [trashed]);

  useEffect(() => {
    void load();
    return onLibraryChange(() => void load());
  }, [load]);

  const act = async (op: 'articles.trash' | 'articles.restore' | 'articles.deleteForever', id: number) => {
    try {
      await call(op, { id });
      announceLibraryChange();
    } catch (err) {
      setError((err as Error).message);
    }
  };

  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <nav className="library" aria-label={t('library.title')}>
      <div className="library-tabs" role="tablist">
        <button role="tab" aria-selected={!trashed} onClick={() => setTrashed(false)}>{t('library.articles')}</button>
        <button role="tab" aria-selected={trashed} onClick={() => setTrashed(true)}>{t('library.trash')}</button>
      </div>
      {error && <p role="alert" className="error">{error}</p>}
      {items === null ? (
        <p className="muted">{t('app.loading')}</p>
      ) : items.length === 0 ? (
        <p className="muted">{trashed ? '—' : t('library.empty')}</p>
      ) : (
        <>
          <p className="muted small">{t('library.count', { n: total })}</p>
          <ul className="article-list" data-testid="article-list">
            {items.map((a) => (
              <li key={a.id} className={a.id === selectedId ? 'selected' : ''} data-article-id={a.id}>
                {trashed ? (
                  <span className="article-title">{a.title || t('library.untitled')}</span>
                ) : (
                  <a className="article-title" href={`#/article/${a.id}`} onClick={(e) => { e.preventDefault(); navigate(`#/article/${a.id}`); }}>
                    {a.title || t('library.untitled')}
                  </a>
                )}
                <span className={`status status-${a.status}`}>{t(`status.${a.status}`)}</span>
                <span className="category">{a.categoryPath.join(' › ') || t('library.uncategorised')}</span>
                <time dateTime={a.updatedAt}>{date.format(new Date(a.updatedAt))}</time>
                <span className="row-actions">
                  {trashed ? (
                    <>
                      <button onClick={() => act('articles.restore', a.id)}>{t('library.restore')}</button>
                      <button className="danger" onClick={() => act('articles.deleteForever', a.id)}>{t('library.deleteForever')}</button>
                    </>
                  ) : (
                    <button aria-label={`${t('library.moveToTrash')}: ${a.title}`} onClick={() => act('articles.trash', a.id)}>{t('library.moveToTrash')}</button>
                  )}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </nav>
  );
}
