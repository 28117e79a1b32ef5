import type { ConversionNotes } from './html-to-body.js';

/** The converter's notes as sentences for an import report; nothing when nothing was left out. */
export function describeConversion(notes: ConversionNotes): string[] {
  const out: string[] = [];
  const dropped = Object.entries(notes.dropped).sort(([a], [b]) => a.localeCompare(b));
  if (dropped.length) out.push(`left out: ${dropped.map(([tag, n]) => `${n} ${tag}`).join(', ')}`);
  if (notes.unsafeUrls) out.push(`${notes.unsafeUrls} link(s) or image address(es) refused (unsafe or relative); their text was kept`);
  if (notes.imagesWithoutSource) out.push(`${notes.imagesWithoutSource} image(s) without a usable http(s) address; alt text kept where present`);
  if (notes.hidden) out.push(`${notes.hidden} hidden element(s) left out`);
  if (notes.listSplits) out.push(`${notes.listSplits} block(s) inside list items (code, quote, rule) placed between parts of the list`);
  if (notes.itemParagraphsJoined) out.push(`${notes.itemParagraphsJoined} list item(s) with several paragraphs kept them as lines`);
  if (notes.headingsFlattened) out.push(`${notes.headingsFlattened} heading(s) inside list items kept as lines`);
  if (notes.imagesMoved) out.push(`${notes.imagesMoved} image(s) inside a paragraph placed after it`);
  if (notes.emptyDropped) out.push(`${notes.emptyDropped} empty quote(s) left out`);
  return out;
}
