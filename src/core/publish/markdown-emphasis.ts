/**
 * Emphasis in Markdown, written so that a CommonMark parser reads back exactly the emphasis we
 * meant, or less of it — never more, never text turned into stray asterisks.
 *
 * CommonMark decides whether `*`, `**` or `~~` opens or closes from the characters around it
 * ("flanking") and pairs delimiters with a stack algorithm with a "rule of 3". In English, words
 * are separated by spaces and the naive approach works; Chinese has no spaces, so `中**“都昌”**中`
 * (punctuation inside, a letter outside) is not emphasis at all, and `**甲***乙*` style runs of
 * differently emphasised text can pair the wrong way. So: write the delimiters with a stack
 * (nested emphasis shares delimiters, `**a*b***`), then *parse our own output* with the same
 * delimiter algorithm markdown-it implements, and where the result differs from the intent,
 * take the offending mark off the edge character (or the run) and try again. Ordinary text
 * passes the first time; the rest loses some emphasis, which is the only honest option.
 */

export interface Run {
  text: string;
  /** STRONG | EM | DEL bits. */
  marks: number;
  /** A code span: one atomic piece; its marks can only go as a whole. */
  code: boolean;
}

export const STRONG = 1;
export const EM = 2;
export const DEL = 4;
export const MARKS = STRONG | EM | DEL;

/** Outermost first. */
const OPEN_ORDER = [DEL, STRONG, EM] as const;
const DELIMITER: Record<number, string> = { [STRONG]: '**', [EM]: '*', [DEL]: '~~' };

interface Piece {
  text: string;
  /** Index of the run a text piece renders; -1 for delimiters. */
  run: number;
  /** For delimiters: which mark, whether it opens, and the run whose edge it sits on. */
  delim?: { mark: number; open: boolean; run: number };
}

export type RenderRun = (run: Run, index: number) => string;

/**
 * Markdown for a sequence of runs between two known characters (what precedes and follows the
 * segment in the output: a space at a line's edges, `[`/`]` inside link text...).
 */
export function serializeRuns(input: readonly Run[], beforeChar: string, afterChar: string, render: RenderRun): string {
  let runs = trimWhitespaceOut(input);
  let budget = 2 * runs.reduce((n, r) => n + r.text.length, 0) + 16;
  for (;;) {
    const pieces = emit(runs, render);
    const problem = firstProblem(pieces, runs, beforeChar, afterChar);
    if (!problem) return join(pieces);
    if (--budget <= 0) return join(emit(runs.map((r) => ({ ...r, marks: 0 })), render));
    runs = trimWhitespaceOut(problem.edge
      ? dropMarkAtEdge(runs, problem.run, problem.mark, problem.edge)
      : runs.map((r, i) => (i === problem.run ? { ...r, marks: r.marks & ~problem.mark } : r)));
  }
}

const join = (pieces: readonly Piece[]): string => pieces.map((p) => p.text).join('');

function emit(runs: readonly Run[], render: RenderRun): Piece[] {
  const pieces: Piece[] = [];
  const stack: number[] = [];
  runs.forEach((run, i) => {
    const at = stack.findIndex((mark) => !(run.marks & mark));
    if (at >= 0) {
      for (let j = stack.length - 1; j >= at; j--) pieces.push({ text: DELIMITER[stack[j]!]!, run: -1, delim: { mark: stack[j]!, open: false, run: i - 1 } });
      stack.length = at;
    }
    for (const mark of OPEN_ORDER) {
      if (run.marks & mark && !stack.includes(mark)) {
        pieces.push({ text: DELIMITER[mark]!, run: -1, delim: { mark, open: true, run: i } });
        stack.push(mark);
      }
    }
    pieces.push({ text: render(run, i), run: i });
  });
  for (let j = stack.length - 1; j >= 0; j--) pieces.push({ text: DELIMITER[stack[j]!]!, run: -1, delim: { mark: stack[j]!, open: false, run: runs.length - 1 } });
  return pieces;
}

// --- reading our own output back ----------------------------------------------------------------

const WHITESPACE = /^[\p{Zs}\t\n\f\r]$/u;
const PUNCTUATION = /^[\p{P}\p{S}]$/u;

interface Delimiter {
  marker: string;
  /** Length of the physical run (for the rule of 3); 0 for `~~`, as markdown-it counts it. */
  length: number;
  open: boolean;
  close: boolean;
  end: number;
  /** Index of the piece this delimiter belongs to, and its character index in the run. */
  piece: number;
  /** Consecutive delimiter characters of one physical run share a token group. */
  token: number;
}

type Problem = { run: number; mark: number; edge: 'start' | 'end' | null };

function firstProblem(pieces: readonly Piece[], runs: readonly Run[], beforeChar: string, afterChar: string): Problem | null {
  const delimiters: Delimiter[] = [];
  let token = 0;
  for (let i = 0; i < pieces.length;) {
    if (!pieces[i]!.delim) { i++; continue; }
    // A physical delimiter run: consecutive delimiter pieces of the same character.
    const ch = pieces[i]!.text[0]!;
    let j = i;
    while (j < pieces.length && pieces[j]!.delim && pieces[j]!.text[0] === ch) j++;
    const prev = lastChar(pieces, i - 1) ?? beforeChar;
    const next = firstChar(pieces, j) ?? afterChar;
    const prevWhite = WHITESPACE.test(prev);
    const nextWhite = WHITESPACE.test(next);
    const prevPunct = PUNCTUATION.test(prev);
    const nextPunct = PUNCTUATION.test(next);
    const left = !nextWhite && (!nextPunct || prevWhite || prevPunct);
    const right = !prevWhite && (!prevPunct || nextWhite || nextPunct);
    // A delimiter that cannot do its job at all: take its mark off that edge of its run.
    for (let k = i; k < j; k++) {
      const d = pieces[k]!.delim!;
      if (d.open ? left : right) continue;
      // Against text, moving the emphasis one character in can fix it (`“**都昌**”`); against
      // another delimiter (`~~**` between two letters) nothing can: the mark goes.
      const neighbour = d.open ? nextDelimiterPiece(pieces, j) : prevDelimiterPiece(pieces, i - 1);
      return { run: d.run, mark: d.mark, edge: neighbour ? null : d.open ? 'start' : 'end' };
    }
    const runLength = pieces.slice(i, j).reduce((n, p) => n + p.text.length, 0);
    for (let k = i; k < j; k++) {
      const count = ch === '~' ? pieces[k]!.text.length / 2 : pieces[k]!.text.length;
      for (let c = 0; c < count; c++) {
        delimiters.push({ marker: ch, length: ch === '~' ? 0 : runLength, open: left, close: right, end: -1, piece: k, token: token++ });
      }
    }
    token++;
    i = j;
  }
  balancePairs(delimiters);
  // An unpaired delimiter would print as a literal character: blame the mark it was written for.
  const paired = new Set<number>();
  delimiters.forEach((d, i) => { if (d.end >= 0) { paired.add(i); paired.add(d.end); } });
  for (let i = 0; i < delimiters.length; i++) {
    if (paired.has(i)) continue;
    const owner = pieces[delimiters[i]!.piece]!.delim!;
    return { run: owner.run, mark: owner.mark, edge: null };
  }
  // Which marks each text piece ends up with (markdown-it's emphasis post-processing: two
  // pairs nested directly inside each other make one <strong>).
  const got = new Map<number, number>();
  const add = (from: number, to: number, mark: number) => {
    for (let p = from + 1; p < to; p++) if (pieces[p]!.run >= 0) got.set(p, (got.get(p) ?? 0) | mark);
  };
  for (let i = delimiters.length - 1; i >= 0; i--) {
    const d = delimiters[i]!;
    if (d.end < 0) continue;
    const closer = delimiters[d.end]!;
    if (d.marker === '~') { add(d.piece, closer.piece, DEL); continue; }
    const outer = delimiters[i - 1];
    const strong = !!outer && outer.end === d.end + 1 && outer.marker === d.marker && outer.token === d.token - 1 && delimiters[d.end + 1]!.token === closer.token + 1;
    add(d.piece, closer.piece, strong ? STRONG : EM);
    if (strong) i--;
  }
  for (let p = 0; p < pieces.length; p++) {
    const piece = pieces[p]!;
    if (piece.run < 0) continue;
    const want = runs[piece.run]!.marks;
    const have = got.get(p) ?? 0;
    if (want === have) continue;
    const missing = want & ~have;
    if (missing) return { run: piece.run, mark: lowestBit(missing), edge: null };
    // An extra mark leaked in from a neighbour: take it off the nearest run that wanted it.
    const extra = lowestBit(have & ~want);
    for (let d = 1; d < runs.length; d++) {
      for (const r of [piece.run - d, piece.run + d]) if (runs[r] && runs[r]!.marks & extra) return { run: r, mark: extra, edge: null };
    }
    return { run: piece.run, mark: extra, edge: null };
  }
  return null;
}

const lowestBit = (n: number): number => n & -n;

/**
 * markdown-it's processDelimiters (CommonMark's "process emphasis" pairing with the rule of 3),
 * transcribed: a closer looks for an opener before its own physical run, nearest first.
 */
function balancePairs(delimiters: Delimiter[]): void {
  const openersBottom = new Map<string, number[]>();
  let headerIdx = 0;
  let lastTokenIdx = -2;
  const jumps: number[] = [];
  for (let closerIdx = 0; closerIdx < delimiters.length; closerIdx++) {
    const closer = delimiters[closerIdx]!;
    jumps.push(0);
    if (delimiters[headerIdx]!.marker !== closer.marker || lastTokenIdx !== closer.token - 1) headerIdx = closerIdx;
    lastTokenIdx = closer.token;
    if (!closer.close) continue;
    if (!openersBottom.has(closer.marker)) openersBottom.set(closer.marker, [-1, -1, -1, -1, -1, -1]);
    const bottoms = openersBottom.get(closer.marker)!;
    const minOpenerIdx = bottoms[(closer.open ? 3 : 0) + (closer.length % 3)]!;
    let openerIdx = headerIdx - jumps[headerIdx]! - 1;
    let newMinOpenerIdx = openerIdx;
    for (; openerIdx > minOpenerIdx; openerIdx -= jumps[openerIdx]! + 1) {
      const opener = delimiters[openerIdx]!;
      if (opener.marker !== closer.marker) continue;
      if (opener.open && opener.end < 0) {
        let oddMatch = false;
        if ((opener.close || closer.open) && (opener.length + closer.length) % 3 === 0) {
          if (opener.length % 3 !== 0 || closer.length % 3 !== 0) oddMatch = true;
        }
        if (!oddMatch) {
          const lastJump = openerIdx > 0 && !delimiters[openerIdx - 1]!.open ? jumps[openerIdx - 1]! + 1 : 0;
          jumps[closerIdx] = closerIdx - openerIdx + lastJump;
          jumps[openerIdx] = lastJump;
          closer.open = false;
          opener.end = closerIdx;
          opener.close = false;
          newMinOpenerIdx = -1;
          lastTokenIdx = -2;
          break;
        }
      }
    }
    if (newMinOpenerIdx !== -1) bottoms[(closer.open ? 3 : 0) + (closer.length % 3)] = newMinOpenerIdx;
  }
}

function nextDelimiterPiece(pieces: readonly Piece[], from: number): boolean {
  for (let i = from; i < pieces.length; i++) if (pieces[i]!.text) return !!pieces[i]!.delim;
  return false;
}

function prevDelimiterPiece(pieces: readonly Piece[], from: number): boolean {
  for (let i = from; i >= 0; i--) if (pieces[i]!.text) return !!pieces[i]!.delim;
  return false;
}

function lastChar(pieces: readonly Piece[], from: number): string | undefined {
  for (let i = from; i >= 0; i--) {
    const t = pieces[i]!.text;
    if (!t) continue;
    const low = t.charCodeAt(t.length - 1);
    return low >= 0xdc00 && low <= 0xdfff && t.length > 1 ? t.slice(-2) : t[t.length - 1];
  }
  return undefined;
}

function firstChar(pieces: readonly Piece[], from: number): string | undefined {
  for (let i = from; i < pieces.length; i++) {
    const t = pieces[i]!.text;
    if (t) return String.fromCodePoint(t.codePointAt(0)!);
  }
  return undefined;
}

// --- repairs -------------------------------------------------------------------------------------

const EDGE_SPACE = /^\s|\s$/u;

/** Emphasis must not start or end on whitespace: move edge whitespace out of marked runs. */
function trimWhitespaceOut(runs: readonly Run[]): Run[] {
  const out: Run[] = [];
  runs.forEach((run, i) => {
    if (run.marks === 0 || run.code || !EDGE_SPACE.test(run.text)) { out.push({ ...run }); return; }
    const m = /^(\s*)([\s\S]*?)(\s*)$/u.exec(run.text)!;
    const prevMarks = runs[i - 1]?.code === false ? runs[i - 1]!.marks : 0;
    const nextMarks = runs[i + 1]?.code === false ? runs[i + 1]!.marks : 0;
    if (m[1]) out.push({ text: m[1], marks: run.marks & prevMarks, code: false });
    if (m[2]) out.push({ text: m[2], marks: run.marks, code: false });
    if (m[3]) out.push({ text: m[3], marks: run.marks & nextMarks, code: false });
  });
  return mergeRuns(out);
}

function dropMarkAtEdge(runs: readonly Run[], index: number, mark: number, edge: 'start' | 'end'): Run[] {
  const out = runs.map((r) => ({ ...r }));
  const run = out[index];
  if (!run) return out.map((r) => ({ ...r, marks: r.marks & ~mark }));
  const chars = [...run.text];
  if (run.code || chars.length <= 1) {
    run.marks &= ~mark;
    return mergeRuns(out);
  }
  const edgeText = edge === 'start' ? chars[0]! : chars[chars.length - 1]!;
  const rest = edge === 'start' ? chars.slice(1).join('') : chars.slice(0, -1).join('');
  const split: Run[] = edge === 'start'
    ? [{ text: edgeText, marks: run.marks & ~mark, code: false }, { text: rest, marks: run.marks, code: false }]
    : [{ text: rest, marks: run.marks, code: false }, { text: edgeText, marks: run.marks & ~mark, code: false }];
  out.splice(index, 1, ...split);
  return mergeRuns(out);
}

export function mergeRuns(runs: readonly Run[]): Run[] {
  const out: Run[] = [];
  for (const r of runs) {
    if (r.text === '') continue;
    const last = out[out.length - 1];
    if (last && last.marks === r.marks && last.code === r.code) last.text += r.text;
    else out.push({ ...r });
  }
  return out;
}
