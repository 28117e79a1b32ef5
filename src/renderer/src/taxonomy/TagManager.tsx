import { useMemo, useState } from 'react';
import { call } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { announceLibraryChange } from '../app/events';
import { useToast } from '../app/toasts';
import { ConfirmDialog, Dialog } from '../app/Dialog';
import { useTaxonomy } from './TaxonomyProvider';
import { useTaxonomyChange } from './useTaxonomyChange';
import type { Tag } from './categoryTree';

const SHOWN = 500;

type SortBy = 'name' | 'count';
type DialogState = { kind: 'merge' } | { kind: 'delete'; tags: Tag[] } | null;

/**
 * Tags: create, rename in place, merge several into one (their articles keep the union) and
 * delete, each through one contract call. A table with check boxes: tick, then act.
 */
export function TagManager() {
  const { t, locale } = useI18n();
  const toast = useToast();
  const { tags } = useTaxonomy();
  const [filter, setFilter] = useState('');
  const [sortBy, setSortBy] = useState<SortBy>('count');
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [editing, setEditing] = useState<{ id: number; name: string } | null>(null);
  const [newTag, setNewTag] = useState('');
  const [dialog, setDialog] = useState<DialogState>(null);
  const { change: run, error } = useTaxonomyChange();

  const collator = useMemo(() => new Intl.Collator(locale), [locale]);
  const matching = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const list = needle ? tags.filter((x) => x.name.toLowerCase().includes(needle) || x.slug.includes(needle)) : tags;
    return [...list].sort((a, b) => (sortBy === 'count' ? b.articleCount - a.articleCount : 0) || collator.compare(a.name, b.name));
  }, [tags, filter, sortBy, collator]);
  const shown = matching.slice(0, SHOWN);
  const chosenTags = tags.filter((x) => chosen.has(x.id));

  const toggle = (id: number, on: boolean) => setChosen((c) => {
    const next = new Set(c);
    if (on) next.add(id);
    else next.delete(id);
    return next;
  });

  const saveRename = async () => {
    if (!editing) return;
    const name = editing.name.trim();
    const tag = tags.find((x) => x.id === editing.id);
    if (!tag || !name || name === tag.name) {
      setEditing(null);
      return;
    }
    if (await run(() => call('tags.rename', { id: editing.id, name }), t('tags.renamed', { from: tag.name, to: name }))) setEditing(null);
  };

  const allShownChosen = shown.length > 0 && shown.every((x) => chosen.has(x.id));

  return (
    <section className="panel tag-manager" aria-labelledby="tags-heading" data-testid="tag-manager">
      <h2 id="tags-heading">{t('tags.title')} <span className="muted small">({tags.length})</span></h2>
      <form
        className="inline-form"
        onSubmit={async (e) => {
          e.preventDefault();
          const name = newTag.trim();
          if (name && (await run(() => call('tags.create', { name }), t('tags.created', { name })))) setNewTag('');
        }}
      >
        <label className="visually-hidden" htmlFor="new-tag">{t('tags.new')}</label>
        <input id="new-tag" value={newTag} onChange={(e) => setNewTag(e.target.value)} placeholder={t('tags.new')} maxLength={60} />
        <button type="submit" disabled={!newTag.trim()}>{t('taxonomy.add')}</button>
      </form>

      <div className="tag-toolbar">
        <input type="search" className="small-input" aria-label={t('library.filter.findTag')} placeholder={t('library.filter.findTag')} value={filter} onChange={(e) => setFilter(e.target.value)} />
        <span className="muted small" aria-live="polite">{t('tags.selected', { n: chosen.size })}</span>
        <button type="button" disabled={chosen.size < 2} onClick={() => setDialog({ kind: 'merge' })} title={chosen.size < 2 ? t('tags.mergeHint') : undefined}>
          {t('tags.merge')}…
        </button>
        <button type="button" className="danger" disabled={chosen.size === 0} onClick={() => setDialog({ kind: 'delete', tags: chosenTags })}>
          {t('tags.delete')}…
        </button>
      </div>

      {error && <p role="alert" className="error">{error}</p>}

      <div className="table-scroll">
        <table className="tag-table">
          <caption className="visually-hidden">{t('tags.title')}</caption>
          <thead>
            <tr>
              <th scope="col" className="c-check">
                <input
                  type="checkbox"
                  aria-label={t('tags.selectAllShown')}
                  checked={allShownChosen}
                  onChange={(e) => setChosen((c) => {
                    const next = new Set(c);
                    for (const x of shown) if (e.target.checked) next.add(x.id); else next.delete(x.id);
                    return next;
                  })}
                />
              </th>
              <th scope="col" aria-sort={sortBy === 'name' ? 'ascending' : undefined}>
                <button type="button" className="sort-header" onClick={() => setSortBy('name')}>{t('tags.name')}</button>
              </th>
              <th scope="col">{t('tags.slug')}</th>
              <th scope="col" aria-sort={sortBy === 'count' ? 'descending' : undefined} className="num">
                <button type="button" className="sort-header" onClick={() => setSortBy('count')}>{t('tags.articles')}</button>
              </th>
              <th scope="col"><span className="visually-hidden">{t('tags.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {shown.map((tag) => (
              <tr key={tag.id} data-tag-id={tag.id} className={chosen.has(tag.id) ? 'selected' : ''}>
                <td className="c-check">
                  <input type="checkbox" aria-label={t('tags.select', { name: tag.name })} checked={chosen.has(tag.id)} onChange={(e) => toggle(tag.id, e.target.checked)} />
                </td>
                <td>
                  {editing?.id === tag.id ? (
                    <input
                      className="small-input"
                      aria-label={t('tags.newName', { name: tag.name })}
                      value={editing.name}
                      autoFocus
                      maxLength={60}
                      onChange={(e) => setEditing({ id: tag.id, name: e.target.value })}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter') {
                          e.preventDefault();
                          void saveRename();
                        } else if (e.key === 'Escape') {
                          e.preventDefault();
                          e.stopPropagation();
                          setEditing(null);
                        }
                      }}
                    />
                  ) : (
                    tag.name
                  )}
                </td>
                <td className="muted">{tag.slug}</td>
                <td className="num">{tag.articleCount}</td>
                <td className="row-actions">
                  {editing?.id === tag.id ? (
                    <>
                      <button type="button" onClick={() => void saveRename()}>{t('common.save')}</button>
                      <button type="button" onClick={() => setEditing(null)}>{t('common.cancel')}</button>
                    </>
                  ) : (
                    <>
                      <button type="button" aria-label={`${t('tags.rename')}: ${tag.name}`} onClick={() => setEditing({ id: tag.id, name: tag.name })}>{t('tags.rename')}</button>
                      <button type="button" className="danger" aria-label={`${t('tags.delete')}: ${tag.name}`} onClick={() => setDialog({ kind: 'delete', tags: [tag] })}>{t('tags.delete')}</button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {shown.length === 0 && <p className="muted">{tags.length ? t('common.noMatches') : t('tags.none')}</p>}
        {matching.length > SHOWN && <p className="muted small">{t('tags.more', { n: matching.length - SHOWN })}</p>}
      </div>

      {dialog?.kind === 'merge' && (
        <MergeDialog
          tags={chosenTags}
          onMerge={async (targetId) => {
            const target = chosenTags.find((x) => x.id === targetId)!;
            const sources = chosenTags.filter((x) => x.id !== targetId);
            await call('tags.merge', { sourceIds: sources.map((x) => x.id), targetId });
            announceLibraryChange();
            setChosen(new Set([targetId]));
            toast({ message: t('tags.merged', { n: sources.length, name: target.name }) });
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          title={dialog.tags.length === 1 ? t('tags.deleteOneTitle', { name: dialog.tags[0]!.name }) : t('tags.deleteManyTitle', { n: dialog.tags.length })}
          danger
          confirmLabel={t('tags.delete')}
          message={
            <>
              <p>{t('tags.deleteExplain', { n: dialog.tags.reduce((s, x) => s + x.articleCount, 0) })}</p>
              {dialog.tags.length > 1 && <ul className="confirm-list">{dialog.tags.slice(0, 10).map((x) => <li key={x.id}>{x.name} ({x.articleCount})</li>)}</ul>}
            </>
          }
          onConfirm={async () => {
            for (const tag of dialog.tags) await call('tags.delete', { id: tag.id });
            announceLibraryChange();
            setChosen((c) => new Set([...c].filter((id) => !dialog.tags.some((x) => x.id === id))));
            toast({ message: t('tags.deleted', { n: dialog.tags.length }) });
          }}
          onClose={() => setDialog(null)}
        />
      )}
    </section>
  );
}

/** Merge: pick which of the ticked tags survives (by default the most used one). */
function MergeDialog({ tags, onMerge, onClose }: { tags: Tag[]; onMerge(targetId: number): Promise<void>; onClose(): void }) {
  const { t } = useI18n();
  const byUse = [...tags].sort((a, b) => b.articleCount - a.articleCount);
  const [target, setTarget] = useState(byUse[0]!.id);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const merge = async () => {
    setBusy(true);
    setError(null);
    try {
      await onMerge(target);
      onClose();
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };
  const targetName = tags.find((x) => x.id === target)?.name ?? '';
  return (
    <Dialog
      title={t('tags.mergeTitle', { n: tags.length })}
      onClose={onClose}
      testId="merge-dialog"
      footer={
        <>
          <button type="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="button" className="primary" disabled={busy} onClick={() => void merge()}>{t('tags.mergeInto', { name: targetName })}</button>
        </>
      }
    >
      <fieldset className="radio-list">
        <legend>{t('tags.mergeKeep')}</legend>
        {byUse.map((tag) => (
          <label key={tag.id} className="check-label">
            <input type="radio" name="merge-target" checked={target === tag.id} onChange={() => setTarget(tag.id)} />
            <span>{tag.name}</span> <span className="count">{tag.articleCount}</span>
          </label>
        ))}
      </fieldset>
      <p className="muted small">{t('tags.mergeExplain')}</p>
      {error && <p role="alert" className="error">{error}</p>}
    </Dialog>
  );
}
