import { useMemo, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { Dialog } from '../app/Dialog';
import { useTaxonomy } from '../taxonomy/TaxonomyProvider';

const SHOWN = 200;

/** New tag names typed in a box: commas (Latin or Chinese) or 、 separate them. */
export function parseTagNames(text: string): string[] {
  return [...new Set(text.split(/[,，、;；\n]/).map((s) => s.trim()).filter(Boolean))];
}

/**
 * Adding tags to, or removing tags from, the selected articles: tick existing tags (narrowed by
 * typing) and, when adding, type new ones. One `articles.setTags` call, one transaction.
 */
export function TagsDialog(props: { mode: 'add' | 'remove'; count: number; onApply(tags: Array<number | string>): Promise<void>; onClose(): void }) {
  const { t } = useI18n();
  const { tags } = useTaxonomy();
  const [filter, setFilter] = useState('');
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [newNames, setNewNames] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const matching = tags
      .filter((x) => !needle || x.name.toLowerCase().includes(needle))
      .sort((a, b) => b.articleCount - a.articleCount || a.name.localeCompare(b.name));
    const picked = tags.filter((x) => chosen.has(x.id) && !matching.slice(0, SHOWN).includes(x));
    return [...picked, ...matching.slice(0, SHOWN)];
  }, [tags, filter, chosen]);

  const names = props.mode === 'add' ? parseTagNames(newNames) : [];
  const nothing = chosen.size === 0 && names.length === 0;

  const apply = async () => {
    setBusy(true);
    setError(null);
    try {
      await props.onApply([...chosen, ...names]);
      props.onClose();
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };

  const title = props.mode === 'add' ? t('bulk.addTagsTitle', { n: props.count }) : t('bulk.removeTagsTitle', { n: props.count });
  return (
    <Dialog
      title={title}
      onClose={props.onClose}
      testId="tags-dialog"
      footer={
        <>
          <button type="button" onClick={props.onClose}>{t('common.cancel')}</button>
          <button type="button" className="primary" disabled={nothing || busy} onClick={() => void apply()}>
            {props.mode === 'add' ? t('bulk.addTags') : t('bulk.removeTags')}
          </button>
        </>
      }
    >
      <input
        type="search"
        className="picker-filter"
        aria-label={t('library.filter.findTag')}
        placeholder={t('library.filter.findTag')}
        value={filter}
        autoFocus
        onChange={(e) => setFilter(e.target.value)}
      />
      <fieldset className="tag-checklist">
        <legend className="visually-hidden">{t('library.filter.tags')}</legend>
        {shown.map((tag) => (
          <label key={tag.id} className="check-label">
            <input
              type="checkbox"
              checked={chosen.has(tag.id)}
              onChange={(e) => setChosen((c) => {
                const next = new Set(c);
                if (e.target.checked) next.add(tag.id);
                else next.delete(tag.id);
                return next;
              })}
            />
            <span>{tag.name}</span>
            <span className="count">{tag.articleCount}</span>
          </label>
        ))}
        {shown.length === 0 && <p className="muted">{t('common.noMatches')}</p>}
      </fieldset>
      {props.mode === 'add' && (
        <label className="field">
          <span>{t('bulk.newTags')}</span>
          <input value={newNames} onChange={(e) => setNewNames(e.target.value)} placeholder={t('bulk.newTagsHint')} />
        </label>
      )}
      {error && <p role="alert" className="error">{error}</p>}
    </Dialog>
  );
}
