import type { Article, ArticlePatch } from '../useAutosave';

/** The article's fields as the metadata panel edits them (title and body live elsewhere). */
export interface MetaDraft {
  slug: string;
  excerpt: string;
  excerptIsManual: boolean;
  author: string;
  byline: string;
  categoryId: number | null;
  /** Existing tags by id; a new tag (created inline) has only a name until the save creates it. */
  tags: Array<{ id?: number; name: string }>;
  status: Article['status'];
  publishedAt: string | null;
  scheduledAt: string | null;
  coverAsset: string | null;
  seoTitle: string;
  seoDescription: string;
}

export function draftOf(a: Article): MetaDraft {
  return {
    slug: a.slug, excerpt: a.excerpt, excerptIsManual: a.excerptIsManual, author: a.author, byline: a.byline,
    categoryId: a.categoryId, tags: a.tags.map((t) => ({ id: t.id, name: t.name })), status: a.status,
    publishedAt: a.publishedAt, scheduledAt: a.scheduledAt, coverAsset: a.coverAsset, seoTitle: a.seoTitle, seoDescription: a.seoDescription,
  };
}

/** The save patch for a change of some draft fields. */
export function patchOf(change: Partial<MetaDraft>): ArticlePatch {
  const { tags, ...rest } = change;
  return { ...rest, ...(tags ? { tags: tags.map((t) => t.id ?? t.name) } : {}) } as ArticlePatch;
}

/** Fields a journal or pending patch holds, applied back onto a draft (tag ids keep names from `known`). */
export function applyPatch(draft: MetaDraft, patch: ArticlePatch, known: Array<{ id: number; name: string }>): MetaDraft {
  const next: MetaDraft = { ...draft };
  for (const key of Object.keys(patch) as Array<keyof ArticlePatch>) {
    if (key === 'tags' && patch.tags) {
      next.tags = patch.tags.map((t) => (typeof t === 'number' ? { id: t, name: known.find((k) => k.id === t)?.name ?? `#${t}` } : { name: t }));
    } else if (key in next) {
      (next as unknown as Record<string, unknown>)[key] = patch[key];
    }
  }
  return next;
}

export const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
