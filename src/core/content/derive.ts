import type { SerializedEditorState } from './lexical-json.js';
import { blocksOf } from './plain-text.js';
import { countText, type TextCounts } from './counts.js';
import { excerptOf } from './excerpt.js';
import { internalLinkTargets } from './links.js';

export interface DerivedContent {
  plainText: string;
  counts: TextCounts;
  derivedExcerpt: string;
  linkTargets: number[];
}

/** Everything the library stores beside a body, computed once at save time, never on read. */
export function deriveContent(body: SerializedEditorState): DerivedContent {
  const blocks = blocksOf(body);
  const plainText = blocks.join('\n');
  return {
    plainText,
    counts: countText(plainText, blocks.length),
    derivedExcerpt: excerptOf(blocks[0] ?? ''),
    linkTargets: internalLinkTargets(body),
  };
}
