import { walk, type SerializedEditorState } from './lexical-json.js';

/**
 * Internal links are `article-link` nodes carrying the target's id (never its slug or URL), so
 * renaming or re-slugging an article never breaks a link to it.
 */
export const ARTICLE_LINK_TYPE = 'article-link';

export function internalLinkTargets(body: SerializedEditorState): number[] {
  const ids = new Set<number>();
  for (const node of walk(body.root)) {
    if (node.type === ARTICLE_LINK_TYPE && Number.isSafeInteger(node.articleId)) ids.add(node.articleId as number);
  }
  return [...ids];
}
