import { useEffect, useId, useRef, useState } from 'react';
import { findArticles, type ArticleCandidate } from '../api/findArticles';
import { useI18n } from '../i18n/i18n';
import { StatusBadge } from './ArticleBits';

const RESULTS = 8;
/** Before anything is typed: a few recent articles, so the box does not push the suggestions away. */
const RECENT = 5;

/**
 * Add a related article by searching the library (the core's `search`; the most recently
 * updated articles before anything is typed). ↓ goes to the results' Add buttons; the checkbox also
 * adds this article to the other one's list (a reciprocal link).
 */
export function AddRelated(props: {
  articleId: number;
  listed: ReadonlySet<number>;
  onAdd(target: { id: number; title: string }, reciprocal: boolean): Promise<void>;
}) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<ArticleCandidate[] | null>(null);
  const [reciprocal, setReciprocal] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const listId = useId();
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let live = true;
    const timer = window.setTimeout(async () => {
      try {
        const found = await findArticles(query, { limit: RESULTS, recentLimit: RECENT, exclude: props.articleId });
        if (!live) return;
        setResults(found);
        setError(null);
      } catch (err) {
        if (live) setError((err as Error).message);
      }
    }, 150);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [query, props.articleId]);

  const add = async (c: ArticleCandidate) => {
    if (props.listed.has(c.id) || busy) return;
    setBusy(true);
    try {
      const wasOnButton = document.activeElement instanceof HTMLButtonElement;
      await props.onAdd({ id: c.id, title: c.title }, reciprocal);
      setError(null);
      // The Add button turns into "Listed": give focus back to the search, not to the page.
      if (wasOnButton) field.current?.focus();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  /** ↓ from the field goes to the first result's Add button; ↑ / ↓ move between them. */
  const focusResult = (from: HTMLElement, delta: number | 'first') => {
    const buttons = [...(from.closest('.rel-add')?.querySelectorAll<HTMLButtonElement>('.rel-results button:not(:disabled)') ?? [])];
    if (!buttons.length) return;
    if (delta === 'first') return buttons[0]!.focus();
    const at = buttons.indexOf(from as HTMLButtonElement);
    if (at + delta < 0) return (from.closest('.rel-add')?.querySelector('input[type=search]') as HTMLInputElement | null)?.focus();
    buttons[Math.min(buttons.length - 1, at + delta)]!.focus();
  };

  return (
    <div className="rel-add" data-testid="related-add">
      <label className="rel-search-label">
        <span>{t('related.searchLabel')}</span>
        <input
          ref={field}
          type="search"
          autoFocus
          aria-controls={listId}
          placeholder={t('related.searchPlaceholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              focusResult(e.currentTarget, 'first');
            }
          }}
          data-testid="related-search"
        />
      </label>
      <label className="rel-check">
        <input type="checkbox" checked={reciprocal} onChange={(e) => setReciprocal(e.target.checked)} data-testid="related-reciprocal" />
        <span>{t('related.reciprocal')}</span>
      </label>
      {!query.trim() && results?.length ? <p className="muted small rel-subhead">{t('related.recent')}</p> : null}
      <ul id={listId} aria-label={t('related.searchLabel')} className="rel-list rel-results" data-testid="related-results">
        {results?.map((c) => {
          const listed = props.listed.has(c.id);
          const title = c.title || t('library.untitled');
          return (
            <li key={c.id} className="rel-result" data-testid="related-result">
              <span className="rel-summary">
                <span className="rel-title-text">{title}</span>
                <span className="rel-meta">
                  <StatusBadge status={c.status} />
                  {c.path && <span className="muted small">{c.path}</span>}
                </span>
              </span>
              {listed ? (
                <span className="muted small rel-listed">✓ {t('related.alreadyListed')}</span>
              ) : (
                <button
                  type="button"
                  className="small-button"
                  aria-label={t('related.addNamed', { title })}
                  disabled={busy}
                  onClick={() => void add(c)}
                  onKeyDown={(e) => {
                    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                      e.preventDefault();
                      focusResult(e.currentTarget, e.key === 'ArrowDown' ? 1 : -1);
                    }
                  }}
                >
                  {t('related.add')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {results && results.length === 0 && <p className="muted small">{t('related.noResults')}</p>}
      {error && <p role="alert" className="error small">{error}</p>}
    </div>
  );
}
