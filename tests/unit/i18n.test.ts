import { describe, expect, it } from 'vitest';
import { messages } from '../../src/renderer/src/i18n/messages';
import { makeTranslate, resolveLocale } from '../../src/renderer/src/i18n/i18n';

/** Every UI string exists in both languages, with the same placeholders and plural shape. */
describe('UI strings', () => {
  const en = messages.en as Record<string, string>;
  const zh = messages['zh-CN'] as Record<string, string>;
  const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it('has every English key in Chinese and every Chinese key in English', () => {
    const missingInZh = Object.keys(en).filter((k) => !(k in zh));
    const missingInEn = Object.keys(zh).filter((k) => !(k in en));
    expect(missingInZh).toEqual([]);
    expect(missingInEn).toEqual([]);
    expect(Object.keys(en).length).toBeGreaterThan(200);
  });

  it('has no empty strings', () => {
    const empty = [...Object.entries(en), ...Object.entries(zh)].filter(([, v]) => v.trim() === '').map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it('uses the same placeholders in both languages', () => {
    const differing = Object.keys(en).filter((k) => {
      const a = [...new Set(placeholders(en[k]!))];
      const b = [...new Set(placeholders(zh[k] ?? ''))];
      return JSON.stringify(a) !== JSON.stringify(b);
    });
    expect(differing).toEqual([]);
  });

  it('writes Chinese strings in Chinese (a copied English string is a missing translation)', () => {
    // Keys whose value is legitimately the same in both (symbols, product names).
    const same = new Set(['library.order.az', 'library.order.za']);
    const untranslated = Object.keys(en).filter((k) => !same.has(k) && en[k] === zh[k] && /[A-Za-z]{3}/.test(en[k]!.replace(/\{\w+\}/g, '')));
    expect(untranslated).toEqual([]);
  });

  it('chooses singular and plural forms by n, and formats numbers per locale', () => {
    const t = makeTranslate('en');
    expect(t('library.count', { n: 1 })).toBe('1 article');
    expect(t('library.count', { n: 12345 })).toBe('12,345 articles');
    expect(t('library.count', { n: 0 })).toBe('0 articles');
    expect(makeTranslate('zh-CN')('library.count', { n: 12345 })).toBe('12,345篇文章');
    expect(t('trash.confirmOne', { title: '都昌' })).toContain('“都昌”');
  });

  it('follows the system language when set to auto', () => {
    expect(resolveLocale('auto', 'zh-CN')).toBe('zh-CN');
    expect(resolveLocale('auto', 'zh-TW')).toBe('zh-CN');
    expect(resolveLocale('auto', 'en-GB')).toBe('en');
    expect(resolveLocale('auto', 'de-DE')).toBe('en');
    expect(resolveLocale('en', 'zh-CN')).toBe('en');
    expect(resolveLocale('zh-CN', 'en-US')).toBe('zh-CN');
  });
});
