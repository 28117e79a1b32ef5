import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { useTaxonomy } from '../taxonomy/TaxonomyProvider';
import { CategoryTree } from '../taxonomy/CategoryTree';
import { TagFilter } from './TagFilter';
import { useLibraryState } from './LibraryState';
import { DEFAULT_QUERY, STATUSES, hasFilters } from './query';

/**
 * Narrowing the library: the category tree (a category includes its sub-categories, and its
 * count says so), tags with counts, status, author and a date range. Every change applies at
 * once; the search box's query language can say the same things in text.
 */
export function FilterSidebar() {
  const { t } = useI18n();
  const { query, setQuery } = useLibraryState();
  const { tree, tags } = useTaxonomy();
  const [expanded, setExpanded] = useState<Set<number> | null>(null);
  const [author, setAuthor] = useState(query.author);

  // Top-level categories start open once the tree has loaded.
  useEffect(() => {
    if (expanded === null && tree.roots.length) setExpanded(new Set(tree.roots.map((r) => r.category.id)));
  }, [tree, expanded]);

  // The author box applies after a pause in typing.
  const lastAuthor = useRef(query.author);
  useEffect(() => {
    if (author === lastAuthor.current) return;
    const timer = window.setTimeout(() => {
      lastAuthor.current = author;
      setQuery({ author });
    }, 300);
    return () => window.clearTimeout(timer);
  }, [author, setQuery]);
  useEffect(() => {
    if (query.author !== lastAuthor.current) {
      lastAuthor.current = query.author;
      setAuthor(query.author);
    }
  }, [query.author]);

  const trash = query.view === 'trash';

  return (
    <aside className="filters" aria-label={t('library.filters')} data-testid="filters">
      <section>
        <h2 className="filter-heading">{t('library.filter.categories')}</h2>
        <button
          type="button"
          className={`link-like all-categories${query.categoryId === null ? ' selected' : ''}`}
          aria-pressed={query.categoryId === null}
          onClick={() => setQuery({ categoryId: null })}
        >
          {t('library.filter.allCategories')}
        </button>
        <CategoryTree
          label={t('library.filter.categories')}
          testId="category-filter"
          roots={tree.roots}
          selectedId={query.categoryId}
          onSelect={(id) => setQuery((q) => ({ ...q, categoryId: q.categoryId === id ? null : id }))}
          expanded={expanded ?? new Set()}
          onExpandedChange={setExpanded}
          renderMeta={(node) => <span className="count" title={t('library.filter.countWithSub')}>{node.total}</span>}
        />
      </section>

      <section>
        <h2 className="filter-heading">{t('library.filter.tags')}</h2>
        <TagFilter tags={tags} selectedId={query.tagId} onSelect={(id) => setQuery({ tagId: id })} />
      </section>

      <fieldset className="filter-group">
        <legend className="filter-heading">{t('library.filter.status')}</legend>
        {STATUSES.map((s) => (
          <label key={s} className="check-label">
            <input
              type="checkbox"
              checked={query.statuses.includes(s)}
              onChange={(e) => setQuery((q) => ({ ...q, statuses: e.target.checked ? [...q.statuses, s] : q.statuses.filter((x) => x !== s) }))}
            />
            <span className={`status status-${s}`}>{t(`status.${s}`)}</span>
          </label>
        ))}
      </fieldset>

      <section>
        <label className="filter-heading" htmlFor="filter-author">{t('library.filter.author')}</label>
        <input id="filter-author" className="small-input" value={author} onChange={(e) => setAuthor(e.target.value)} placeholder={t('library.filter.authorHint')} />
      </section>

      <fieldset className="filter-group" disabled={trash}>
        <legend className="filter-heading">{t('library.filter.dates')}</legend>
        <div className="date-range">
          <label>
            <span>{t('library.filter.from')}</span>
            <input type="date" value={query.from} max={query.to || undefined} onChange={(e) => setQuery({ from: e.target.value })} />
          </label>
          <label>
            <span>{t('library.filter.to')}</span>
            <input type="date" value={query.to} min={query.from || undefined} onChange={(e) => setQuery({ to: e.target.value })} />
          </label>
        </div>
        <p className="muted small">{trash ? t('library.filter.datesNotInTrash') : t('library.filter.datesHint')}</p>
      </fieldset>

      <button
        type="button"
        disabled={!hasFilters(query)}
        onClick={() => setQuery((q) => ({ ...DEFAULT_QUERY, view: q.view, sort: q.sort, order: q.order }))}
      >
        {t('library.filter.clear')}
      </button>
    </aside>
  );
}
