import { useI18n } from '../i18n/i18n';
import type { ListedArticle } from './useRelated';

type Linked = Pick<ListedArticle, 'id' | 'title' | 'status' | 'state'>;

/** A linked article's title as a link that opens it here (the editor saves before leaving). */
export function ArticleTitle({ article }: { article: Pick<Linked, 'id' | 'title'> }) {
  const { t } = useI18n();
  const title = article.title || t('library.untitled');
  return (
    <a className="rel-title" href={`#/article/${article.id}`} title={t('related.openNamed', { title })}>
      {title}
    </a>
  );
}

export function StatusBadge({ status }: { status: Linked['status'] }) {
  const { t } = useI18n();
  return <span className={`status status-${status}`}>{t(`status.${status}`)}</span>;
}

/**
 * Why a link will not show on the site: the target is in the trash, or not published. Said in
 * words (and a title with the consequence), never by colour alone.
 */
export function StateFlag({ state }: { state: Linked['state'] }) {
  const { t } = useI18n();
  if (state === 'live') return null;
  const trashed = state === 'trashed';
  return (
    <span
      className={`rel-flag ${trashed ? 'rel-flag-trashed' : 'rel-flag-unpublished'}`}
      data-testid={`flag-${state}`}
      title={t(trashed ? 'related.flag.trashedTitle' : 'related.flag.unpublishedTitle')}
    >
      <span aria-hidden="true">{trashed ? '⚠ ' : '○ '}</span>
      {t(trashed ? 'related.flag.trashed' : 'related.flag.unpublished')}
    </span>
  );
}

/** Title, then status and flag on one line: the shape every list in the panel shares. */
export function ArticleSummary({ article }: { article: Linked }) {
  return (
    <span className="rel-summary">
      <ArticleTitle article={article} />
      <span className="rel-meta">
        {article.state !== 'trashed' && <StatusBadge status={article.status} />}
        <StateFlag state={article.state} />
      </span>
    </span>
  );
}
