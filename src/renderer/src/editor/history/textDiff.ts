import { diffArrays, diffChars, type ChangeObject } from 'diff';

export type DiffPart = { text: string; kind: 'same' | 'added' | 'removed' };
export type DiffRow =
  | { kind: 'same'; text: string }
  | { kind: 'skipped'; count: number }
  | { kind: 'added' | 'removed'; text: string }
  | { kind: 'changed'; parts: DiffPart[] };

/**
 * A diff two versions of an article, as an editor reads it: paragraph by paragraph, and inside
 * a changed paragraph character by character — the unit that matters in Chinese, which has no
 * spaces for a word diff to split on. Paragraphs are matched first (cheap, and it keeps a moved
 * paragraph from turning into noise), then each removed/added pair is diffed by characters.
 * Long runs of unchanged paragraphs are folded, keeping one paragraph of context either side.
 */
export function diffBlocks(before: string[], after: string[], context = 1): DiffRow[] {
  const rows: DiffRow[] = [];
  const changes = diffArrays(before, after);
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i]!;
    const next = changes[i + 1];
    if (c.removed && next?.added) {
      pairUp(c, next, rows);
      i++;
    } else if (c.removed || c.added) {
      for (const text of c.value) rows.push({ kind: c.added ? 'added' : 'removed', text });
    } else {
      for (const text of c.value) rows.push({ kind: 'same', text });
    }
  }
  return fold(rows, context);
}

function pairUp(removed: ChangeObject<string[]>, added: ChangeObject<string[]>, rows: DiffRow[]): void {
  const n = Math.max(removed.value.length, added.value.length);
  for (let k = 0; k < n; k++) {
    const a = removed.value[k];
    const b = added.value[k];
    if (a === undefined) rows.push({ kind: 'added', text: b! });
    else if (b === undefined) rows.push({ kind: 'removed', text: a });
    else rows.push({ kind: 'changed', parts: charDiff(a, b) });
  }
}

export function charDiff(a: string, b: string): DiffPart[] {
  // Bounded: two unrelated 5,000-character paragraphs must not stall the page.
  const changes = diffChars(a, b, { maxEditLength: 4000 }) ?? [
    { value: a, removed: true, added: false, count: a.length },
    { value: b, added: true, removed: false, count: b.length },
  ];
  return changes.map((c) => ({ text: c.value, kind: c.added ? 'added' : c.removed ? 'removed' : 'same' }));
}

function fold(rows: DiffRow[], context: number): DiffRow[] {
  const keep = rows.map((r) => r.kind !== 'same');
  const near = rows.map((_, i) => {
    for (let d = -context; d <= context; d++) if (keep[i + d]) return true;
    return false;
  });
  const out: DiffRow[] = [];
  let skipped = 0;
  rows.forEach((r, i) => {
    if (near[i]) {
      if (skipped) out.push({ kind: 'skipped', count: skipped });
      skipped = 0;
      out.push(r);
    } else skipped++;
  });
  if (skipped) out.push({ kind: 'skipped', count: skipped });
  return out;
}
