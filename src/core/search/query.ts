import { foldText } from './fold.js';
import { STATUSES, type Status } from '../api/schemas.js';

/**
 * The search box's query language:
 *
 *   产业园 招商             both terms (each may occur anywhere: title, excerpt, tags, body)
 *   "智能 装备"             a phrase, spaces included
 *   -预制菜  -"菜 篮子"      must not occur
 *   深圳 OR 广州            either (OR binds tighter than the implicit AND)
 *   tag:储能  category:广东产业信息  category:guang-dong/fo-shan   status:draft  author:杜宇蔚
 *   after:2024-01  before:2025   (dates: YYYY, YYYY-MM, YYYY-MM-DD; after = on or after the
 *                                 start of that period, before = before its start)
 *
 * Malformed input is never an error: an unbalanced quote is a literal `"` character, a lone
 * `-` is the text "-", an `OR` with nothing on one side is the word "or", and a filter with an
 * unknown value (`status:whatever`, `before:someday`) is searched as the text it is.
 */

export interface Atom {
  /** As typed (without quotes), for display. */
  text: string;
  /** Folded (fold.ts): what is matched. */
  folded: string;
  phrase: boolean;
}

export interface QueryFilters {
  tags: string[];
  categories: string[];
  statuses: Status[];
  authors: string[];
  /** ISO instant: on or after. */
  after?: string;
  /** ISO instant: strictly before. */
  before?: string;
}

export interface ParsedQuery {
  /** AND of clauses; each clause is an OR of atoms. */
  clauses: Atom[][];
  /** None of these may occur. */
  excluded: Atom[];
  filters: QueryFilters;
}

const STATUS_WORDS: Record<string, Status> = {
  ...Object.fromEntries(STATUSES.map((s) => [s, s])),
  'in-review': 'in_review', review: 'in_review',
  草稿: 'draft', 审核中: 'in_review', 待审: 'in_review', 待发布: 'ready', 就绪: 'ready', 已发布: 'published', 发布: 'published', 已归档: 'archived', 归档: 'archived',
};

const FILTER_NAMES = new Set(['tag', 'category', 'status', 'author', 'before', 'after']);

type Item =
  | { kind: 'atom'; atom: Atom; negated: boolean; raw: string }
  | { kind: 'or'; raw: string }
  | { kind: 'filter'; name: string; value: string; raw: string };

const isSpace = (c: string | undefined) => c !== undefined && /\s/u.test(c);

/** Splits the query into items, honouring quotes only where they balance. */
function lex(query: string): Item[] {
  const items: Item[] = [];
  let i = 0;
  const n = query.length;
  const readBare = (from: number): number => {
    let j = from;
    while (j < n && !isSpace(query[j])) j++;
    return j;
  };
  /** A quoted string starting at `from` (which holds '"'), or null if it never closes. */
  const readQuoted = (from: number): { text: string; end: number } | null => {
    const close = query.indexOf('"', from + 1);
    return close < 0 ? null : { text: query.slice(from + 1, close), end: close + 1 };
  };
  const atom = (text: string, phrase: boolean): Atom => ({ text, folded: foldText(text), phrase });

  while (i < n) {
    if (isSpace(query[i])) { i++; continue; }
    const start = i;
    // -exclusion
    if (query[i] === '-' && i + 1 < n && !isSpace(query[i + 1])) {
      const q = query[i + 1] === '"' ? readQuoted(i + 1) : null;
      if (q) {
        items.push({ kind: 'atom', atom: atom(q.text, true), negated: true, raw: query.slice(start, q.end) });
        i = q.end;
      } else {
        const end = readBare(i + 1);
        items.push({ kind: 'atom', atom: atom(query.slice(i + 1, end), false), negated: true, raw: query.slice(start, end) });
        i = end;
      }
      continue;
    }
    // "phrase"
    if (query[i] === '"') {
      const q = readQuoted(i);
      if (q) {
        items.push({ kind: 'atom', atom: atom(q.text, true), negated: false, raw: query.slice(start, q.end) });
        i = q.end;
        continue;
      }
    }
    // name:value filter (value bare or quoted)
    const m = /^([a-zA-Z]+):/u.exec(query.slice(i, i + 12));
    if (m && FILTER_NAMES.has(m[1]!.toLowerCase())) {
      const vStart = i + m[0].length;
      const q = query[vStart] === '"' ? readQuoted(vStart) : null;
      const end = q ? q.end : readBare(vStart);
      const value = q ? q.text : query.slice(vStart, end);
      if (value.trim() !== '') {
        items.push({ kind: 'filter', name: m[1]!.toLowerCase(), value: value.trim(), raw: query.slice(start, end) });
        i = end;
        continue;
      }
    }
    const end = readBare(i);
    const word = query.slice(i, end);
    items.push(word === 'OR' ? { kind: 'or', raw: word } : { kind: 'atom', atom: atom(word, false), negated: false, raw: word });
    i = end;
  }
  return items;
}

/** A date filter value as an ISO instant at the start of its period, or null if it is not a date. */
export function parseDateBound(value: string): { start: string; next: string } | null {
  const m = /^(\d{4})(?:[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?)?月?)?年?$/u.exec(value.trim());
  if (!m) return null;
  const y = Number(m[1]);
  const mo = m[2] === undefined ? undefined : Number(m[2]);
  const d = m[3] === undefined ? undefined : Number(m[3]);
  if (mo !== undefined && (mo < 1 || mo > 12)) return null;
  if (d !== undefined && (d < 1 || d > new Date(Date.UTC(y, mo!, 0)).getUTCDate())) return null;
  const start = new Date(Date.UTC(y, (mo ?? 1) - 1, d ?? 1));
  const next = d !== undefined ? new Date(Date.UTC(y, mo! - 1, d + 1)) : mo !== undefined ? new Date(Date.UTC(y, mo, 1)) : new Date(Date.UTC(y + 1, 0, 1));
  return { start: start.toISOString(), next: next.toISOString() };
}

export function parseQuery(query: string): ParsedQuery {
  const items = lex(query);
  const filters: QueryFilters = { tags: [], categories: [], statuses: [], authors: [] };
  // Filters with values we cannot use become literal text; OR without a positive atom on
  // both sides becomes the word "or".
  const literal = (raw: string): Item => ({ kind: 'atom', atom: { text: raw, folded: foldText(raw), phrase: false }, negated: false, raw });
  const resolved: Item[] = [];
  for (const item of items) {
    if (item.kind !== 'filter') { resolved.push(item); continue; }
    switch (item.name) {
      case 'tag': filters.tags.push(item.value); break;
      case 'category': filters.categories.push(item.value); break;
      case 'author': filters.authors.push(item.value); break;
      case 'status': {
        const s = STATUS_WORDS[item.value.toLowerCase()];
        if (s) filters.statuses.push(s); else resolved.push(literal(item.raw));
        break;
      }
      case 'before': case 'after': {
        const d = parseDateBound(item.value);
        if (!d) resolved.push(literal(item.raw));
        else if (item.name === 'after') filters.after = filters.after && filters.after > d.start ? filters.after : d.start;
        else filters.before = filters.before && filters.before < d.start ? filters.before : d.start;
        break;
      }
    }
  }

  const clauses: Atom[][] = [];
  const excluded: Atom[] = [];
  const usable = (a: Atom) => a.folded.trim() !== '';
  const positiveAt = (k: number) => {
    const it = resolved[k];
    return it !== undefined && it.kind === 'atom' && !it.negated && usable(it.atom);
  };
  let joinNext = false;
  for (let k = 0; k < resolved.length; k++) {
    const it = resolved[k]!;
    if (it.kind === 'or') {
      if (positiveAt(k - 1) && positiveAt(k + 1) && clauses.length > 0) { joinNext = true; continue; }
      const lit = literal(it.raw);
      if (lit.kind === 'atom') clauses.push([lit.atom]);
      joinNext = false;
      continue;
    }
    if (it.kind !== 'atom' || !usable(it.atom)) { joinNext = false; continue; }
    if (it.negated) { excluded.push(it.atom); joinNext = false; continue; }
    if (joinNext) clauses[clauses.length - 1]!.push(it.atom);
    else clauses.push([it.atom]);
    joinNext = false;
  }
  return { clauses, excluded, filters };
}

export function hasFilters(f: QueryFilters): boolean {
  return f.tags.length > 0 || f.categories.length > 0 || f.statuses.length > 0 || f.authors.length > 0 || f.after !== undefined || f.before !== undefined;
}
