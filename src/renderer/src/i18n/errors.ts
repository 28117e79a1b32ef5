import type { ContractError } from '../../../core/api/contract.js';
import { messages, type Locale, type MessageKey } from './messages';
import type { Translate } from './i18n';

/**
 * The one place where what the core says is phrased for a person, in the interface's language.
 * An error names a message key (`details.key`, `details.params`) when the core has one; else its
 * code gives a general sentence. In English the core's own message is the fallback, since it is
 * written for people; in Chinese an English sentence would be a foreign word in the interface.
 */
export function phraseError(error: ContractError, t: Translate, locale: Locale): string {
  const details = (error.details ?? {}) as { key?: unknown; params?: unknown; issues?: unknown };
  if (details.key === 'input.invalid' && Array.isArray(details.issues) && details.issues.length) {
    const issues = (details.issues as Issue[]).slice(0, 5).map((i) => phraseIssue(i, t));
    return t('error.input.invalid', { issues: [...new Set(issues)].join(locale === 'en' ? '; ' : '；') });
  }
  const phrased = typeof details.key === 'string' ? phraseKey(`error.${details.key}`, details.params, t) : null;
  if (phrased !== null) return phrased;
  if (locale === 'en' && error.message) return error.message;
  return hasKey(`error.code.${error.code}`) ? t(`error.code.${error.code}` as MessageKey) : t('error.code.internal');
}

export interface Issue {
  code?: string;
  path?: unknown[];
  message?: string;
  format?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  params?: { key?: unknown };
}

/** One validation issue of the contract's input schemas (zod's issue shapes), phrased. */
export function phraseIssue(issue: Issue, t: Translate): string {
  if (typeof issue.params?.key === 'string') {
    const phrased = phraseKey(`error.${issue.params.key}`, undefined, t);
    if (phrased !== null) return phrased;
  }
  const text = issue.origin === 'string' || issue.origin === undefined;
  switch (issue.code) {
    case 'invalid_format':
      return issue.format === 'url' ? t('error.issue.url') : t('error.issue.invalid');
    case 'too_small':
      if (text && Number(issue.minimum) === 1) return t('error.issue.required');
      return t(text ? 'error.issue.tooShort' : 'error.issue.tooSmall', { min: Number(issue.minimum) });
    case 'too_big':
      return t(text ? 'error.issue.tooLong' : 'error.issue.tooBig', { max: Number(issue.maximum) });
    default:
      return t('error.issue.invalid');
  }
}

/** A core message key with its parameters; the name of a thing (`what`) is phrased too. */
function phraseKey(key: string, params: unknown, t: Translate): string | null {
  if (!hasKey(key)) return null;
  const vars: Record<string, string | number> = {};
  if (params && typeof params === 'object') {
    for (const [k, v] of Object.entries(params)) if (typeof v === 'string' || typeof v === 'number') vars[k] = v;
  }
  if (typeof vars.what === 'string') vars.what = t((hasKey(`error.what.${vars.what}`) ? `error.what.${vars.what}` : 'error.what.other') as MessageKey);
  if (typeof vars.from === 'string' && hasKey(`status.${vars.from}`)) vars.from = t(`status.${vars.from}` as MessageKey);
  if (typeof vars.to === 'string' && hasKey(`status.${vars.to}`)) vars.to = t(`status.${vars.to}` as MessageKey);
  return t(key as MessageKey, vars);
}

function hasKey(key: string): boolean {
  return Object.hasOwn(messages.en, key);
}

/** A note the core attaches to data (a history entry), phrased like an error's key. */
export function phraseNote(note: { key: string; params?: Record<string, string | number> }, t: Translate): string | null {
  return phraseKey(note.key, note.params, t);
}

let current: (error: ContractError) => string = (error) => error.message;

/** The provider registers the interface's language, so every error thrown by `call` is phrased in it. */
export function setErrorPhraser(t: Translate, locale: Locale): void {
  current = (error) => phraseError(error, t, locale);
}

export function phraseCurrent(error: ContractError): string {
  return current(error);
}
