import { memo, useEffect, useImperativeHandle, useRef, type ReactNode, type Ref } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useI18n, type Translate } from '../i18n/i18n';
import { breadcrumb } from '../taxonomy/categoryTree';
import { Highlighted } from './Highlighted';
import type { ArticleRowData } from './useArticlePages';
import type { SortKey } from './query';

export type ColumnKey = 'title' | 'status' | 'category' | 'author' | 'updated' | 'published' | 'trashed' | 'actions';

/** toggle: Ctrl/Cmd-click or the row's check box; range: Shift-click. */
export interface RowClickMods { toggle: boolean; range: boolean }

export interface GridHandle {
  scrollToIndex(index: number): void;
  focus(): void;
}

export interface ArticleGridProps {
  handle: Ref<GridHandle>;
  domId: string;
  label: string;
  total: number;
  /** Changes whenever rows arrive, so memoised rows re-read them. */
  version: number;
  rowAt(index: number): ArticleRowData | undefined;
  columns: ColumnKey[];
  compact: boolean;
  /** The trash's rows carry two text buttons rather than one icon. */
  wideActions: boolean;
  rowHeight: number;
  sort: SortKey | null;
  order: 'asc' | 'desc';
  onSort(key: SortKey): void;
  selected: ReadonlySet<number>;
  activeIndex: number;
  openId: number | null;
  initialOffset: number;
  onScrollOffset(offset: number): void;
  onRange(start: number, end: number): void;
  onRowClick(index: number, mods: RowClickMods): void;
  onRowOpen(index: number): void;
  onKeyDown(e: React.KeyboardEvent): void;
  renderActions(row: ArticleRowData): ReactNode;
  empty: ReactNode;
}

/**
 * Rows are keyed by their slot in a fixed pool rather than by index, so scrolling re-uses the
 * DOM of rows that left the view (their text changes) instead of building new ones. The rendered
 * range is contiguous, so slots are unique while it stays shorter than the pool.
 */
const ROW_POOL = 256;

const SORTABLE: Partial<Record<ColumnKey, SortKey>> = { title: 'title', updated: 'updated', published: 'published' };

/**
 * The article list as an ARIA grid over a virtualized body: only the rows in view (plus a few)
 * are in the DOM, whatever the total. The grid is one tab stop; the focused row is announced
 * through aria-activedescendant and moved by the parent's key handler.
 */
export function ArticleGrid(props: ArticleGridProps) {
  const { t, locale } = useI18n();
  const scrollRef = useRef<HTMLDivElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: props.total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => props.rowHeight,
    overscan: 8,
    initialOffset: props.initialOffset,
    onChange: (v) => props.onScrollOffset(v.scrollOffset ?? 0),
  });

  useImperativeHandle(props.handle, () => ({
    scrollToIndex: (index) => virtualizer.scrollToIndex(index, { align: 'auto' }),
    focus: () => gridRef.current?.focus(),
  }), [virtualizer]);

  // Row height changes with the mode (snippets, compact): re-measure everything.
  useEffect(() => {
    virtualizer.measure();
  }, [props.rowHeight, virtualizer]);

  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { onRange } = props;
  useEffect(() => {
    if (props.total > 0) onRange(first, last);
  }, [first, last, props.total, onRange]);

  const dates = dateFormat(locale);
  const template = columnTemplate(props.columns, props.compact, props.wideActions);
  const activeRendered = items.some((i) => i.index === props.activeIndex);

  return (
    <div
      ref={gridRef}
      role="grid"
      className={`grid${props.compact ? ' compact' : ''}`}
      aria-label={props.label}
      aria-rowcount={props.total + 1}
      aria-colcount={props.columns.length}
      aria-multiselectable="true"
      aria-activedescendant={activeRendered && props.total > 0 ? `${props.domId}-row-${props.activeIndex}` : undefined}
      tabIndex={0}
      data-testid="article-list"
      data-total={props.total}
      onKeyDown={props.onKeyDown}
    >
      <div role="rowgroup" className="grid-head">
        <div role="row" aria-rowindex={1} className="grid-row head" style={{ gridTemplateColumns: template }}>
          {props.columns.map((c) => {
            const sortKey = SORTABLE[c];
            const sorted = sortKey !== undefined && props.sort === sortKey;
            return (
              <div
                key={c}
                role="columnheader"
                className={`cell c-${c}`}
                aria-sort={sorted ? (props.order === 'asc' ? 'ascending' : 'descending') : undefined}
              >
                {sortKey !== undefined && props.sort !== null ? (
                  <button type="button" className="sort-header" tabIndex={-1} onClick={() => props.onSort(sortKey)}>
                    {columnLabel(t, c)}
                    {sorted && <span aria-hidden="true">{props.order === 'asc' ? ' ↑' : ' ↓'}</span>}
                  </button>
                ) : c === 'actions' ? (
                  <span className="visually-hidden">{columnLabel(t, c)}</span>
                ) : (
                  columnLabel(t, c)
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div ref={scrollRef} className="grid-scroll">
        {props.total === 0 ? (
          <div className="grid-empty">{props.empty}</div>
        ) : (
          <div role="rowgroup" className="grid-body" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => (
              <GridRow
                key={items.length <= ROW_POOL ? item.index % ROW_POOL : item.index}
                index={item.index}
                start={item.start}
                height={props.rowHeight}
                row={props.rowAt(item.index)}
                version={props.version}
                domId={props.domId}
                columns={props.columns}
                template={template}
                compact={props.compact}
                isSelected={props.selected}
                active={item.index === props.activeIndex}
                open={props.openId}
                dates={dates}
                t={t}
                onClick={props.onRowClick}
                onOpen={props.onRowOpen}
                renderActions={props.renderActions}
              />
            ))}
          </div>
        )}
      </div>
    </div>
  );
}

interface GridRowProps {
  index: number;
  start: number;
  height: number;
  row: ArticleRowData | undefined;
  version: number;
  domId: string;
  columns: ColumnKey[];
  template: string;
  compact: boolean;
  isSelected: ReadonlySet<number>;
  active: boolean;
  open: number | null;
  dates: Intl.DateTimeFormat;
  t: Translate;
  onClick(index: number, mods: RowClickMods): void;
  onOpen(index: number): void;
  renderActions(row: ArticleRowData): ReactNode;
}

const GridRow = memo(function GridRow(p: GridRowProps) {
  const { row, t } = p;
  const style: React.CSSProperties = { height: p.height, transform: `translateY(${p.start}px)`, gridTemplateColumns: p.template };
  const id = `${p.domId}-row-${p.index}`;
  if (!row) {
    return (
      <div role="row" id={id} aria-rowindex={p.index + 2} aria-busy="true" className={`grid-row loading${p.active ? ' active' : ''}`} style={style}>
        <div role="gridcell" className="cell c-title muted">{t('app.loading')}</div>
      </div>
    );
  }
  const selected = p.isSelected.has(row.id);
  const title = row.title || t('library.untitled');
  const category = row.categoryPath.length ? breadcrumb(row.categoryPath) : t('library.uncategorised');
  const when = (iso: string | null) => (iso ? <time dateTime={iso}>{p.dates.format(new Date(iso))}</time> : <span className="muted">—</span>);
  const titleCell = (
    <>
      <span className="check" aria-hidden="true" onClick={(e) => { e.stopPropagation(); p.onClick(p.index, { toggle: true, range: e.shiftKey }); }} />
      <span className="title-stack">
        <a
          className="article-title"
          href={`#/article/${row.id}`}
          tabIndex={-1}
          onClick={(e) => {
            if (e.ctrlKey || e.metaKey || e.shiftKey) return; // multi-select: the row handles it
            e.preventDefault();
            e.stopPropagation();
            p.onOpen(p.index);
          }}
        >
          {row.titleRanges ? <Highlighted text={title} ranges={row.titleRanges} /> : title}
        </a>
        {row.snippet && row.snippet.text && (
          <span className="snippet"><Highlighted text={row.snippet.text} ranges={row.snippet.ranges} /></span>
        )}
        {p.compact && !row.snippet && (
          <span className="row-meta">
            <span className={`status status-${row.status}`}>{t(`status.${row.status}`)}</span>
            <span className="category">{category}</span>
            {when(row.deletedAt ?? row.updatedAt)}
          </span>
        )}
      </span>
    </>
  );
  return (
    <div
      role="row"
      id={id}
      aria-rowindex={p.index + 2}
      aria-selected={selected}
      className={`grid-row${selected ? ' selected' : ''}${p.active ? ' active' : ''}${p.open === row.id ? ' open' : ''}`}
      style={style}
      data-article-id={row.id}
      data-index={p.index}
      onClick={(e) => p.onClick(p.index, { toggle: e.ctrlKey || e.metaKey, range: e.shiftKey })}
      onDoubleClick={() => p.onOpen(p.index)}
    >
      {p.columns.map((c) => (
        <div key={c} role="gridcell" className={`cell c-${c}`}>
          {c === 'title' ? titleCell
            : c === 'status' ? <span className={`status status-${row.status}`}>{t(`status.${row.status}`)}</span>
            : c === 'category' ? <span className="category" title={category}>{category}</span>
            : c === 'author' ? (row.author ? row.author : <span className="muted">—</span>)
            : c === 'updated' ? when(row.updatedAt)
            : c === 'published' ? when(row.publishedAt)
            : c === 'trashed' ? when(row.deletedAt)
            : p.renderActions(row)}
        </div>
      ))}
    </div>
  );
});

function columnLabel(t: Translate, c: ColumnKey): string {
  return t(`library.column.${c}`);
}

/**
 * Header and body are separate rows, so every column has a width that does not depend on its
 * content (the actions column is sized for its buttons: one icon, or Restore + Delete forever).
 */
function columnTemplate(columns: ColumnKey[], compact: boolean, wideActions: boolean): string {
  const actions = wideActions ? '210px' : '60px';
  if (compact) return columns.map((c) => (c === 'title' ? 'minmax(0, 1fr)' : actions)).join(' ');
  const widths: Record<ColumnKey, string> = {
    title: 'minmax(220px, 3fr)',
    status: '96px',
    category: 'minmax(120px, 1.4fr)',
    author: 'minmax(80px, 0.8fr)',
    updated: '168px',
    published: '168px',
    trashed: '168px',
    actions,
  };
  return columns.map((c) => widths[c]).join(' ');
}

const formats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: string): Intl.DateTimeFormat {
  let f = formats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    formats.set(locale, f);
  }
  return f;
}
