import { useMemo } from 'react';
import { useI18n } from '../../i18n/i18n';
import { charDiff, diffBlocks } from './textDiff';

export interface DiffSide {
  label: string;
  title: string;
  blocks: string[];
}

/** Two versions side by side in one column: deletions struck through, insertions marked. */
export function DiffView({ before, after }: { before: DiffSide; after: DiffSide }) {
  const { t } = useI18n();
  const rows = useMemo(() => diffBlocks(before.blocks, after.blocks), [before.blocks, after.blocks]);
  const titleParts = useMemo(() => (before.title === after.title ? null : charDiff(before.title, after.title)), [before.title, after.title]);
  const unchanged = rows.every((r) => r.kind === 'same' || r.kind === 'skipped') && !titleParts;
  return (
    <div className="diff-view" data-testid="diff-view">
      <p className="diff-legend small">
        <del>{before.label}</del> → <ins>{after.label}</ins>
      </p>
      {titleParts && (
        <h4 className="diff-title">{titleParts.map((p, i) => <Part key={i} kind={p.kind} text={p.text} />)}</h4>
      )}
      {unchanged && <p className="muted">{t('history.noDifference')}</p>}
      {rows.map((r, i) => {
        if (r.kind === 'skipped') return <p key={i} className="diff-skipped muted small">{t('history.unchangedParagraphs', { n: r.count })}</p>;
        if (r.kind === 'same') return <p key={i} className="diff-row same">{r.text}</p>;
        if (r.kind === 'added') return <p key={i} className="diff-row added"><ins>{r.text}</ins></p>;
        if (r.kind === 'removed') return <p key={i} className="diff-row removed"><del>{r.text}</del></p>;
        if (r.kind !== 'changed') return null;
        return <p key={i} className="diff-row changed">{r.parts.map((p, k) => <Part key={k} kind={p.kind} text={p.text} />)}</p>;
      })}
    </div>
  );
}

function Part({ kind, text }: { kind: 'same' | 'added' | 'removed'; text: string }) {
  if (kind === 'added') return <ins>{text}</ins>;
  if (kind === 'removed') return <del>{text}</del>;
  return <>{text}</>;
}
