/**
 * WordPress WXR export → article drafts and report lines for what is not imported.
 *
 * Posts become articles. Status: publish → published, draft → draft, pending → in_review,
 * future → ready with scheduled_at (an approved post waiting for its time), private → archived
 * (kept in the library but not for the public site, which is what "private" meant there).
 * A password-protected post is imported as a draft, with a note: its password is not carried
 * over, so publishing it unchanged would expose what WordPress hid. Trashed and auto-draft
 * posts, pages, attachments, menu items and other post types are reported as skipped.
 *
 * Dates come from post_date_gmt (post_date when WordPress wrote no GMT date), authors by display
 * name, categories with their whole WordPress hierarchy (the first category listed on a post is
 * its primary one, the others secondary), tags by name, the excerpt as a manual excerpt. The
 * body goes through wpautop (classic posts) and the shared HTML converter; shortcodes other
 * than [caption] stay as text.
 */
import { describeConversion } from './conversion-notes.js';
import { wordpressDate } from './dates.js';
import { collapseWhitespace, htmlToText } from './dom.js';
import type { ArticleDraft, CategoryRef } from './draft.js';
import { convertHtml } from './html-to-body.js';
import type { ImportLine } from './report.js';
import { safeUrl } from './safe-url.js';
import type { SourceFile } from './sources.js';
import { wordpressContentToHtml } from './wpautop.js';
import { readWxr, type WxrCategory } from './wxr-reader.js';
import type { Status } from '../api/schemas.js';
import { importNote, type ImportNoteCode } from './import-notes.js';

const SKIPPED_TYPES: Record<string, ImportNoteCode> = {
  page: 'wxr-page',
  attachment: 'wxr-attachment',
  nav_menu_item: 'wxr-nav-item',
  revision: 'wxr-revision',
  wp_block: 'wxr-block',
  wp_template: 'wxr-template',
  wp_template_part: 'wxr-template-part',
  wp_navigation: 'wxr-navigation',
  wp_global_styles: 'wxr-theme-styles',
  custom_css: 'wxr-custom-css',
};

const STATUS_MAP: Record<string, Status> = {
  publish: 'published', draft: 'draft', pending: 'in_review', future: 'ready', private: 'archived',
};

export interface WxrImport {
  /** In the export's order: a draft for each post, a report line for each item not imported. */
  entries: Array<ArticleDraft | ImportLine>;
  /** Every category the site declares, as paths: the tree arrives whole, empty categories too. */
  categories: CategoryRef[][];
}

export function wxrDrafts(file: SourceFile): WxrImport {
  const doc = readWxr(file.text);
  const authors = new Map(doc.authors.map((a) => [cleanLogin(a.login), a.displayName]));
  const categories = new Map(doc.categories.map((c) => [c.slug, c]));
  const attachments = new Map(doc.items.filter((i) => i.postType === 'attachment').map((i) => [i.postId, i.attachmentUrl]));
  const posts = doc.items.filter((i) => i.postType === 'post');
  // The theme unit test itself holds posts sharing a GUID; the post id tells them apart.
  const guidCount = new Map<string, number>();
  for (const p of posts) guidCount.set(p.guid, (guidCount.get(p.guid) ?? 0) + 1);

  const entries: Array<ArticleDraft | ImportLine> = [];
  for (const item of doc.items) {
    const label = `${item.postType || 'item'} ${item.postId || '?'}`;
    const title = htmlToText(item.title);
    if (item.postType !== 'post') {
      entries.push({ file: file.label, item: label, kind: 'wxr', status: 'skipped', reason: SKIPPED_TYPES[item.postType] ? importNote(SKIPPED_TYPES[item.postType]!) : importNote('wxr-post-type', { type: item.postType }), title });
      continue;
    }
    let status = STATUS_MAP[item.status];
    if (!status) {
      const why = item.status === 'trash' ? importNote('wxr-trash') : item.status === 'auto-draft' ? importNote('wxr-auto-draft') : importNote('wxr-status', { status: item.status });
      entries.push({ file: file.label, item: label, kind: 'wxr', status: 'skipped', reason: why, title });
      continue;
    }
    const notes = [...file.notes];
    if (item.password) {
      status = 'draft';
      notes.push(importNote('wxr-password'));
    }
    const date = wordpressDate(item.postDateGmt, item.postDate);
    const modified = wordpressDate(item.postModifiedGmt, '');
    const guid = item.guid || `${doc.link}?p=${item.postId}`;
    const sourceKey = (guidCount.get(item.guid) ?? 0) > 1 ? `wxr:${guid}#${item.postId}` : `wxr:${guid}`;
    const slug = decodeSlug(item.postName);
    const categoryTerms = item.terms.filter((t) => t.domain === 'category');
    const paths = categoryTerms.map((t) => categoryPath(t.slug, t.name, categories));
    const format = item.terms.find((t) => t.domain === 'post_format')?.name;
    const thumbnail = attachments.get(item.meta._thumbnail_id ?? '');
    const content = item.content;
    const baseUrl = safeUrl(doc.link, 'link') ?? undefined;
    const excerpt = htmlToText(item.excerpt);

    entries.push({
      kind: 'wxr',
      file: file.label,
      item: label,
      sourceKey,
      title,
      ...(slug ? { slug } : {}),
      matchBySlug: Boolean(slug),
      status,
      author: authors.get(cleanLogin(item.creator)) ?? cleanLogin(item.creator),
      byline: '',
      ...(excerpt ? { excerpt } : {}),
      category: paths[0] ?? null,
      secondaryCategories: paths.slice(1),
      tags: item.terms.filter((t) => t.domain === 'post_tag').map((t) => collapseWhitespace(t.name || t.slug)),
      createdAt: status === 'ready' ? null : date,
      updatedAt: status === 'ready' ? null : modified && date && modified > date ? modified : date,
      publishedAt: status === 'published' ? date : null,
      scheduledAt: item.status === 'future' ? date : null,
      meta: {
        wordpress: {
          postId: Number(item.postId) || item.postId,
          link: item.link,
          ...(item.isSticky ? { sticky: true } : {}),
          ...(item.password ? { passwordProtected: true } : {}),
          ...(format ? { format } : {}),
          ...(item.status !== 'publish' ? { status: item.status } : {}),
        },
        ...(thumbnail && safeUrl(thumbnail, 'image') ? { cover: safeUrl(thumbnail, 'image') } : {}),
      },
      related: [],
      bodySource: content,
      makeBody: (bodyNotes) => {
        const converted = convertHtml(wordpressContentToHtml(content), baseUrl ? { baseUrl } : {});
        bodyNotes.push(...describeConversion(converted.notes));
        return converted.body;
      },
      notes,
    });
  }
  return { entries, categories: doc.categories.map((c) => categoryPath(c.slug, c.name, categories)) };
}

/** The category's full path from the top of the WordPress tree (names with their nicenames). */
function categoryPath(slug: string, name: string, categories: Map<string, WxrCategory>): CategoryRef[] {
  const path: CategoryRef[] = [];
  const seen = new Set<string>();
  let current = categories.get(slug);
  if (!current) return [{ name: htmlToText(name || slug), slug: decodeSlug(slug) }];
  while (current && !seen.has(current.slug)) {
    seen.add(current.slug);
    path.unshift({ name: htmlToText(current.name), slug: decodeSlug(current.slug), ...(current.description ? { description: htmlToText(current.description) } : {}) });
    current = current.parentSlug ? categories.get(current.parentSlug) : undefined;
  }
  return path;
}

/** WordPress percent-encodes non-ASCII nicenames (`%e5%b9%bf…`); only ASCII slugs are kept as slugs. */
function decodeSlug(raw: string): string {
  let slug = raw.trim();
  try {
    slug = decodeURIComponent(slug);
  } catch {
    /* keep as written */
  }
  slug = slug.toLowerCase();
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug) ? slug : '';
}

/** Angle brackets cannot be part of a WordPress login: stray ones are damage in the export. */
function cleanLogin(login: string): string {
  return login.replace(/[<>"']/g, '').trim();
}

