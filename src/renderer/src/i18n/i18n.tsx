import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { messages, type Locale, type MessageKey } from './messages';
import { setErrorPhraser } from './errors';

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** 'auto' follows the system language: Chinese systems get Simplified Chinese, others English. */
export function resolveLocale(setting: 'auto' | Locale, systemLanguage = navigator.language): Locale {
  if (setting !== 'auto') return setting;
  return systemLanguage.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/**
 * Messages may hold a singular and a plural form, "one|other", chosen by a numeric `n`
 * (Chinese needs only one form). Numbers are written the locale's way (12,345).
 */
export function makeTranslate(locale: Locale): Translate {
  const table = messages[locale] as Record<MessageKey, string>;
  const numbers = new Intl.NumberFormat(locale);
  return (key, vars) => {
    let s: string = table[key] ?? messages.en[key] ?? key;
    if (s.includes('|')) {
      const [one, other] = s.split('|') as [string, string];
      s = typeof vars?.n === 'number' && vars.n === 1 ? one : (other ?? one);
    }
    if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, typeof v === 'number' ? numbers.format(v) : v);
    return s;
  };
}

const I18nContext = createContext<{ locale: Locale; t: Translate }>({ locale: 'en', t: makeTranslate('en') });

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const value = useMemo(() => {
    const t = makeTranslate(locale);
    // Errors from the core are phrased when `call` throws them, in the language shown now.
    setErrorPhraser(t, locale);
    return { locale, t };
  }, [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export const useI18n = () => useContext(I18nContext);
