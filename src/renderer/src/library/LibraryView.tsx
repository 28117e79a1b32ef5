import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { call, type OutputOf } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { announceLibraryChange } from '../app/events';
import { navigate } from '../app/route';
import { useToast } from '../app/toasts';
import { ConfirmDialog } from '../app/Dialog';
import { checkBeforeStatus, PublishCheckDialog, type CheckedArticle, type CheckedStatus } from '../app/PublishCheckDialog';
import { openArticleWindow } from '../app/windows';
import { useTaxonomy } from '../taxonomy/TaxonomyProvider';
import { CategoryPicker } from '../taxonomy/CategoryPicker';
import { ArticleGrid, type ColumnKey, type GridHandle, type RowClickMods } from './ArticleGrid';
import { BulkBar } from './BulkBar';
import { FilterChips } from './FilterChips';
import { FilterSidebar } from './FilterSidebar';
import { SearchBox } from './SearchBox';
import { TagsDialog } from './TagsDialog';
import { useLibraryState } from './LibraryState';
import { useArticlePages, type ArticleRowData, type PageFetcher } from './useArticlePages';
import { searchArticles, SEARCH_PAGE_SIZE } from './searchSource';
import { hasFilters, listInput, queryKey, usesSearch, type SortKey, type Status } from './query';
import { bulkExport, exportAvailable } from './bulkExport';

/**
 * Rows per request. Every request of a deep page costs the core an OFFSET walk, so fewer, larger
 * pages scroll better (the contract allows 500 rows a page). Search asks for fewer at a time:
 * searchSource.ts says why.
 */
const LIST_PAGE_SIZE = 500;
/** The core takes at most this many ids per bulk call. */
const BULK_CHUNK = 5_000;

type Summary = OutputOf<'articles.list'>['items'][number];

const rowFromSummary = (a: Summary): ArticleRowData => ({
  id: a.id,
  title: a.title,
  status: a.status,
  categoryPath: a.categoryPath,
  author: a.author,
  publishedAt: a.publishedAt,
  updatedAt: a.updatedAt,
  deletedAt: a.deletedAt,
});

type DialogState =
  | { kind: 'tags'; mode: 'add' | 'remove'; ids: number[] }
  | { kind: 'category'; ids: number[] }
  | { kind: 'deleteForever'; ids: number[] }
  | { kind: 'emptyTrash'; count: number }
  | { kind: 'publishCheck'; ids: number[]; status: CheckedStatus; articles: CheckedArticle[] }
  | null;

/**
 * The library: filters, search, a virtualized list of any length, keyboard navigation,
 * multi-select and bulk actions, and the trash. `compact` is the narrow list beside an open
 * article (no sidebar, two-line rows).
 */
export function LibraryView({ compact, openId }: { compact: boolean; openId: number | null }) {
  const { t } = useI18n();
  const { query, setQuery, scrollOffset, activeId: activeIdRef } = useLibraryState();
  const { tree, tags, loaded: taxonomyLoaded } = useTaxonomy();
  const toast = useToast();
  const searching = usesSearch(query);
  const key = queryKey(query);
  const grid = useRef<GridHandle>(null);
  const searchInput = useRef<HTMLInputElement>(null);
  const trash = query.view === 'trash';

  // A filter on a tag or category that no longer exists (merged, deleted) is dropped.
  useEffect(() => {
    if (!taxonomyLoaded) return;
    if (query.tagId !== null && !tags.some((x) => x.id === query.tagId)) setQuery({ tagId: null });
    if (query.categoryId !== null && !tree.byId.has(query.categoryId)) setQuery({ categoryId: null });
  }, [taxonomyLoaded, tags, tree, query.tagId, query.categoryId, setQuery]);

  const fetcher = useCallback<PageFetcher>(async (page, pageSize) => {
    if (searching) {
      const categorySlugPath = query.categoryId !== null ? tree.byId.get(query.categoryId)?.category.slugPath ?? null : null;
      const tagName = query.tagId !== null ? tags.find((x) => x.id === query.tagId)?.name ?? null : null;
      const r = await searchArticles(query, { categorySlugPath, tagName }, page, pageSize);
      return {
        rows: r.hits.map((h) => ({
          id: h.id, title: h.title, status: h.status, categoryPath: h.categoryPath, author: null, publishedAt: null,
          updatedAt: h.updatedAt, deletedAt: null, titleRanges: h.titleRanges, snippet: h.snippet,
        })),
        total: r.total,
        totalIsEstimate: r.totalIsEstimate,
        order: r.order,
      };
    }
    const r = await call('articles.list', listInput(query, page, pageSize));
    return { rows: r.items.map(rowFromSummary), total: r.total, totalIsEstimate: false, order: null };
  }, [query, searching, tree, tags]);

  const pages = useArticlePages(key, fetcher, searching ? SEARCH_PAGE_SIZE : LIST_PAGE_SIZE);
  const onSearch = useCallback((text: string) => setQuery({ text }), [setQuery]);
  const total = pages.total ?? 0;

  // Selection, by article id; the focused row and the shift-range anchor, by index.
  const [selected, setSelected] = useState<Set<number>>(() => new Set());
  const [active, setActive] = useState(0);
  const anchor = useRef<number | null>(null);
  const [dialog, setDialog] = useState<DialogState>(null);
  const visible = useRef<[number, number]>([0, 0]);
  const firstKey = useRef(key);
  useEffect(() => {
    if (key === firstKey.current) return;
    firstKey.current = key;
    setSelected(new Set());
    setActive(0);
    anchor.current = null;
    scrollOffset.current = 0;
    grid.current?.scrollToIndex(0);
  }, [key, scrollOffset]);

  useEffect(() => {
    const row = pages.rowAt(active);
    if (row) activeIdRef.current = row.id;
  }, [active, pages, pages.version, activeIdRef]);

  const { ensureRange } = pages;
  const onRange = useCallback((start: number, end: number) => {
    visible.current = [start, end];
    ensureRange(start, end);
  }, [ensureRange]);

  const titleOf = useCallback((id: number) => {
    const found = pages.loadedRows().find((r) => r.row.id === id);
    return found ? found.row.title || t('library.untitled') : `#${id}`;
  }, [pages, t]);

  // `/` anywhere outside a text field goes to the search box.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      if (document.querySelector('dialog[open]')) return;
      e.preventDefault();
      searchInput.current?.focus();
      searchInput.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const open = useCallback((index: number) => {
    const row = pages.rowAt(index);
    if (row && !trash) navigate(`#/article/${row.id}`);
  }, [pages, trash]);

  const rangeIds = (from: number, to: number): number[] => {
    const [lo, hi] = from < to ? [from, to] : [to, from];
    const ids: number[] = [];
    for (let i = lo; i <= hi; i++) {
      const row = pages.rowAt(i);
      if (row) ids.push(row.id);
    }
    return ids;
  };

  const onRowClick = (index: number, mods: RowClickMods) => {
    const row = pages.rowAt(index);
    if (!row) return;
    setActive(index);
    grid.current?.focus();
    if (mods.range && anchor.current !== null) {
      const ids = rangeIds(anchor.current, index);
      setSelected((s) => new Set(mods.toggle ? [...s, ...ids] : ids));
      return;
    }
    anchor.current = index;
    if (mods.toggle) {
      setSelected((s) => {
        const next = new Set(s);
        if (next.has(row.id)) next.delete(row.id);
        else next.add(row.id);
        return next;
      });
    } else if (compact && !trash) {
      setSelected(new Set());
      navigate(`#/article/${row.id}`);
    } else {
      setSelected(new Set([row.id]));
    }
  };

  /** What an action applies to: the selection, or else the focused row. */
  const targetIds = (): number[] => {
    if (selected.size) return [...selected];
    const row = pages.rowAt(active);
    return row ? [row.id] : [];
  };

  const report = (err: unknown) => toast({ message: (err as Error).message, tone: 'error' });

  // --- actions ---------------------------------------------------------------------------

  const trashArticles = async (ids: number[]) => {
    if (!ids.length) return;
    const names = ids.length === 1 ? titleOf(ids[0]!) : '';
    const done: number[] = [];
    try {
      for (const id of ids) {
        await call('articles.trash', { id });
        done.push(id);
      }
    } catch (err) {
      report(err);
    }
    setSelected(new Set());
    announceLibraryChange();
    if (!done.length) return;
    toast({
      message: done.length === 1 ? t('bulk.trashedOne', { title: names }) : t('bulk.trashed', { n: done.length }),
      action: {
        label: t('common.undo'),
        run: async () => {
          for (const id of done) await call('articles.restore', { id });
          announceLibraryChange();
          toast({ message: t('bulk.restored', { n: done.length }) });
        },
      },
    });
  };

  const restoreArticles = async (ids: number[]) => {
    try {
      for (const id of ids) await call('articles.restore', { id });
      toast({ message: t('bulk.restored', { n: ids.length }) });
    } catch (err) {
      report(err);
    }
    setSelected(new Set());
    announceLibraryChange();
  };

  const inChunks = async (ids: number[], run: (chunk: number[]) => Promise<unknown>) => {
    for (let i = 0; i < ids.length; i += BULK_CHUNK) await run(ids.slice(i, i + BULK_CHUNK));
  };

  /** `confirmed`: the ids the editor chose to move despite the publish checks' findings. */
  const setStatus = async (status: Status, confirmed?: number[]) => {
    const ids = confirmed ?? [...selected];
    if (!confirmed && (status === 'ready' || status === 'published')) {
      const articles = await checkBeforeStatus(ids, status);
      if (articles.length) {
        setDialog({ kind: 'publishCheck', ids, status, articles });
        return;
      }
    }
    try {
      await inChunks(ids, (chunk) => call('articles.setStatus', { ids: chunk, status }));
      toast({ message: t('bulk.statusSet', { n: ids.length, status: t(`status.${status}`) }) });
    } catch (err) {
      report(err);
    }
    announceLibraryChange();
  };

  const applyTags = async (ids: number[], mode: 'add' | 'remove', chosen: Array<number | string>) => {
    await inChunks(ids, (chunk) => call('articles.setTags', { ids: chunk, mode, tags: chosen }));
    announceLibraryChange();
    toast({ message: t(mode === 'add' ? 'bulk.tagsAdded' : 'bulk.tagsRemoved', { n: ids.length }) });
  };

  const moveToCategory = async (ids: number[], categoryId: number | null) => {
    await inChunks(ids, (chunk) => call('articles.setCategory', { ids: chunk, categoryId }));
    announceLibraryChange();
    const where = categoryId === null ? t('library.uncategorised') : tree.byId.get(categoryId)?.category.path.join(' › ') ?? '';
    toast({ message: t('bulk.moved', { n: ids.length, category: where }) });
  };

  const exportSelected = async () => {
    if (!exportAvailable()) {
      toast({ message: t('bulk.exportUnavailable') });
      return;
    }
    try {
      const message = await bulkExport([...selected], t);
      if (message) toast({ message });
    } catch (err) {
      report(err);
    }
  };

  const askEmptyTrash = async () => {
    try {
      const stats = await call('library.stats', {});
      setDialog({ kind: 'emptyTrash', count: stats.trashed });
    } catch (err) {
      report(err);
    }
  };

  // --- keyboard --------------------------------------------------------------------------

  const move = (to: number, extend: boolean) => {
    if (total === 0) return;
    const next = Math.max(0, Math.min(total - 1, to));
    if (extend) {
      if (anchor.current === null) anchor.current = active;
      const ids = rangeIds(anchor.current, next);
      setSelected(new Set(ids));
    }
    setActive(next);
    grid.current?.scrollToIndex(next);
  };

  const onGridKeyDown = (e: React.KeyboardEvent) => {
    const pageRows = Math.max(1, visible.current[1] - visible.current[0] - 2);
    const mod = e.ctrlKey || e.metaKey;
    switch (e.key) {
      case 'ArrowDown': move(active + 1, e.shiftKey); break;
      case 'ArrowUp': move(active - 1, e.shiftKey); break;
      case 'PageDown': move(active + pageRows, e.shiftKey); break;
      case 'PageUp': move(active - pageRows, e.shiftKey); break;
      case 'Home': move(0, e.shiftKey); break;
      case 'End': move(total - 1, e.shiftKey); break;
      case 'Enter': {
        const row = pages.rowAt(active);
        if (!row || trash) return;
        if (mod || e.shiftKey) void openArticleWindow(row.id).catch(report);
        else open(active);
        break;
      }
      case ' ': {
        const row = pages.rowAt(active);
        if (!row) return;
        if (e.shiftKey && anchor.current !== null) {
          const ids = rangeIds(anchor.current, active);
          setSelected((s) => new Set([...s, ...ids]));
        } else {
          anchor.current = active;
          setSelected((s) => {
            const next = new Set(s);
            if (next.has(row.id)) next.delete(row.id);
            else next.add(row.id);
            return next;
          });
        }
        break;
      }
      case 'a':
      case 'A':
        if (!mod) return;
        setSelected(new Set(pages.loadedRows().map((r) => r.row.id)));
        break;
      case 'Escape':
        if (!selected.size) return;
        setSelected(new Set());
        break;
      case 'Delete': {
        const ids = targetIds();
        if (!ids.length) return;
        if (trash) setDialog({ kind: 'deleteForever', ids });
        else void trashArticles(ids);
        break;
      }
      default:
        return;
    }
    e.preventDefault();
    e.stopPropagation();
  };

  // --- layout ----------------------------------------------------------------------------

  const columns: ColumnKey[] = compact
    ? ['title', 'actions']
    : trash
      ? ['title', 'status', 'category', 'author', 'trashed', 'actions']
      : searching
        ? ['title', 'status', 'category', 'updated', 'actions']
        : ['title', 'status', 'category', 'author', 'updated', ...(query.sort === 'published' ? (['published'] as const) : []), 'actions'];
  const rowHeight = searching ? 60 : compact ? 58 : 40;

  // Rows are memoised: their buttons reach the current handlers through a ref.
  const rowActions = useRef({ trashArticles, restoreArticles });
  rowActions.current = { trashArticles, restoreArticles };
  const renderActions = useCallback((row: ArticleRowData) => (
    trash ? (
      <span className="row-actions">
        <button type="button" tabIndex={-1} onClick={(e) => { e.stopPropagation(); void rowActions.current.restoreArticles([row.id]); }}>{t('library.restore')}</button>
        <button type="button" tabIndex={-1} className="danger" onClick={(e) => { e.stopPropagation(); setDialog({ kind: 'deleteForever', ids: [row.id] }); }}>{t('library.deleteForever')}</button>
      </span>
    ) : (
      <span className="row-actions">
        <button
          type="button"
          tabIndex={-1}
          className="icon"
          aria-label={`${t('library.openInWindow')}: ${row.title || t('library.untitled')}`}
          title={`${t('library.openInWindow')} (Shift+Enter)`}
          onClick={(e) => { e.stopPropagation(); void openArticleWindow(row.id).catch((err: Error) => toast({ message: err.message, tone: 'error' })); }}
        >
          <NewWindowIcon />
        </button>
        <button
          type="button"
          tabIndex={-1}
          className="icon"
          aria-label={`${t('library.moveToTrash')}: ${row.title || t('library.untitled')}`}
          title={`${t('library.moveToTrash')} (Delete)`}
          onClick={(e) => { e.stopPropagation(); void rowActions.current.trashArticles([row.id]); }}
        >
          <TrashIcon />
        </button>
      </span>
    )
  ), [trash, t, toast]);

  const countText = pages.total === null
    ? t('app.loading')
    : searching
      ? t(pages.totalIsEstimate ? 'library.resultsAbout' : 'library.results', { n: total }) + ' · ' + t(pages.order === 'recency' ? 'library.newestFirst' : 'library.bestFirst')
      : trash
        ? t('library.inTrash', { n: total })
        : t('library.count', { n: total });

  const empty = trash
    ? t('library.trashEmpty')
    : hasFilters(query)
      ? (
        <>
          {searching && query.text.trim() ? t('library.noResults', { query: query.text.trim() }) : t('library.noMatch')}{' '}
          <button type="button" className="link-like" onClick={() => setQuery((q) => ({ ...q, text: '', categoryId: null, tagId: null, statuses: [], author: '', from: '', to: '' }))}>
            {t('library.filter.clear')}
          </button>
        </>
      )
      : t('library.empty');

  const sortLabel = (s: SortKey) => t(`library.sort.${s}`);
  const orderLabel = query.sort === 'title'
    ? t(query.order === 'asc' ? 'library.order.az' : 'library.order.za')
    : t(query.order === 'asc' ? 'library.order.oldest' : 'library.order.newest');

  const exportOk = useMemo(() => exportAvailable(), []);

  return (
    <section className={`library-view${compact ? ' compact' : ''}`} aria-label={t('library.title')}>
      {!compact && <FilterSidebar />}
      <div className="library-main">
        <div className="library-toolbar">
          <div className="library-tabs" role="tablist" aria-label={t('library.views')}>
            <button type="button" role="tab" aria-selected={!trash} onClick={() => setQuery({ view: 'articles' })}>{t('library.articles')}</button>
            <button type="button" role="tab" aria-selected={trash} onClick={() => setQuery({ view: 'trash' })}>{t('library.trash')}</button>
          </div>
          <SearchBox
            ref={searchInput}
            value={query.text}
            onSearch={onSearch}
            disabled={trash}
            disabledReason={t('search.notInTrash')}
          />
          {!compact && (
            <div className="sort-controls">
              {searching ? (
                <span className="muted small">{t(pages.order === 'recency' ? 'library.sortedNewest' : 'library.sortedRelevance')}</span>
              ) : (
                <>
                  <label>
                    <span className="visually-hidden">{t('library.sortBy')}</span>
                    <select aria-label={t('library.sortBy')} value={query.sort} onChange={(e) => setQuery({ sort: e.target.value as SortKey })} data-testid="sort-select">
                      {(['updated', 'published', 'title'] as const).map((s) => <option key={s} value={s}>{sortLabel(s)}</option>)}
                    </select>
                  </label>
                  <button type="button" data-testid="sort-order" aria-label={`${t('library.order')}: ${orderLabel}`} onClick={() => setQuery({ order: query.order === 'asc' ? 'desc' : 'asc' })}>
                    {orderLabel}
                  </button>
                </>
              )}
            </div>
          )}
          {trash && (
            <button type="button" className="danger" onClick={() => void askEmptyTrash()} disabled={pages.total === 0 && !hasFilters(query)} data-testid="empty-trash">
              {t('library.emptyTrash')}…
            </button>
          )}
        </div>
        <FilterChips />
        <div className="list-status">
          <span className="muted small" aria-live="polite" data-testid="list-count">{countText}</span>
          {pages.error && <span role="alert" className="error small">{pages.error}</span>}
        </div>
        {selected.size > 0 && (
          <BulkBar
            count={selected.size}
            view={query.view}
            exportAvailable={exportOk}
            handlers={{
              setStatus: (s) => void setStatus(s),
              addTags: () => setDialog({ kind: 'tags', mode: 'add', ids: [...selected] }),
              removeTags: () => setDialog({ kind: 'tags', mode: 'remove', ids: [...selected] }),
              moveToCategory: () => setDialog({ kind: 'category', ids: [...selected] }),
              exportSelected: () => void exportSelected(),
              trash: () => void trashArticles([...selected]),
              restore: () => void restoreArticles([...selected]),
              deleteForever: () => setDialog({ kind: 'deleteForever', ids: [...selected] }),
              clear: () => setSelected(new Set()),
            }}
          />
        )}
        <ArticleGrid
          handle={grid}
          domId="library"
          label={trash ? t('library.trash') : t('library.title')}
          total={total}
          version={pages.version}
          rowAt={pages.rowAt}
          columns={columns}
          compact={compact}
          wideActions={trash}
          rowHeight={rowHeight}
          sort={searching || trash ? null : query.sort}
          order={query.order}
          onSort={(s) => setQuery((q) => ({ ...q, sort: s, order: q.sort === s ? (q.order === 'asc' ? 'desc' : 'asc') : s === 'title' ? 'asc' : 'desc' }))}
          selected={selected}
          activeIndex={active}
          openId={openId}
          initialOffset={scrollOffset.current}
          onScrollOffset={(o) => { scrollOffset.current = o; }}
          onRange={onRange}
          onRowClick={onRowClick}
          onRowOpen={open}
          onKeyDown={onGridKeyDown}
          renderActions={renderActions}
          empty={pages.total === null ? t('app.loading') : empty}
        />
      </div>

      {dialog?.kind === 'publishCheck' && (
        <PublishCheckDialog status={dialog.status} articles={dialog.articles} bulk={dialog.ids.length > 1}
          onCancel={() => setDialog(null)}
          onConfirm={() => { setDialog(null); void setStatus(dialog.status, dialog.ids); }} />
      )}
      {dialog?.kind === 'tags' && (
        <TagsDialog mode={dialog.mode} count={dialog.ids.length} onApply={(chosen) => applyTags(dialog.ids, dialog.mode, chosen)} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'category' && (
        <CategoryPicker
          title={t('bulk.moveTitle', { n: dialog.ids.length })}
          confirmLabel={t('bulk.move')}
          noneLabel={t('library.uncategorised')}
          onPick={(id) => moveToCategory(dialog.ids, id)}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'deleteForever' && (
        <ConfirmDialog
          title={t('library.deleteForever')}
          danger
          confirmLabel={t('library.deleteForever')}
          message={
            dialog.ids.length === 1
              ? <p>{t('trash.confirmOne', { title: titleOf(dialog.ids[0]!) })}</p>
              : (
                <>
                  <p>{t('trash.confirmMany', { n: dialog.ids.length })}</p>
                  <ul className="confirm-list">
                    {dialog.ids.slice(0, 8).map((id) => <li key={id}>{titleOf(id)}</li>)}
                    {dialog.ids.length > 8 && <li>{t('trash.andMore', { n: dialog.ids.length - 8 })}</li>}
                  </ul>
                </>
              )
          }
          onConfirm={async () => {
            for (const id of dialog.ids) await call('articles.deleteForever', { id });
            setSelected(new Set());
            announceLibraryChange();
            toast({ message: t('trash.deleted', { n: dialog.ids.length }) });
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'emptyTrash' && (
        <ConfirmDialog
          title={t('library.emptyTrash')}
          danger
          confirmLabel={dialog.count ? t('trash.emptyConfirmButton', { n: dialog.count }) : t('common.close')}
          message={<p>{dialog.count ? t('trash.emptyConfirm', { n: dialog.count }) : t('library.trashEmpty')}</p>}
          onConfirm={async () => {
            if (!dialog.count) return;
            const r = await call('articles.emptyTrash', {});
            setSelected(new Set());
            announceLibraryChange();
            toast({ message: t('trash.deleted', { n: r.deleted }) });
          }}
          onClose={() => setDialog(null)}
        />
      )}
    </section>
  );
}

function NewWindowIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path fill="currentColor" d="M9 1h6v6h-1.5V3.6L8.3 8.8 7.2 7.7l5.2-5.2H9V1ZM2 3h5v1.5H3.5v8h8V9H13v5H2V3Z" />
    </svg>
  );
}

function TrashIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path fill="currentColor" d="M6 1h4a1 1 0 0 1 1 1v1h3v1.5H2V3h3V2a1 1 0 0 1 1-1Zm.5 2h3V2.5h-3V3ZM3.5 6h9l-.7 8.1a1 1 0 0 1-1 .9H5.2a1 1 0 0 1-1-.9L3.5 6Zm2.6 1.5.3 6h1.1l-.2-6H6.1Zm2.6 0-.2 6h1.1l.3-6H8.7Z" />
    </svg>
  );
}
