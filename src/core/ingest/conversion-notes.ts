import type { ConversionNotes } from './html-to-body.js';
import { importNote, type ImportNote } from './import-notes.js';

/** The converter's notes as report notes; nothing when nothing was left out or changed. */
export function describeConversion(notes: ConversionNotes): ImportNote[] {
  const out: ImportNote[] = [];
  for (const [element, n] of Object.entries(notes.dropped).sort(([a], [b]) => a.localeCompare(b))) out.push(importNote('dropped', { n, element }));
  const counted: Array<[ImportNote['code'], number | undefined]> = [
    ['unsafe-urls', notes.unsafeUrls],
    ['images-without-source', notes.imagesWithoutSource],
    ['hidden', notes.hidden],
    ['list-splits', notes.listSplits],
    ['item-paragraphs', notes.itemParagraphsJoined],
    ['headings-flattened', notes.headingsFlattened],
    ['images-moved', notes.imagesMoved],
    ['empty-dropped', notes.emptyDropped],
  ];
  for (const [code, n] of counted) if (n) out.push(importNote(code, { n }));
  return out;
}
