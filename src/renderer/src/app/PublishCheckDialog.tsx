import { call, type OutputOf } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { Dialog } from './Dialog';

export type CheckedArticle = OutputOf<'articles.publishChecks'>['articles'][number];
type Finding = CheckedArticle['findings'][number];
export type CheckedStatus = 'ready' | 'published';

/** The copy-desk checks that matter for the site, for `ids` about to move to `status`. Advice only: a failed check lets the change go ahead. */
export async function checkBeforeStatus(ids: number[], status: string): Promise<CheckedArticle[]> {
  if (status !== 'ready' && status !== 'published') return [];
  try {
    const out: CheckedArticle[] = [];
    for (let i = 0; i < ids.length; i += 500) out.push(...(await call('articles.publishChecks', { ids: ids.slice(i, i + 500), status })).articles);
    return out;
  } catch {
    return [];
  }
}

const SHOWN = 20;

/**
 * Asks before an article (or a batch) with problems goes to ready or published, listing them.
 * "Go back and fix" has the focus, so Enter or Escape never publishes by accident.
 */
export function PublishCheckDialog(props: {
  status: CheckedStatus;
  articles: CheckedArticle[];
  /** More than one article was being changed: each one's findings go under its title. */
  bulk: boolean;
  onConfirm(): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const status = t(`status.${props.status}`);
  const phrase = (f: Finding) => t(`publishCheck.${f.kind}`, {
    slug: String(f.params.slug ?? ''),
    title: String(f.params.title || `#${f.params.id}`),
    state: t(`publishCheck.state.${(f.params.state ?? 'unpublished') as 'unpublished' | 'trashed' | 'missing'}`),
  });
  const list = (a: CheckedArticle) => <ul className="publish-findings">{a.findings.map((f, i) => <li key={i} data-kind={f.kind}>{phrase(f)}</li>)}</ul>;
  return (
    <Dialog
      title={t('publishCheck.title', { status })}
      onClose={props.onCancel}
      testId="publish-check-dialog"
      footer={
        <>
          <button type="button" onClick={props.onCancel} autoFocus>{t('publishCheck.fix')}</button>
          <button type="button" className="primary" onClick={props.onConfirm}>{t('publishCheck.confirm', { status })}</button>
        </>
      }
    >
      {props.bulk ? (
        <>
          <p>{t('publishCheck.introBulk', { n: props.articles.length })}</p>
          {props.articles.slice(0, SHOWN).map((a) => (
            <section key={a.id} className="publish-check-article">
              <h3>{a.title || t('library.untitled')}</h3>
              {list(a)}
            </section>
          ))}
          {props.articles.length > SHOWN && <p className="muted">{t('trash.andMore', { n: props.articles.length - SHOWN })}</p>}
        </>
      ) : (
        <>
          <p>{t('publishCheck.intro')}</p>
          {props.articles[0] && list(props.articles[0])}
        </>
      )}
    </Dialog>
  );
}
