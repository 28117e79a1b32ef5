import { useMemo, useState } from 'react';
import type { OutputOf } from '../../api/client';
import { useI18n } from '../../i18n/i18n';

type Tag = OutputOf<'tags.list'>[number];
export interface TagValue { id?: number; name: string }

/**
 * Tags as chips: typing suggests existing tags (by substring, most used first). Enter, a comma
 * (half- or full-width) or 、 adds exactly what was typed (the existing tag of that name, or a
 * new tag that the save creates); a suggestion is taken only when chosen, with the arrow keys
 * then Enter, with Tab, or with the pointer, so 产业 + Enter never becomes 产业园. Enter that
 * confirms an IME candidate adds nothing.
 */
export function TagInput({ all, value, onChange, id }: { all: Tag[]; value: TagValue[]; onChange: (tags: TagValue[]) => void; id: string }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  /** The suggestion the arrow keys chose; -1: none, Enter adds the typed text. */
  const [active, setActive] = useState(-1);
  const chosen = new Set(value.map((v) => v.name.toLowerCase()));
  const suggestions = useMemo(() => {
    const q = text.trim().toLowerCase();
    if (!q) return [];
    return all.filter((tag) => tag.name.toLowerCase().includes(q) && !chosen.has(tag.name.toLowerCase()))
      .sort((a, b) => Number(b.name.toLowerCase().startsWith(q)) - Number(a.name.toLowerCase().startsWith(q)) || b.articleCount - a.articleCount)
      .slice(0, 8);
  }, [all, text, value]);

  const add = (raw: string, pick?: Tag) => {
    const name = (pick?.name ?? raw).trim().slice(0, 60);
    setText('');
    setActive(-1);
    if (!name || chosen.has(name.toLowerCase())) return;
    const existing = pick ?? all.find((tag) => tag.name.toLowerCase() === name.toLowerCase());
    onChange([...value, existing ? { id: existing.id, name: existing.name } : { name }]);
  };

  return (
    <div className="tag-input" data-testid="tag-input">
      <ul className="tag-chips" aria-label={t('meta.tags')}>
        {value.map((v) => (
          <li key={v.id ?? `new:${v.name}`} className={`tag-chip${v.id ? '' : ' new'}`}>
            {v.name}{!v.id && <span className="muted small"> {t('meta.newTag')}</span>}
            <button type="button" aria-label={t('meta.removeTag', { name: v.name })} onClick={() => onChange(value.filter((x) => x !== v))}>×</button>
          </li>
        ))}
      </ul>
      <input
        id={id}
        role="combobox"
        aria-expanded={suggestions.length > 0}
        aria-autocomplete="list"
        aria-controls={`${id}-list`}
        placeholder={t('meta.addTag')}
        value={text}
        onChange={(e) => {
          const v = e.target.value;
          // A separator typed (or pasted) ends a tag.
          if (/[,，、;；]/.test(v)) {
            const parts = v.split(/[,，、;；]/);
            for (const part of parts.slice(0, -1)) add(part);
            setText(parts[parts.length - 1] ?? '');
          } else setText(v);
          setActive(-1);
        }}
        onKeyDown={(e) => {
          if (e.nativeEvent.isComposing || e.keyCode === 229) return;
          if (e.key === 'Enter') {
            e.preventDefault();
            const pick = suggestions[active];
            add(pick ? pick.name : text, pick);
          } else if (e.key === 'Tab' && text.trim() && suggestions.length) {
            e.preventDefault();
            const pick = suggestions[Math.max(0, active)]!;
            add(pick.name, pick);
          } else if (e.key === 'ArrowDown' && suggestions.length) { e.preventDefault(); setActive((a) => Math.min(suggestions.length - 1, a + 1)); }
          else if (e.key === 'ArrowUp' && suggestions.length) { e.preventDefault(); setActive((a) => Math.max(-1, a - 1)); }
          else if (e.key === 'Escape' && active >= 0) { e.preventDefault(); setActive(-1); }
          else if (e.key === 'Backspace' && !text && value.length) onChange(value.slice(0, -1));
        }}
      />
      {suggestions.length > 0 && (
        <ul id={`${id}-list`} role="listbox" className="picker-results suggestions">
          {suggestions.map((s, i) => (
            <li key={s.id} role="option" aria-selected={i === active} className={i === active ? 'active' : ''} onMouseDown={(e) => { e.preventDefault(); add(s.name, s); }}>
              {s.name} <span className="muted small">{s.articleCount}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
