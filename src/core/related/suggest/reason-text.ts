import type { Reason, ReasonKind } from './suggest.js';

/**
 * A reason as a short English phrase, for the CLI and logs. The contract keeps reasons as
 * structured {kind, text}: the app translates the kind and shows the text (tag names, terms, a
 * category) as it is, in whatever language the library is written.
 */
const LABELS: Record<ReasonKind, string> = {
  sharedTerms: 'shares key terms',
  sharedTags: 'shared tags',
  sameCategory: 'same category',
  siblingCategory: 'neighbouring category',
  cousinCategory: 'nearby category',
  closeInTime: 'published close in time',
};

export function describeReason(reason: Pick<Reason, 'kind' | 'text'>): string {
  return reason.text ? `${LABELS[reason.kind]}: ${reason.text}` : LABELS[reason.kind];
}
