import { useCallback, useId, useMemo, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { useToast } from '../app/toasts';
import { ArticleSummary } from './ArticleBits';
import { AddRelated } from './AddRelated';
import { CuratedList } from './CuratedList';
import { NearDuplicateList, SuggestionList } from './SuggestionList';
import { useRelated, type ListedArticle } from './useRelated';
import './related.css';

/**
 * The editor's "Related" tab: the curated 相关文章 list (reorder, remove, add by search or from
 * a suggestion), the articles the text links to, the articles that link here, and the
 * suggestions with their reasons — near-duplicates shown apart, as a warning.
 */
export function RelatedPanel({ articleId }: { articleId: number }) {
  const { t } = useI18n();
  const toast = useToast();
  const [publishedOnly, setPublishedOnly] = useState(false);
  const related = useRelated(articleId, publishedOnly);
  const [announcement, setAnnouncement] = useState('');
  const [adding, setAdding] = useState(false);
  const ids = { list: useId(), text: useId(), back: useId(), sugg: useId() };
  const { list, backlinks, suggestions } = related;
  const listed = useMemo(() => new Set(list?.links.map((l) => l.id) ?? []), [list]);

  // The live region only speaks when its text changes: a zero-width suffix makes a repeat heard.
  const announce = useCallback((text: string) => setAnnouncement((prev) => (prev === text ? `${text}\u200b` : text)), []);
  const fail = useCallback((err: unknown) => toast({ message: (err as Error).message, tone: 'error' }), [toast]);

  const add = useCallback(async (target: { id: number; title: string }, reciprocal: boolean) => {
    await related.add(target.id, reciprocal);
    const title = target.title || t('library.untitled');
    announce(t(reciprocal ? 'related.addedBoth' : 'related.added', { title }));
  }, [related, announce, t]);

  const remove = useCallback(async (link: ListedArticle) => {
    const title = link.title || t('library.untitled');
    try {
      await related.remove(link.id, false);
    } catch (err) {
      fail(err);
      return;
    }
    const message = t('related.removed', { title });
    announce(message);
    toast({
      message,
      action: {
        label: t('common.undo'),
        run: async () => {
          await related.add(link.id, false, link.position);
          announce(t('related.added', { title }));
        },
      },
    });
  }, [related, announce, toast, fail, t]);

  const reorder = useCallback((order: number[], moved: ListedArticle, position: number) => {
    announce(t('related.moved', { title: moved.title || t('library.untitled'), pos: position + 1, n: order.length }));
    related.reorder(order).catch(fail);
  }, [related, announce, fail, t]);

  if (!list && related.error) return <p role="alert" className="error">{t('related.loadFailed', { reason: related.error })}</p>;
  if (!list) return <p className="muted">{t('app.loading')}</p>;

  return (
    <div className="related-panel" data-testid="related-panel">
      <p className="visually-hidden" aria-live="polite" data-testid="related-announcer">{announcement}</p>

      <section className="rel-section" aria-labelledby={ids.list}>
        <h3 id={ids.list}>
          {t('related.listTitle')} <span className="muted small rel-count">{t('related.count', { n: list.links.length })}</span>
        </h3>
        {list.notLive > 0 && <p className="rel-warning small" data-testid="related-not-live">{t('related.notLive', { n: list.notLive })}</p>}
        <CuratedList links={list.links} onReorder={reorder} onRemove={(l) => void remove(l)} />
        <details className="rel-add-box" onToggle={(e) => setAdding(e.currentTarget.open)}>
          <summary data-testid="related-add-toggle">{t('related.addTitle')}</summary>
          {adding && <AddRelated articleId={articleId} listed={listed} onAdd={add} />}
        </details>
      </section>

      {suggestions && <NearDuplicateList items={suggestions.nearDuplicates} />}

      <section className="rel-section" aria-labelledby={ids.sugg}>
        <div className="rel-section-head">
          <h3 id={ids.sugg}>{t('related.suggestionsTitle')}</h3>
          <label className="rel-check small">
            <input type="checkbox" checked={publishedOnly} onChange={(e) => setPublishedOnly(e.target.checked)} />
            <span>{t('related.publishedOnly')}</span>
          </label>
        </div>
        <p className="muted small rel-hint">{t('related.suggestionsHint')}</p>
        {suggestions
          ? <SuggestionList suggestions={suggestions.suggestions} onAdd={(s) => add(s, false)} />
          : <p className="muted small">{t('app.loading')}</p>}
      </section>

      <section className="rel-section" aria-labelledby={ids.text}>
        <h3 id={ids.text}>{t('related.inTextTitle')}</h3>
        {list.inText.length === 0 ? (
          <p className="muted small">{t('related.inTextEmpty')}</p>
        ) : (
          <>
            <p className="muted small rel-hint">{t('related.inTextHint')}</p>
            <ul className="rel-list" data-testid="related-in-text">
              {list.inText.map((a) => (
                <li key={a.id} className="rel-plain">
                  <ArticleSummary article={a} />
                  {a.alsoListed && <span className="rel-mark">{t('related.alsoListed')}</span>}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section className="rel-section" aria-labelledby={ids.back}>
        <h3 id={ids.back}>{t('related.backlinksTitle')}</h3>
        {!backlinks ? (
          <p className="muted small">{t('app.loading')}</p>
        ) : backlinks.length === 0 ? (
          <p className="muted small">{t('related.backlinksEmpty')}</p>
        ) : (
          <ul className="rel-list" data-testid="related-backlinks">
            {backlinks.map((b) => (
              <li key={b.id} className="rel-plain">
                <ArticleSummary article={b} />
                <span className="rel-marks">
                  {b.kinds.map((k) => <span key={k} className="rel-mark">{t(`related.via.${k}`)}</span>)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {related.error && <p role="alert" className="error small">{related.error}</p>}
    </div>
  );
}
