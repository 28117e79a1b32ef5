import type { ConversionNotes } from './html-to-body.js';

/** The converter's notes as sentences for an import report; nothing when nothing was left out. */
export function describeConversion(notes: ConversionNotes): string[] {
  const out: string[] = [];
  const dropped = Object.entries(notes.dropped).sort(([a], [b]) => a.localeCompare(b));
  if (dropped.length) out.push(`left out: ${dropped.map(([tag, n]) => `${n} ${tag}`).join(', ')}`);
  if (notes.unsafeUrls) out.push(`${notes.unsafeUrls} link(s) or image address(es) refused (unsafe or relative); their text was kept`);
  if (notes.imagesWithoutSource) out.push(`${notes.imagesWithoutSource} image(s) without a usable http(s) address; alt text kept where present`);
  if (notes.hidden) out.push(`${notes.hidden} hidden element(s) left out`);
  return out;
}
