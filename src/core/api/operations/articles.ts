import { z } from 'zod';
import { defineOperation } from '../contract.js';
import { Article, ArticleFields, ArticleSummary, Id, Status } from '../schemas.js';
import {
  createArticle, deleteArticleForever, getArticle, restoreArticle, saveArticle,
  trashArticle, replaceTags, touchArticle, getArticleRow,
} from '../../articles/articles.js';
import { listArticles } from '../../articles/list.js';
import { recordRevision } from '../../articles/revisions.js';
import { indexArticle } from '../../search/indexer.js';
import { categoryExists } from '../../taxonomy/categories.js';
import { notFound } from '../../errors.js';
import { getSettings } from '../../settings/settings.js';
import { brokenLinksOf } from '../../related/integrity.js';
import { publishChecks, PUBLISH_CHECK_KINDS } from '../../content/publish-checks.js';
import type { SerializedEditorState } from '../../content/lexical-json.js';

const IdInput = z.strictObject({ id: Id });
const Ids = z.array(Id).min(1).max(10_000);

export const articleOperations = {
  'articles.create': defineOperation({
    summary: 'Create an article (every field optional; a title gets a pinyin/ASCII slug that follows it until set or published; the author defaults to the settings\' one).',
    input: ArticleFields.partial(),
    output: Article,
    // A new article is signed with the settings' default author unless the caller names one.
    handler: ({ db }, input) => createArticle(db, input.author === undefined ? { ...input, author: getSettings(db).defaultAuthor } : input),
  }),
  'articles.get': defineOperation({
    summary: 'One article with its body, tags and derived fields.',
    input: IdInput,
    output: Article,
    handler: ({ db }, { id }) => getArticle(db, id),
  }),
  'articles.list': defineOperation({
    summary: 'A page of article summaries, sorted and filtered.',
    input: z.strictObject({
      page: z.int().min(1).max(1_000_000).default(1),
      pageSize: z.int().min(1).max(500).default(50),
      sort: z.enum(['updated', 'created', 'published', 'title']).default('updated'),
      order: z.enum(['asc', 'desc']).default('desc'),
      status: z.union([Status, z.array(Status)]).optional().transform((s) => (s === undefined ? undefined : Array.isArray(s) ? s : [s])),
      categoryId: Id.optional(),
      includeSubcategories: z.boolean().default(true),
      tagId: Id.optional(),
      author: z.string().max(200).optional(),
      trashed: z.boolean().default(false),
    }),
    output: z.object({ items: z.array(ArticleSummary), total: z.int(), page: z.int(), pageSize: z.int() }),
    handler: ({ db }, q) => listArticles(db, q),
  }),
  'articles.save': defineOperation({
    summary: 'Save changes, naming the version edited; a stale version is a conflict.',
    input: ArticleFields.partial().extend({ id: Id, version: z.int().min(1) }).strict(),
    output: Article,
    handler: ({ db }, input) => saveArticle(db, input),
  }),
  'articles.trash': defineOperation({
    summary: 'Move an article to the trash.',
    input: IdInput,
    output: ArticleSummary,
    handler: ({ db }, { id }) => trashArticle(db, id),
  }),
  'articles.restore': defineOperation({
    summary: 'Bring an article back from the trash.',
    input: IdInput,
    output: ArticleSummary,
    handler: ({ db }, { id }) => restoreArticle(db, id),
  }),
  'articles.deleteForever': defineOperation({
    summary: 'Delete a trashed article and its revisions for good.',
    input: IdInput,
    output: z.object({ id: Id }),
    handler: ({ db }, { id }) => deleteArticleForever(db, id),
  }),
  'articles.emptyTrash': defineOperation({
    summary: 'Delete every trashed article for good.',
    input: z.strictObject({}),
    output: z.object({ deleted: z.int() }),
    handler: ({ db }) =>
      db.transaction(() => {
        const ids = db.prepare('SELECT id FROM articles WHERE deleted_at IS NOT NULL').all() as Array<{ id: number }>;
        for (const { id } of ids) deleteArticleForever(db, id);
        return { deleted: ids.length };
      }).immediate(),
  }),
  'articles.setTags': defineOperation({
    summary: 'Set, add or remove tags on one or many articles (names create tags inline).',
    input: z.strictObject({
      ids: Ids,
      mode: z.enum(['replace', 'add', 'remove']).default('replace'),
      tags: ArticleFields.shape.tags,
    }),
    output: z.object({ updated: z.int() }),
    handler: ({ db }, { ids, mode, tags }) =>
      db.transaction(() => {
        for (const id of ids) {
          getArticleRow(db, id);
          const current = (db.prepare('SELECT tag_id AS t FROM article_tags WHERE article_id = ? ORDER BY position').all(id) as Array<{ t: number }>).map((r) => r.t);
          if (mode === 'replace') replaceTags(db, id, tags);
          else if (mode === 'add') replaceTags(db, id, [...current, ...tags]);
          else {
            const names = new Set(tags.filter((t): t is string => typeof t === 'string').map((t) => t.toLowerCase()));
            const drop = new Set(tags.filter((t): t is number => typeof t === 'number'));
            const byName = db.prepare('SELECT name FROM tags WHERE id = ?');
            replaceTags(db, id, current.filter((t) => !drop.has(t) && !names.has(((byName.get(t) as { name: string }).name).toLowerCase())));
          }
          touchArticle(db, id);
          indexArticle(db, id);
        }
        return { updated: ids.length };
      }).immediate(),
  }),
  'articles.setCategory': defineOperation({
    summary: 'Move one or many articles to a category (null: uncategorised).',
    input: z.strictObject({ ids: Ids, categoryId: Id.nullable() }),
    output: z.object({ updated: z.int() }),
    handler: ({ db }, { ids, categoryId }) =>
      db.transaction(() => {
        if (categoryId !== null && !categoryExists(db, categoryId)) throw notFound('Category', categoryId);
        for (const id of ids) {
          getArticleRow(db, id);
          db.prepare('UPDATE articles SET category_id = ? WHERE id = ?').run(categoryId, id);
          touchArticle(db, id);
          indexArticle(db, id);
        }
        return { updated: ids.length };
      }).immediate(),
  }),
  'articles.publishChecks': defineOperation({
    summary: 'Before moving articles to ready or published: what the site would get wrong (no title, no text, a placeholder slug, related or linked articles it will not have). Articles of the same batch count as having the new status.',
    input: z.strictObject({ ids: Ids, status: z.enum(['ready', 'published']) }),
    output: z.object({
      articles: z.array(z.object({
        id: Id,
        title: z.string(),
        findings: z.array(z.object({ kind: z.enum(PUBLISH_CHECK_KINDS), params: z.record(z.string(), z.union([z.string(), z.number()])), message: z.string() })),
      })),
    }),
    handler: ({ db }, { ids, status }) => {
      const batch = new Set(ids);
      const articles = [];
      for (const id of ids) {
        const row = getArticleRow(db, id);
        // A target published in the same batch will be on the site with it.
        const links = brokenLinksOf(db, id).filter((l) => !(status === 'published' && l.state === 'unpublished' && batch.has(l.targetId)));
        const findings = publishChecks({ title: row.title, slug: row.slug, body: JSON.parse(row.body) as SerializedEditorState, links });
        if (findings.length) articles.push({ id, title: row.title, findings });
      }
      return { articles };
    },
  }),
  'articles.setStatus': defineOperation({
    summary: 'Set the status of one or many articles (each change is a revision).',
    input: z.strictObject({ ids: Ids, status: Status }),
    output: z.object({ updated: z.int() }),
    handler: ({ db }, { ids, status }) =>
      db.transaction(() => {
        let updated = 0;
        for (const id of ids) {
          const row = getArticleRow(db, id);
          if (row.status === status) continue;
          recordRevision(db, id, 'status', `${row.status} → ${status}`);
          db.prepare(`UPDATE articles SET status = ?, published_at = CASE WHEN ? = 'published' AND published_at IS NULL
            THEN ? ELSE published_at END, slug_manual = CASE WHEN ? = 'published' THEN 1 ELSE slug_manual END WHERE id = ?`)
            .run(status, status, new Date().toISOString(), status, id);
          touchArticle(db, id);
          indexArticle(db, id);
          updated++;
        }
        return { updated };
      }).immediate(),
  }),
};
