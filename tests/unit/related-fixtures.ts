import { bodyFromParagraphs, paragraphNode, textNode, type SerializedEditorState } from '../../src/core/content/lexical-json.js';
import type { TestLibrary } from './helpers.js';

/** A body whose paragraphs are `text`, with one `article-link` per target (as the editor writes it). */
export function bodyLinking(text: string, targets: readonly number[]): SerializedEditorState {
  const body = bodyFromParagraphs([text]);
  for (const id of targets) {
    body.root.children.push(paragraphNode([
      textNode('see '),
      { type: 'article-link', version: 1, articleId: id, children: [textNode(`article ${id}`)] },
    ]));
  }
  return body;
}

/** Creates published articles titled as given; returns their ids in order. */
export async function articles(lib: TestLibrary, ...titles: string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const title of titles) ids.push((await lib.ok('articles.create', { title, status: 'published' })).id);
  return ids;
}
