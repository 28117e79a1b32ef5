import { useEffect, useMemo, useRef, useState } from 'react';
import type { OutputOf } from '../../api/client';
import { useI18n } from '../../i18n/i18n';

type Category = OutputOf<'categories.list'>[number];

/**
 * Category as a tree: the list shows the tree indented by depth; typing filters it by name or
 * breadcrumb (`广东 产业`), showing the full path of each match. Arrow keys and Enter choose.
 */
export function CategoryPicker({ categories, value, onChange, id }: { categories: Category[]; value: number | null; onChange: (id: number | null) => void; id: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState('');
  const [active, setActive] = useState(0);
  const box = useRef<HTMLDivElement>(null);
  const current = categories.find((c) => c.id === value);

  const shown = useMemo(() => {
    const terms = filter.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const list = terms.length
      ? categories.filter((c) => terms.every((term) => c.path.join(' ').toLowerCase().includes(term) || c.slugPath.join('/').includes(term)))
      : categories;
    return [null, ...list] as Array<Category | null>;
  }, [categories, filter]);

  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [open]);

  const choose = (c: Category | null) => {
    onChange(c?.id ?? null);
    setOpen(false);
    setFilter('');
  };

  return (
    <div className="category-picker" ref={box} data-testid="category-picker">
      <button id={id} type="button" className="picker-button" aria-haspopup="listbox" aria-expanded={open} onClick={() => { setOpen(!open); setActive(0); }}>
        {current ? current.path.join(' › ') : <span className="muted">{t('meta.noCategory')}</span>}
      </button>
      {open && (
        <div className="picker-pop">
          <input
            autoFocus
            aria-label={t('meta.categoryFilter')}
            placeholder={t('meta.categoryFilter')}
            value={filter}
            onChange={(e) => { setFilter(e.target.value); setActive(0); }}
            onKeyDown={(e) => {
              if (e.nativeEvent.isComposing || e.keyCode === 229) return;
              if (e.key === 'ArrowDown') { e.preventDefault(); setActive((a) => Math.min(shown.length - 1, a + 1)); }
              else if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => Math.max(0, a - 1)); }
              else if (e.key === 'Enter') { e.preventDefault(); const c = shown[active]; if (c !== undefined) choose(c); }
              else if (e.key === 'Escape') setOpen(false);
            }}
          />
          <ul role="listbox" aria-label={t('meta.category')} className="picker-results tree">
            {shown.map((c, i) => (
              <li
                key={c?.id ?? 0}
                role="option"
                aria-selected={(c?.id ?? null) === value}
                className={`${i === active ? 'active' : ''}`}
                style={{ paddingLeft: filter ? 8 : 8 + 14 * Math.max(0, (c?.path.length ?? 1) - 1) }}
                onMouseDown={(e) => { e.preventDefault(); choose(c); }}
                // mousemove, not mouseenter: see ArticleLinkPicker (a list opening under a resting pointer)
                onMouseMove={() => setActive(i)}
              >
                {c ? (filter ? c.path.join(' › ') : c.name) : <span className="muted">{t('meta.noCategory')}</span>}
                {c && <span className="muted small"> {c.articleCount}</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
