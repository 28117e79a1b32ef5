import {
  $applyNodeReplacement, ElementNode, type BaseSelection, type DOMExportOutput, type EditorConfig,
  type LexicalNode, type LexicalUpdateJSON, type NodeKey, type RangeSelection, type SerializedElementNode,
} from 'lexical';
import type { SerializedArticleLinkNode } from '../../../../core/content/node-types';

/**
 * A link to another article of the library, stored by id (never by slug or URL), so renaming
 * or re-slugging the target never breaks it. Inline, wraps its text like a web link. The JSON is
 * the shared `article-link` shape of core/content/node-types.ts; exporters turn the id into the
 * target's URL on the site.
 */
export class ArticleLinkNode extends ElementNode {
  __articleId: number;

  static override getType(): string {
    return 'article-link';
  }

  static override clone(node: ArticleLinkNode): ArticleLinkNode {
    return new ArticleLinkNode(node.__articleId, node.__key);
  }

  constructor(articleId = 0, key?: NodeKey) {
    super(key);
    this.__articleId = articleId;
  }

  static override importJSON(json: SerializedArticleLinkNode): ArticleLinkNode {
    return $createArticleLinkNode(Number(json.articleId)).updateFromJSON(json as unknown as LexicalUpdateJSON<SerializedArticleLinkNode>);
  }

  /** The shared `article-link` shape (SerializedArticleLinkNode) plus Lexical's element fields. */
  override exportJSON(): SerializedElementNode & Pick<SerializedArticleLinkNode, 'articleId'> {
    return { ...super.exportJSON(), type: 'article-link', version: 1, articleId: this.__articleId };
  }

  override createDOM(config: EditorConfig): HTMLElement {
    const a = document.createElement('a');
    a.className = (config.theme.articleLink as string | undefined) ?? 'ed-article-link';
    this.setLinkAttributes(a);
    return a;
  }

  override updateDOM(prev: ArticleLinkNode, dom: HTMLElement): boolean {
    if (prev.__articleId !== this.__articleId) this.setLinkAttributes(dom);
    return false;
  }

  private setLinkAttributes(a: HTMLElement): void {
    a.setAttribute('href', `#/article/${this.__articleId}`);
    a.dataset.articleId = String(this.__articleId);
    a.title = `#${this.__articleId}`;
  }

  override exportDOM(): DOMExportOutput {
    const a = document.createElement('a');
    a.setAttribute('href', `#/article/${this.__articleId}`);
    a.dataset.articleId = String(this.__articleId);
    return { element: a };
  }

  getArticleId(): number {
    return this.getLatest().__articleId;
  }

  setArticleId(id: number): this {
    const w = this.getWritable();
    w.__articleId = id;
    return w;
  }

  override insertNewAfter(_: RangeSelection, restoreSelection = true): null | ElementNode {
    const next = $createArticleLinkNode(this.__articleId);
    this.insertAfter(next, restoreSelection);
    return next;
  }

  override canInsertTextBefore(): false {
    return false;
  }

  override canInsertTextAfter(): false {
    return false;
  }

  override canBeEmpty(): false {
    return false;
  }

  override isInline(): true {
    return true;
  }

  override extractWithChild(_child: LexicalNode, selection: BaseSelection): boolean {
    return selection.getTextContent().length > 0;
  }
}

export function $createArticleLinkNode(articleId: number): ArticleLinkNode {
  return $applyNodeReplacement(new ArticleLinkNode(articleId));
}

export function $isArticleLinkNode(node: LexicalNode | null | undefined): node is ArticleLinkNode {
  return node instanceof ArticleLinkNode;
}
