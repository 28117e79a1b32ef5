import type { ReactNode } from 'react';

/**
 * Text with some [start, end) ranges marked. Built from React text nodes and <mark> elements,
 * never from HTML: a title or snippet is the library's text, not markup, so `<script>` in an
 * article shows as those characters.
 */
export function Highlighted({ text, ranges }: { text: string; ranges: ReadonlyArray<readonly [number, number]> }) {
  if (ranges.length === 0) return <>{text}</>;
  const sorted = [...ranges]
    .map(([s, e]) => [Math.max(0, Math.min(s, text.length)), Math.max(0, Math.min(e, text.length))] as const)
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [start, end] of sorted) {
    if (end <= at) continue;
    const s = Math.max(start, at);
    if (s > at) parts.push(text.slice(at, s));
    parts.push(<mark key={s}>{text.slice(s, end)}</mark>);
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
