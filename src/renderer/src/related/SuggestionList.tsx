import { useId, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { ArticleSummary, ArticleTitle } from './ArticleBits';
import { reasonLabel } from './reasons';
import type { NearDuplicate, Suggestion } from './useRelated';

/**
 * Suggestions, each with the reasons it is there as chips (strongest first), and one click to
 * add it to the list. The core already leaves out what is listed, linked, trashed or archived.
 */
export function SuggestionList(props: { suggestions: Suggestion[]; onAdd(s: Suggestion): Promise<void> }) {
  const { t, locale } = useI18n();
  const [busy, setBusy] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (props.suggestions.length === 0) return <p className="muted small">{t('related.suggestionsEmpty')}</p>;
  const add = async (s: Suggestion) => {
    setBusy(s.id);
    try {
      await props.onAdd(s);
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(null);
    }
  };
  return (
    <>
      <ul className="rel-list rel-suggestions" data-testid="related-suggestions">
        {props.suggestions.map((s) => {
          const title = s.title || t('library.untitled');
          return (
            <li key={s.id} className="rel-suggestion" data-testid="related-suggestion" data-id={s.id}>
              <span className="rel-body">
                <ArticleSummary article={s} />
                <ul className="rel-reasons" aria-label={t('related.score', { score: s.score.toFixed(2) })}>
                  {s.reasons.map((r, i) => (
                    <li key={i} className={`rel-reason rel-reason-${r.kind}`} data-kind={r.kind}>{reasonLabel(r, t, locale)}</li>
                  ))}
                </ul>
              </span>
              <button type="button" className="small-button" aria-label={t('related.addNamed', { title })} disabled={busy !== null} onClick={() => void add(s)} data-testid="suggestion-add">
                + {t('related.add')}
              </button>
            </li>
          );
        })}
      </ul>
      {error && <p role="alert" className="error small">{error}</p>}
    </>
  );
}

/**
 * Articles that repeat this one's text almost entirely: a finding for the copy desk (merge,
 * trash, or keep on purpose), so they are shown apart with a warning and no Add button.
 */
export function NearDuplicateList({ items }: { items: NearDuplicate[] }) {
  const { t } = useI18n();
  const titleId = useId();
  if (items.length === 0) return null;
  return (
    <section className="rel-section rel-duplicates" role="note" aria-labelledby={titleId} data-testid="related-duplicates">
      <h3 id={titleId}><span aria-hidden="true">⚠ </span>{t('related.duplicatesTitle')}</h3>
      <p className="small">{t('related.duplicatesWarning')}</p>
      <ul className="rel-list">
        {items.map((d) => (
          <li key={d.id} className="rel-duplicate">
            <span className="rel-summary">
              <ArticleTitle article={d} />
              <span className="rel-meta">
                <span className="small">{t('related.similarity', { pct: Math.round(Math.max(d.containment, d.similarity) * 100) })}</span>
                {d.linked && <span className="rel-mark">{t('related.linkedAlready')}</span>}
              </span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
