/**
 * The copy desk's checks: what a chief sub-editor looks for before a piece goes out, as pure
 * functions over the stored body (Lexical JSON) and the article's metadata. The editor runs them
 * as the text changes (debounced, never in the save path) and the core or CLI can run the same
 * ones over stored articles. Each finding says where it is (a block path and offsets, see
 * blocks-with-paths.ts), so clicking it can select the text.
 */
import type { SerializedEditorState } from './lexical-json.js';
import { locateBlocks, type LocatedBlock } from './blocks-with-paths.js';
import { characterLength } from './counts.js';
import { excerptOf } from './excerpt.js';
import { FULL_WIDTH_OF, halfWidthMarks } from './punctuation.js';

export type CheckKind =
  | 'repeated-passage'
  | 'repeated-paragraph'
  | 'mixed-punctuation'
  | 'image-without-alt'
  | 'missing-excerpt'
  | 'missing-category'
  | 'missing-tags'
  | 'long-paragraph'
  | 'placeholder'
  | 'broken-link';

export const CHECK_KINDS: readonly CheckKind[] = [
  'repeated-passage', 'repeated-paragraph', 'mixed-punctuation', 'image-without-alt', 'missing-excerpt',
  'missing-category', 'missing-tags', 'long-paragraph', 'placeholder', 'broken-link',
];

/** Where a finding is: text in a block, a whole node (an image), or a metadata field. */
export type FindingLocation =
  | { kind: 'text'; path: number[]; start: number; end: number }
  | { kind: 'node'; path: number[] }
  | { kind: 'field'; field: 'excerpt' | 'category' | 'tags' };

export interface Finding {
  /** Stable within one run: kind plus position, so a UI can key its list. */
  id: string;
  kind: CheckKind;
  severity: 'warning' | 'info';
  at: FindingLocation;
  /** Values for the message (quoted text, counts, paragraph numbers). */
  params: Record<string, string | number>;
  /** The finding in plain English, for the CLI and logs; the editor translates from kind + params. */
  message: string;
}

/** State of an internal link's target, as the library knows it. */
export type LinkTargetState = 'live' | 'unpublished' | 'trashed' | 'missing';

export interface CheckInput {
  body: SerializedEditorState;
  excerpt: string;
  excerptIsManual: boolean;
  categoryId: number | null;
  tagCount: number;
  /** Target states of internal links; links whose target is absent from the map are not judged. */
  linkStates?: ReadonlyMap<number, LinkTargetState>;
}

export const LONG_PARAGRAPH_CHARS = 500;
/** A repeated run this long (letters and digits only) is a copy-paste, not a set phrase. */
export const REPEAT_MIN_CJK = 30;
export const REPEAT_MIN_LATIN = 80;
/** Findings of one kind beyond this are summarised rather than listed. */
const MAX_PER_KIND = 100;

export function runChecks(input: CheckInput): Finding[] {
  const { blocks, images } = locateBlocks(input.body);
  const out: Finding[] = [];
  const perKind = new Map<CheckKind, number>();
  const push = (f: Omit<Finding, 'id'>) => {
    const count = perKind.get(f.kind) ?? 0;
    if (count >= MAX_PER_KIND) return;
    perKind.set(f.kind, count + 1);
    const loc = f.at.kind === 'field' ? f.at.field : `${f.at.path.join('.')}${f.at.kind === 'text' ? `:${f.at.start}` : ''}`;
    out.push({ ...f, id: `${f.kind}@${loc}` });
  };

  for (const f of findRepeats(blocks)) push(f);
  for (const f of findMixedPunctuation(blocks)) push(f);
  for (const f of findLongParagraphs(blocks)) push(f);
  for (const f of findPlaceholders(blocks)) push(f);

  images.forEach(({ path, node }, i) => {
    if (typeof node.altText === 'string' && node.altText.trim() !== '') return;
    const name = typeof node.caption === 'string' && node.caption ? node.caption : `#${i + 1}`;
    push({ kind: 'image-without-alt', severity: 'warning', at: { kind: 'node', path }, params: { image: name },
      message: `Image ${name} has no alt text: describe it for readers who cannot see it.` });
  });

  if (input.linkStates) {
    for (const b of blocks) {
      for (const link of b.articleLinks) {
        const state = input.linkStates.get(link.articleId);
        if (!state || state === 'live') continue;
        const text = b.text.slice(link.start, link.end);
        push({ kind: 'broken-link', severity: 'warning', at: { kind: 'text', path: b.path, start: link.start, end: link.end },
          params: { text, state, articleId: link.articleId },
          message: `The link “${text}” goes to article #${link.articleId}, which is ${state === 'missing' ? 'deleted' : state === 'trashed' ? 'in the trash' : 'not published'}.` });
      }
    }
  }

  const hasText = blocks.some((b) => b.text.trim() !== '');
  if (!input.excerptIsManual || input.excerpt.trim() === '') {
    const derived = excerptOf(blocks.find((b) => b.text.trim() !== '')?.text ?? '');
    const empty = input.excerptIsManual || !hasText;
    push({ kind: 'missing-excerpt', severity: empty ? 'warning' : 'info', at: { kind: 'field', field: 'excerpt' },
      params: { derived },
      message: empty ? 'The article has no excerpt.' : 'No excerpt written: the first paragraph will be used.' });
  }
  if (input.categoryId === null) {
    push({ kind: 'missing-category', severity: 'warning', at: { kind: 'field', field: 'category' }, params: {}, message: 'No category chosen.' });
  }
  if (input.tagCount === 0) {
    push({ kind: 'missing-tags', severity: 'warning', at: { kind: 'field', field: 'tags' }, params: {}, message: 'No tags.' });
  }
  return out;
}

const snippet = (s: string, max = 40) => {
  if (s.length <= max) return s;
  const head = [...s.slice(0, max * 2)];
  return head.length <= max && s.length <= max * 2 ? s : `${head.slice(0, max).join('')}…`;
};

/**
 * A passage repeated within the article: a copy-paste left behind, or a paragraph reworked into
 * a second one that kept half of the first (the sample article page does exactly this). Compared
 * on letters and digits only (NFKC, lower case), so punctuation and spacing differences do not
 * hide a repeat; a run counts when it is long enough not to be a set phrase of the story
 * (`新材料及智能装备产业园项目` recurs on purpose). Shingles of K characters index the text;
 * each repeat is extended greedily from its earliest earlier occurrences.
 */
function findRepeats(blocks: LocatedBlock[]): Array<Omit<Finding, 'id'>> {
  const K = 12;
  // Normalised characters (one UTF-16 unit each after the BMP check below, so string offsets
  // are character offsets) with their origin: block, and UTF-16 start and end in its text.
  // Typed arrays sized for the worst case (every unit kept, some NFKC expansion): a 30,000
  // character article makes no garbage per character.
  const capacity = blocks.reduce((sum, b) => sum + b.text.length * 2, 0) + 16;
  const codes = new Uint16Array(capacity);
  const blockOf = new Int32Array(capacity);
  const from = new Int32Array(capacity);
  const to = new Int32Array(capacity);
  const blockStart: number[] = [];
  let length = 0;
  const keep = (code: number, bi: number, start: number, end: number) => {
    codes[length] = code; blockOf[length] = bi; from[length] = start; to[length] = end; length++;
  };
  blocks.forEach((b, bi) => {
    blockStart.push(length);
    const t = b.text;
    for (let i = 0; i < t.length; i++) {
      const cc = t.charCodeAt(i);
      // Fast paths (NFKC through ICU costs microseconds a character): ASCII and the unified
      // Han and Hangul blocks are their own NFKC form; CJK and general punctuation (，。、“”…—)
      // hold no letters or digits; full-width ASCII (Ａ１) folds by arithmetic. Only the rest
      // (compatibility ideographs, circled digits...) goes through ICU.
      if (cc < 0x80 || (cc >= 0xff01 && cc <= 0xff5e)) {
        const ascii = cc < 0x80 ? cc : cc - 0xfee0;
        const lower = ascii >= 0x41 && ascii <= 0x5a ? ascii + 32 : ascii;
        if ((lower >= 0x30 && lower <= 0x39) || (lower >= 0x61 && lower <= 0x7a)) keep(lower, bi, i, i + 1);
        continue;
      }
      if ((cc >= 0x3400 && cc <= 0x9fff) || (cc >= 0xac00 && cc <= 0xd7af)) {
        keep(cc, bi, i, i + 1);
        continue;
      }
      if ((cc >= 0x3000 && cc <= 0x303f && cc !== 0x3007) || (cc >= 0x2000 && cc <= 0x206f)) continue;
      const wide = cc >= 0xd800 && cc <= 0xdbff && i + 1 < t.length;
      const raw = wide ? t.slice(i, i + 2) : t[i]!;
      for (const c of raw.normalize('NFKC').toLowerCase()) {
        if (c.length === 1 && LETTER_OR_DIGIT.test(c) && length < capacity) keep(c.charCodeAt(0), bi, i, i + raw.length);
      }
      if (wide) i++;
    }
  });
  blockStart.push(length);
  const n = length;
  // Windows are keyed by a rolling polynomial hash (no string per position); equal hashes are
  // confirmed character by character while extending, so a collision costs nothing but time.
  const seen = new Map<number, number[]>();
  const findings: Array<Omit<Finding, 'id'>> = [];
  const BASE = 0x01000193;
  let topPower = 1;
  for (let k = 1; k < K; k++) topPower = Math.imul(topPower, BASE);
  const hashes = new Int32Array(Math.max(0, n - K + 1));
  let h = 0;
  for (let k = 0; k < Math.min(K, n); k++) h = (Math.imul(h, BASE) + codes[k]!) | 0;
  for (let i = 0; i < hashes.length; i++) {
    if (i > 0) h = (Math.imul(h - Math.imul(codes[i - 1]!, topPower), BASE) + codes[i + K - 1]!) | 0;
    hashes[i] = h;
  }

  for (let i = 0; i + K <= n; i++) {
    if (blockOf[i] !== blockOf[i + K - 1]) continue;
    const hash = hashes[i]!;
    const earlier = seen.get(hash);
    if (!earlier) {
      seen.set(hash, [i]);
      continue;
    }
    let best = 0;
    let bestJ = -1;
    // The earliest few occurrences and the latest few: enough to find a real copy, bounded
    // for phrases that recur dozens of times.
    const candidates = earlier.length <= 8 ? earlier : [...earlier.slice(0, 4), ...earlier.slice(-4)];
    for (const j of candidates) {
      let len = 0;
      // Extend within both blocks, never into the repeat itself.
      while (i + len < n && j + len < i && codes[j + len] === codes[i + len]
        && blockOf[i + len] === blockOf[i] && blockOf[j + len] === blockOf[j]) len++;
      if (len >= K && len > best) { best = len; bestJ = j; }
    }
    if (earlier.length < 64) earlier.push(i);
    if (best === 0) continue;
    let cjk = 0;
    for (let k = i; k < i + best; k++) if (codes[k]! >= 0x2e80) cjk++;
    const min = cjk / Math.max(1, best) > 0.5 ? REPEAT_MIN_CJK : REPEAT_MIN_LATIN;
    if (best < min) {
      // Positions inside this short match would only find shorter runs from the same places.
      i += Math.max(0, best - K);
      continue;
    }
    const bi = blockOf[i]!;
    const bj = blockOf[bestJ]!;
    const block = blocks[bi]!;
    const start = from[i]!;
    const end = to[i + best - 1]!;
    const blockLen = blockStart[bi + 1]! - blockStart[bi]!;
    const whole = best >= blockLen * 0.9;
    const text = block.text.slice(start, end);
    const params = { text: snippet(text), paragraph: bi + 1, firstParagraph: bj + 1, length: best };
    findings.push(whole
      ? { kind: 'repeated-paragraph', severity: 'warning', at: { kind: 'text', path: block.path, start, end }, params,
        message: `Paragraph ${bi + 1} repeats paragraph ${bj + 1}: “${params.text}”` }
      : { kind: 'repeated-passage', severity: 'warning', at: { kind: 'text', path: block.path, start, end }, params,
        // A passage said twice within one paragraph names that paragraph once, not as its own source.
        message: bi === bj ? `Paragraph ${bi + 1} says a passage twice: “${params.text}”`
          : `Paragraph ${bi + 1} repeats a passage of paragraph ${bj + 1}: “${params.text}”` });
    i += best - 1;
  }
  return findings;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Half-width punctuation in Chinese text (punctuation.ts): one finding per paragraph, at its first such mark. */
function findMixedPunctuation(blocks: LocatedBlock[]): Array<Omit<Finding, 'id'>> {
  const out: Array<Omit<Finding, 'id'>> = [];
  blocks.forEach((b, bi) => {
    if (b.type === 'code') return;
    const found = halfWidthMarks(b.text);
    if (found.length === 0) return;
    const first = found[0]!.index;
    const count = found.length;
    const marks = new Set(found.map((m) => m.mark));
    const list = [...marks].join(' ');
    const suggestion = [...marks].map((c) => FULL_WIDTH_OF[c] ?? c).join(' ');
    out.push({ kind: 'mixed-punctuation', severity: 'warning', at: { kind: 'text', path: b.path, start: first, end: first + 1 },
      params: { marks: list, count, paragraph: bi + 1, suggestion },
      message: `Paragraph ${bi + 1} uses half-width ${list} in Chinese text (${count}×); use ${suggestion}.` });
  });
  return out;
}

function findLongParagraphs(blocks: LocatedBlock[]): Array<Omit<Finding, 'id'>> {
  const out: Array<Omit<Finding, 'id'>> = [];
  blocks.forEach((b, bi) => {
    if (b.type === 'code' || b.text.length <= LONG_PARAGRAPH_CHARS) return;
    const length = characterLength(b.text);
    if (length <= LONG_PARAGRAPH_CHARS) return;
    out.push({ kind: 'long-paragraph', severity: 'info', at: { kind: 'text', path: b.path, start: 0, end: b.text.length },
      params: { length, paragraph: bi + 1, max: LONG_PARAGRAPH_CHARS },
      message: `Paragraph ${bi + 1} has ${length} characters (over ${LONG_PARAGRAPH_CHARS}): consider splitting it.` });
  });
  return out;
}

/**
 * Markers a writer leaves for later: TK ("to come"), XX / XXX, 【待补】 and its kin. Latin markers
 * must stand alone (not inside `TKO` or `XXL`); a CJK neighbour counts as standing alone.
 */
const PLACEHOLDER = /(?<![A-Za-z0-9])(?:TK|X{2,})(?![A-Za-z0-9])|【(?:待补|待定|待核|待查|补充|TK)】|［待补］|\[(?:TK|待补)\]/gu;

function findPlaceholders(blocks: LocatedBlock[]): Array<Omit<Finding, 'id'>> {
  const out: Array<Omit<Finding, 'id'>> = [];
  blocks.forEach((b, bi) => {
    for (const m of b.text.matchAll(PLACEHOLDER)) {
      out.push({ kind: 'placeholder', severity: 'warning', at: { kind: 'text', path: b.path, start: m.index, end: m.index + m[0].length },
        params: { marker: m[0], paragraph: bi + 1 },
        message: `Placeholder ${m[0]} left in paragraph ${bi + 1}.` });
    }
  });
  return out;
}
