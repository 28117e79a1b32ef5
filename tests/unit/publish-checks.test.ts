import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeLibrary, type TestLibrary } from './helpers.js';
import { bodyFromParagraphs, emptyBody, paragraphNode, textNode, type SerializedEditorState } from '../../src/core/content/lexical-json.js';
import { publishChecks } from '../../src/core/content/publish-checks.js';

const withLinkTo = (id: number): SerializedEditorState => {
  const body = bodyFromParagraphs(['见']);
  body.root.children!.push(paragraphNode([{ type: 'article-link', version: 1, articleId: id, children: [textNode('上一篇')] }]));
  return body;
};

describe('publishChecks (pure)', () => {
  it('names an untitled, empty article under a placeholder slug', () => {
    const kinds = publishChecks({ title: ' ', slug: 'article-3', body: emptyBody(), links: [] }).map((f) => f.kind);
    expect(kinds).toEqual(['no-title', 'empty-body', 'placeholder-slug']);
  });
  it('passes a titled article with text and a real slug', () => {
    expect(publishChecks({ title: '还款', slug: 'huan-kuan', body: bodyFromParagraphs(['正文']), links: [] })).toEqual([]);
    // `article-x` or `articles` are real slugs, not the placeholder.
    expect(publishChecks({ title: 'A', slug: 'articles', body: bodyFromParagraphs(['x']), links: [] })).toEqual([]);
  });
});

describe('articles.publishChecks', () => {
  let lib: TestLibrary;
  beforeEach(async () => {
    lib = await makeLibrary();
  });
  afterEach(() => lib.dispose());

  it('finds what the site would get wrong, per article', async () => {
    const blank = await lib.ok('articles.create', {});
    const draft = await lib.ok('articles.create', { title: '草稿', body: bodyFromParagraphs(['未发布']) });
    const live = await lib.ok('articles.create', { title: '已发布', body: bodyFromParagraphs(['x']), status: 'published' });
    const holder = await lib.ok('articles.create', { title: '重庆银行', body: withLinkTo(draft.id) });
    await lib.ok('related.add', { id: holder.id, targetId: draft.id });
    await lib.ok('related.add', { id: holder.id, targetId: live.id });

    const r = await lib.ok('articles.publishChecks', { ids: [blank.id, holder.id, live.id], status: 'published' });
    expect(r.articles.map((a) => a.id)).toEqual([blank.id, holder.id]);
    expect(r.articles[0]!.findings.map((f) => f.kind)).toEqual(['no-title', 'empty-body', 'placeholder-slug']);
    expect(r.articles[1]!.findings).toMatchObject([
      { kind: 'unpublished-related', params: { id: draft.id, title: '草稿', state: 'unpublished' } },
      { kind: 'unpublished-link', params: { id: draft.id, title: '草稿', state: 'unpublished' } },
    ]);
    // Published together, the draft is no longer a problem for the holder.
    const together = await lib.ok('articles.publishChecks', { ids: [holder.id, draft.id], status: 'published' });
    expect(together.articles).toEqual([]);
    // Moving to ready: the draft still is not on the site.
    const ready = await lib.ok('articles.publishChecks', { ids: [holder.id, draft.id], status: 'ready' });
    expect(ready.articles.map((a) => a.id)).toEqual([holder.id]);
  });
});
