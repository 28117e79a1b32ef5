import { useId, useMemo, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import type { Tag } from '../taxonomy/categoryTree';

const SHOWN = 100;

/**
 * Tags with their counts, narrowed by typing: a single-select listbox (Up/Down, Enter or Space
 * chooses, choosing the chosen tag again clears it). The most used tags come first.
 */
export function TagFilter({ tags, selectedId, onSelect }: { tags: Tag[]; selectedId: number | null; onSelect(id: number | null): void }) {
  const { t } = useI18n();
  const [filter, setFilter] = useState('');
  const [activeId, setActiveId] = useState<number | null>(null);
  const listId = useId();

  const matching = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const list = needle ? tags.filter((x) => x.name.toLowerCase().includes(needle) || x.slug.includes(needle)) : tags;
    return [...list].sort((a, b) => b.articleCount - a.articleCount || a.name.localeCompare(b.name));
  }, [tags, filter]);
  const shown = matching.slice(0, SHOWN);
  const activeIndex = Math.max(0, shown.findIndex((x) => x.id === (activeId ?? selectedId)));

  const choose = (id: number) => onSelect(id === selectedId ? null : id);

  const onKeyDown = (e: React.KeyboardEvent) => {
    const to = (i: number) => {
      e.preventDefault();
      const tag = shown[Math.max(0, Math.min(shown.length - 1, i))];
      if (tag) {
        setActiveId(tag.id);
        document.getElementById(`${listId}-${tag.id}`)?.scrollIntoView({ block: 'nearest' });
      }
    };
    if (e.key === 'ArrowDown') to(activeIndex + 1);
    else if (e.key === 'ArrowUp') to(activeIndex - 1);
    else if (e.key === 'Home') to(0);
    else if (e.key === 'End') to(shown.length - 1);
    else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      const tag = shown[activeIndex];
      if (tag) choose(tag.id);
    }
  };

  return (
    <div className="tag-filter">
      <input
        type="search"
        className="small-input"
        aria-label={t('library.filter.findTag')}
        placeholder={t('library.filter.findTag')}
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            (e.currentTarget.nextElementSibling as HTMLElement | null)?.focus();
          }
        }}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label={t('library.filter.tags')}
        className="tag-list"
        tabIndex={0}
        aria-activedescendant={shown[activeIndex] ? `${listId}-${shown[activeIndex]!.id}` : undefined}
        onKeyDown={onKeyDown}
        data-testid="tag-filter"
      >
        {shown.map((tag, i) => (
          <li
            key={tag.id}
            id={`${listId}-${tag.id}`}
            role="option"
            aria-selected={tag.id === selectedId}
            className={`${tag.id === selectedId ? 'selected' : ''}${i === activeIndex ? ' active' : ''}`}
            onClick={() => {
              setActiveId(tag.id);
              choose(tag.id);
            }}
          >
            <span className="tag-name">{tag.name}</span>
            <span className="count">{tag.articleCount}</span>
          </li>
        ))}
      </ul>
      {shown.length === 0 && <p className="muted small">{t('common.noMatches')}</p>}
      {matching.length > SHOWN && <p className="muted small">{t('library.filter.moreTags', { n: matching.length - SHOWN })}</p>}
    </div>
  );
}
