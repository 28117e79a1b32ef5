import { useEffect, useMemo, useRef, useState } from 'react';
import { call, type OutputOf } from '../../api/client';
import { announceLibraryChange } from '../../app/events';
import { useI18n } from '../../i18n/i18n';
import { filterCategories, newCategoryTarget } from './newCategory';

type Category = OutputOf<'categories.list'>[number];
/** A row of the list: a category, "no category", or "create the typed one". */
type Row = Category | null | 'create';

/**
 * Category as a tree: the list shows the tree indented by depth; typing filters it by name or
 * breadcrumb (`广东 产业`), showing the full path of each match. Arrow keys and Enter choose.
 * When no category has the typed name, the last row creates it (under an existing parent when
 * the text is a path, `产业信息 › 新能源`) and files the article there; when nothing matches at
 * all, that row is the one Enter takes.
 */
export function CategoryPicker({ categories, value, onChange, id }: { categories: Category[]; value: number | null; onChange: (id: number | null) => void; id: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState('');
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Created here and not yet in the panel's list (it reloads after the library-change signal).
  const [created, setCreated] = useState<Category[]>([]);
  const box = useRef<HTMLDivElement>(null);
  const all = useMemo(() => [...categories, ...created.filter((c) => !categories.some((x) => x.id === c.id))], [categories, created]);
  const current = all.find((c) => c.id === value);
  const target = useMemo(() => newCategoryTarget(filter, all), [filter, all]);

  const shown = useMemo(
    () => [null, ...filterCategories(filter, all), ...(target ? ['create' as const] : [])] as Row[],
    [all, filter, target],
  );

  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [open]);

  const close = () => {
    setOpen(false);
    setFilter('');
    setError(null);
  };

  const create = async () => {
    if (!target || busy) return;
    setBusy(true);
    setError(null);
    try {
      const made = await call('categories.create', { name: target.name, parentId: target.parent?.id ?? null });
      setCreated((c) => [...c, made]);
      onChange(made.id);
      close();
      announceLibraryChange(); // the sidebar and the panel's list pick it up
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const choose = (row: Row) => {
    if (row === 'create') {
      void create();
      return;
    }
    onChange(row?.id ?? null);
    close();
  };

  return (
    <div className="category-picker" ref={box} data-testid="category-picker">
      <button id={id} type="button" className="picker-button" aria-haspopup="listbox" aria-expanded={open} onClick={() => { if (open) close(); else setOpen(true); setActive(0); }}>
        {current ? current.path.join(' › ') : <span className="muted">{t('meta.noCategory')}</span>}
      </button>
      {open && (
        <div className="picker-pop">
          <input
            autoFocus
            aria-label={t('meta.categoryFilter')}
            placeholder={t('meta.categoryFilter')}
            value={filter}
            onChange={(e) => {
              const next = e.target.value;
              setFilter(next);
              setError(null);
              // Nothing matches: Enter creates what was typed.
              setActive(filterCategories(next, all).length === 0 && newCategoryTarget(next, all) ? 1 : 0);
            }}
            onKeyDown={(e) => {
              if (e.nativeEvent.isComposing || e.keyCode === 229) return;
              if (e.key === 'ArrowDown') { e.preventDefault(); setActive((a) => Math.min(shown.length - 1, a + 1)); }
              else if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => Math.max(0, a - 1)); }
              else if (e.key === 'Enter') { e.preventDefault(); const c = shown[active]; if (c !== undefined) choose(c); }
              else if (e.key === 'Escape') close();
            }}
          />
          <ul role="listbox" aria-label={t('meta.category')} className="picker-results tree">
            {shown.map((c, i) => (
              <li
                key={c === 'create' ? 'create' : c?.id ?? 0}
                role="option"
                aria-selected={c !== 'create' && (c?.id ?? null) === value}
                className={`${i === active ? 'active' : ''}${c === 'create' ? ' create' : ''}`}
                data-testid={c === 'create' ? 'category-create' : undefined}
                style={{ paddingLeft: filter || c === 'create' ? 8 : 8 + 14 * Math.max(0, (c?.path.length ?? 1) - 1) }}
                onMouseDown={(e) => { e.preventDefault(); choose(c); }}
                // mousemove, not mouseenter: see ArticleLinkPicker (a list opening under a resting pointer)
                onMouseMove={() => setActive(i)}
              >
                {c === 'create'
                  ? <span>{target!.parent ? t('meta.createCategoryUnder', { name: target!.name, parent: target!.parent.path.join(' › ') }) : t('meta.createCategory', { name: target!.name })}</span>
                  : c ? (filter ? c.path.join(' › ') : c.name) : <span className="muted">{t('meta.noCategory')}</span>}
                {c && c !== 'create' && <span className="muted small"> {c.articleCount}</span>}
              </li>
            ))}
          </ul>
          {error && <p className="error small" role="alert">{error}</p>}
        </div>
      )}
    </div>
  );
}

