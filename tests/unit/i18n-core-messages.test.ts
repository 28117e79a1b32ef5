import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeLibrary, type TestLibrary } from './helpers.js';
import { seedWelcomeContent } from '../../src/core/samples/welcome.js';
import { makeTranslate } from '../../src/renderer/src/i18n/i18n';
import { phraseError, phraseIssue, phraseNote, type Issue } from '../../src/renderer/src/i18n/errors';
import type { ContractError } from '../../src/core/api/contract.js';

/**
 * What the core says reaches a Chinese editor in Chinese: errors and history entries carry a
 * message key and parameters that the UI phrases (the CLI keeps the English message), and the
 * first-run content is Chinese.
 */
let lib: TestLibrary;
beforeEach(async () => { lib = await makeLibrary(); });
afterEach(() => lib.dispose());

const zh = makeTranslate('zh-CN');
const en = makeTranslate('en');
const failure = async (op: string, input: unknown): Promise<ContractError> => {
  const r = await lib.raw(op, input);
  if (r.ok) throw new Error(`${op} succeeded`);
  return r.error;
};
/** A run of three or more Latin letters that is not a proper noun or a format name. */
const english = (s: string) => /[A-Za-z]{3,}/.test(s.replace(/Copydesk|HTML|Markdown|PNG|JPEG|GIF|WebP|URL|HTTP|https?:\/\/\S+|\{\w+\}/g, ''));

describe('core errors carry a message key the UI phrases', () => {
  it('"Article 69 does not exist." becomes Chinese in the Chinese UI and stays English for the CLI', async () => {
    const error = await failure('articles.get', { id: 69 });
    expect(error.message).toBe('Article 69 does not exist.');
    expect(error.details).toMatchObject({ key: 'notFound', params: { what: 'Article', id: '69' } });
    expect(phraseError(error, zh, 'zh-CN')).toBe('编号为69的文章不存在。');
    expect(phraseError(error, en, 'en')).toBe('Article 69 does not exist.');
  });

  it('taxonomy, tag and input errors are phrased, and an unknown key falls back to the code', async () => {
    await lib.ok('tags.create', { name: '产业' });
    expect(phraseError(await failure('tags.create', { name: '产业' }), zh, 'zh-CN')).toBe('已有名为“产业”的标签。');
    const cat = await lib.ok('categories.create', { name: '产业信息', parentId: null });
    expect(phraseError(await failure('categories.merge', { id: cat.id, into: cat.id }), zh, 'zh-CN')).toBe('分类不能合并到它自己。');
    expect(phraseError(await failure('categories.create', { name: '', parentId: null }), zh, 'zh-CN')).toBe('未保存：不能为空');
    const odd: ContractError = { code: 'conflict', message: 'Something only the core knows.', details: { key: 'no.such.key' } };
    expect(phraseError(odd, zh, 'zh-CN')).toBe('文章库在此期间已有改动，请重新加载后再试。');
    expect(phraseError(odd, en, 'en')).toBe('Something only the core knows.');
  });

  it('settings validation: an invalid URL and a URL pattern without {slug} or {id}', async () => {
    const error = await failure('settings.set', { baseUrl: 'not a url', urlPattern: '/{category}/' });
    const issues = (error.details as { issues: Issue[] }).issues;
    const byField = Object.fromEntries(issues.map((i) => [String(i.path?.[0]), phraseIssue(i, zh)]));
    expect(byField).toEqual({ baseUrl: '网址无效：请填写完整地址，例如https://www.example.com', urlPattern: '网址格式中必须包含{slug}或{id}。' });
    expect(error.message).toContain('the URL pattern needs {slug} or {id}');
  });
});

describe('history entries written by the core', () => {
  it('a status change is phrased with the statuses\' names', async () => {
    const a = await lib.ok('articles.create', { title: '甲' });
    await lib.ok('articles.save', { id: a.id, version: a.version, status: 'in_review' });
    const revisions = await lib.ok('revisions.list', { articleId: a.id });
    const change = revisions.find((r) => r.reason === 'status')!;
    expect(change.label).toBe('draft → in_review');
    expect(phraseNote(change.note!, zh)).toBe('草稿→审核中');
    expect(phraseNote(change.note!, en)).toBe('Draft → In review');
  });
});

describe('first-run content', () => {
  it('is Chinese: the welcome article, its category and its tag', async () => {
    seedWelcomeContent(lib.db);
    const rows = lib.db.prepare(`SELECT title AS text FROM articles UNION ALL SELECT plain_text FROM articles
      UNION ALL SELECT name FROM categories UNION ALL SELECT name FROM tags`).all() as Array<{ text: string }>;
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.map((r) => r.text).filter(english)).toEqual([]);
  });
});
