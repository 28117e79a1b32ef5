import type { Translate } from '../i18n/i18n';
import type { Locale } from '../i18n/messages';
import type { Suggestion } from './useRelated';

type Reason = Suggestion['reasons'][number];

/** Reasons whose evidence is a list the core joins with ", " (tag names, key terms). */
const LISTS = new Set<Reason['kind']>(['sharedTerms', 'sharedTags']);

/**
 * A suggestion's reason as a phrase a person reads: the kind is translated here, the evidence
 * (tag names, a category, terms, a date) is the library's own words. Chinese lists take the
 * enumeration comma.
 */
export function reasonLabel(reason: Reason, t: Translate, locale: Locale): string {
  const text = LISTS.has(reason.kind) && locale === 'zh-CN' ? reason.text.split(', ').join('、') : reason.text;
  return t(`related.reason.${reason.kind}`, { text });
}
