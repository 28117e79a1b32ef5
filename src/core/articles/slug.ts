import { pinyin } from 'pinyin-pro';
import type { Database } from 'better-sqlite3';

const MAX_SLUG = 80;

/**
 * A URL slug for a title: Chinese becomes toneless pinyin (`都昌产业园` → `du-chang-chan-ye-yuan`),
 * Latin text is lower-cased with diacritics dropped, everything else becomes a hyphen.
 */
export function slugify(title: string): string {
  const romanised = /\p{Script=Han}/u.test(title)
    ? pinyin(title, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true }).join(' ')
    : title;
  const slug = romanised
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, MAX_SLUG).replace(/-+$/, '') || 'article';
}

export function isValidSlug(slug: string): boolean {
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug) && slug.length <= MAX_SLUG + 10;
}

/** `base`, or `base-2`, `base-3`... whichever no other article holds. */
export function uniqueSlug(db: Database, base: string, exceptId?: number): string {
  const taken = db.prepare('SELECT 1 FROM articles WHERE slug = ? AND id IS NOT ?');
  if (!taken.get(base, exceptId ?? null)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.get(candidate, exceptId ?? null)) return candidate;
  }
}
