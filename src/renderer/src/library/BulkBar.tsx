import { useI18n } from '../i18n/i18n';
import { MenuButton } from '../app/MenuButton';
import { STATUSES, type Status } from './query';

export interface BulkHandlers {
  setStatus(status: Status): void;
  addTags(): void;
  removeTags(): void;
  moveToCategory(): void;
  exportSelected(): void;
  trash(): void;
  restore(): void;
  deleteForever(): void;
  clear(): void;
}

/**
 * What can be done to every selected article at once. Each action is one contract call (one
 * transaction in the core) except trash and restore, which go article by article.
 */
export function BulkBar(props: { count: number; view: 'articles' | 'trash'; exportAvailable: boolean; handlers: BulkHandlers }) {
  const { t } = useI18n();
  const h = props.handlers;
  return (
    <div className="bulk-bar" role="toolbar" aria-label={t('bulk.toolbar')} data-testid="bulk-bar">
      <span className="bulk-count" aria-live="polite">{t('bulk.selected', { n: props.count })}</span>
      {props.view === 'articles' ? (
        <>
          <MenuButton
            label={t('bulk.setStatus')}
            testId="bulk-status"
            items={STATUSES.map((s) => ({ key: s, label: t(`status.${s}`), onSelect: () => h.setStatus(s) }))}
          />
          <button type="button" onClick={h.addTags}>{t('bulk.addTags')}…</button>
          <button type="button" onClick={h.removeTags}>{t('bulk.removeTags')}…</button>
          <button type="button" onClick={h.moveToCategory}>{t('bulk.moveToCategory')}…</button>
          <button
            type="button"
            aria-disabled={!props.exportAvailable}
            className={props.exportAvailable ? '' : 'is-disabled'}
            title={props.exportAvailable ? undefined : t('bulk.exportUnavailable')}
            onClick={h.exportSelected}
          >
            {t('bulk.export')}…
          </button>
          <button type="button" className="danger" onClick={h.trash}>{t('library.moveToTrash')}</button>
        </>
      ) : (
        <>
          <button type="button" onClick={h.restore}>{t('library.restore')}</button>
          <button type="button" className="danger" onClick={h.deleteForever}>{t('library.deleteForever')}…</button>
        </>
      )}
      <button type="button" className="link-like" onClick={h.clear}>{t('bulk.clear')}</button>
    </div>
  );
}
