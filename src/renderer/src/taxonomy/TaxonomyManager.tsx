import { useI18n } from '../i18n/i18n';
import { CategoryManager } from './CategoryManager';
import { TagManager } from './TagManager';

/** Keeping the category tree and the tags in order: one page, two panels. */
export function TaxonomyManager() {
  const { t } = useI18n();
  return (
    <div className="taxonomy-page" data-testid="taxonomy">
      <h1 className="page-title">{t('taxonomy.title')}</h1>
      <div className="taxonomy-panels">
        <CategoryManager />
        <TagManager />
      </div>
    </div>
  );
}
