/**
 * A group of UI strings in both languages. The type makes a missing or extra Chinese key a
 * compile error; tests/unit/i18n.test.ts checks the merged table at run time too.
 */
export function defineMessages<const T extends Record<string, string>>(m: { en: T; 'zh-CN': { [K in keyof T]: string } }) {
  return m;
}
