import { useId, useMemo, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import { Dialog } from '../app/Dialog';
import { useTaxonomy } from './TaxonomyProvider';
import { breadcrumb } from './categoryTree';

interface Choice { id: number | null; label: string; count?: number }

/**
 * Choosing a category by keyboard or mouse: type to narrow the list of breadcrumb paths,
 * Up/Down to move, Enter to choose (a combobox over a listbox). Used to move articles, to move
 * a category under another, and to pick where a deleted category's articles go.
 */
export function CategoryPicker(props: {
  title: string;
  confirmLabel: string;
  /** A first choice meaning "no category" / "top level"; omitted: a category must be chosen. */
  noneLabel?: string;
  /** Categories that cannot be chosen (a category cannot move inside itself). */
  exclude?: ReadonlySet<number>;
  initialId?: number | null;
  intro?: ReactNode;
  onPick(id: number | null): Promise<void> | void;
  onClose(): void;
}) {
  const { t } = useI18n();
  const { categories } = useTaxonomy();
  const [filter, setFilter] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const listId = useId();

  const choices = useMemo<Choice[]>(() => {
    const needle = filter.trim().toLowerCase();
    const all: Choice[] = [
      ...(props.noneLabel !== undefined ? [{ id: null, label: props.noneLabel }] : []),
      ...categories.filter((c) => !props.exclude?.has(c.id)).map((c) => ({ id: c.id, label: breadcrumb(c.path), count: c.articleCount })),
    ];
    return needle ? all.filter((c) => c.label.toLowerCase().includes(needle)) : all;
  }, [categories, filter, props.exclude, props.noneLabel]);

  const [active, setActive] = useState<number | null | undefined>(props.initialId);
  const activeIndex = Math.max(0, choices.findIndex((c) => c.id === active));
  const current = choices[activeIndex];
  const optionId = (i: number) => `${listId}-opt-${i}`;

  const pick = async (choice: Choice | undefined) => {
    if (!choice || busy) return;
    setBusy(true);
    setError(null);
    try {
      await props.onPick(choice.id);
      props.onClose();
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const move = (to: number) => {
      e.preventDefault();
      const c = choices[Math.max(0, Math.min(choices.length - 1, to))];
      if (c) {
        setActive(c.id);
        document.getElementById(optionId(choices.indexOf(c)))?.scrollIntoView({ block: 'nearest' });
      }
    };
    if (e.key === 'ArrowDown') move(activeIndex + 1);
    else if (e.key === 'ArrowUp') move(activeIndex - 1);
    else if (e.key === 'PageDown') move(activeIndex + 8);
    else if (e.key === 'PageUp') move(activeIndex - 8);
    else if (e.key === 'Enter') {
      e.preventDefault();
      void pick(current);
    }
  };

  return (
    <Dialog
      title={props.title}
      onClose={props.onClose}
      testId="category-picker"
      footer={
        <>
          <button type="button" onClick={props.onClose}>{t('common.cancel')}</button>
          <button type="button" className="primary" disabled={!current || busy} onClick={() => void pick(current)}>{props.confirmLabel}</button>
        </>
      }
    >
      {props.intro}
      <input
        type="search"
        className="picker-filter"
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={current ? optionId(activeIndex) : undefined}
        aria-label={t('taxonomy.pickerFilter')}
        placeholder={t('taxonomy.pickerFilter')}
        value={filter}
        autoFocus
        onChange={(e) => setFilter(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" aria-label={props.title} className="picker-list">
        {choices.map((c, i) => (
          <li
            key={c.id ?? 'none'}
            id={optionId(i)}
            role="option"
            aria-selected={i === activeIndex}
            className={i === activeIndex ? 'active' : ''}
            onClick={() => setActive(c.id)}
            onDoubleClick={() => void pick(c)}
          >
            <span>{c.label}</span>
            {c.count !== undefined && <span className="count">{c.count}</span>}
          </li>
        ))}
      </ul>
      {choices.length === 0 && <p className="muted">{t('common.noMatches')}</p>}
      {error && <p role="alert" className="error">{error}</p>}
    </Dialog>
  );
}
