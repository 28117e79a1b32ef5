import { addDict, pinyin } from 'pinyin-pro';
import type { Database } from 'better-sqlite3';
import { POLYPHONE_WORDS } from './polyphone-words.js';

/** Derived slugs stop at a word boundary before this many characters (a user's own may be longer). */
export const MAX_DERIVED_SLUG = 60;
const MAX_SLUG = 80;

const HAN = /\p{Script=Han}/u;

// Made at the first slug, not at load: a CLI command that makes none should not pay for them.
let segmenter: Intl.Segmenter | null | undefined;
function wordSegmenter(): Intl.Segmenter | null {
  if (segmenter === undefined) {
    // Words whose polyphone pinyin-pro's built-in phrase dictionary lacks (it reads 还款 as hai-kuan).
    addDict(POLYPHONE_WORDS, 'copydesk-polyphones');
    segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('zh', { granularity: 'word' }) : null;
  }
  return segmenter;
}

/** Lower-case ASCII pieces of Latin text (`Café Déjà` → `cafe`, `deja`). */
function latinParts(text: string): string[] {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

/**
 * The title as words, each a list of slug parts: a Chinese word's syllables (read over the whole
 * title, so pinyin-pro's phrase dictionary sees each character in context), a Latin word's
 * ASCII. Word boundaries come from Intl.Segmenter, so a cut never splits 会议 or a syllable.
 */
function wordsOf(title: string): string[][] {
  const segmenter = wordSegmenter();
  const readings = /\p{Script=Han}/u.test(title)
    ? pinyin(title, { toneType: 'none', type: 'all', v: true }).map((r) => (r.isZh ? r.pinyin : null))
    : null;
  const segments = segmenter ? [...segmenter.segment(title)].map((s) => s.segment) : title.split(/(\s+)/);
  const words: string[][] = [];
  let at = 0; // index into `readings`, one per code point
  for (const segment of segments) {
    const parts: string[] = [];
    let latin = '';
    for (const ch of segment) {
      const reading = readings?.[at++];
      if (reading && HAN.test(ch)) {
        parts.push(...latinParts(latin), ...latinParts(reading));
        latin = '';
      } else latin += ch;
    }
    parts.push(...latinParts(latin));
    if (parts.length) words.push(parts);
  }
  return words;
}

/**
 * A URL slug for a title: Chinese becomes toneless pinyin read word by word (`重庆银行还款` →
 * `chong-qing-yin-hang-huan-kuan`), Latin text is lower-cased with diacritics dropped, anything
 * else separates. A long title is cut after its last whole word that fits, never inside a
 * syllable; only a single word longer than the limit is cut inside, at a syllable if it has any.
 */
export function slugify(title: string, max = MAX_DERIVED_SLUG): string {
  let slug = '';
  for (const word of wordsOf(title)) {
    const joined = word.join('-');
    const next = slug ? `${slug}-${joined}` : joined;
    if (next.length <= max) {
      slug = next;
      continue;
    }
    if (!slug) {
      for (const part of word) {
        const more = slug ? `${slug}-${part}` : part;
        if (more.length > max) break;
        slug = more;
      }
      if (!slug) slug = word[0]!.slice(0, max);
    }
    break;
  }
  return slug || 'article';
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
