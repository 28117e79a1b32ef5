import { useI18n } from '../i18n/i18n';
import { useTaxonomy } from '../taxonomy/TaxonomyProvider';
import { breadcrumb } from '../taxonomy/categoryTree';
import { useLibraryState } from './LibraryState';

/**
 * The filters in force, as removable chips above the list: visible even when the sidebar is
 * not (beside an open article), so a filtered list never passes for the whole library.
 */
export function FilterChips() {
  const { t } = useI18n();
  const { query, setQuery } = useLibraryState();
  const { tree, tags } = useTaxonomy();
  const chips: Array<{ key: string; label: string; clear(): void }> = [];
  if (query.text.trim()) chips.push({ key: 'text', label: `${t('search.label')}: ${query.text.trim()}`, clear: () => setQuery({ text: '' }) });
  if (query.categoryId !== null) {
    const node = tree.byId.get(query.categoryId);
    chips.push({ key: 'category', label: `${t('library.filter.category')}: ${node ? breadcrumb(node.category.path) : '…'}`, clear: () => setQuery({ categoryId: null }) });
  }
  if (query.tagId !== null) {
    const tag = tags.find((x) => x.id === query.tagId);
    chips.push({ key: 'tag', label: `${t('library.filter.tag')}: ${tag?.name ?? '…'}`, clear: () => setQuery({ tagId: null }) });
  }
  for (const s of query.statuses) {
    chips.push({ key: `status-${s}`, label: `${t('library.filter.status')}: ${t(`status.${s}`)}`, clear: () => setQuery((q) => ({ ...q, statuses: q.statuses.filter((x) => x !== s) })) });
  }
  if (query.author.trim()) chips.push({ key: 'author', label: `${t('library.filter.author')}: ${query.author.trim()}`, clear: () => setQuery({ author: '' }) });
  if (query.from || query.to) {
    chips.push({ key: 'dates', label: `${t('library.filter.dates')}: ${query.from || '…'} – ${query.to || '…'}`, clear: () => setQuery({ from: '', to: '' }) });
  }
  if (chips.length === 0) return null;
  return (
    <ul className="chips" aria-label={t('library.activeFilters')} data-testid="filter-chips">
      {chips.map((c) => (
        <li key={c.key}>
          <button type="button" className="chip" aria-label={t('library.removeFilter', { filter: c.label })} onClick={c.clear}>
            <span>{c.label}</span> <span aria-hidden="true">×</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
