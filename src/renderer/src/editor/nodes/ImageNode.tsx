import type { JSX } from 'react';
import {
  $applyNodeReplacement, DecoratorNode, type DOMConversionMap, type DOMConversionOutput, type DOMExportOutput,
  type EditorConfig, type LexicalNode, type LexicalUpdateJSON, type NodeKey,
} from 'lexical';
import type { SerializedImageNode } from '../../../../core/content/node-types';
import { ImageView } from './ImageView';

export interface ImagePayload {
  sha256: string | null;
  src?: string;
  altText?: string;
  caption?: string;
  credit?: string;
  width?: number | null;
  height?: number | null;
}

/**
 * A figure: a library asset (by sha256) or an external image kept by reference (pasted from a
 * web page), with alt text, caption and credit as plain fields. Block-level, a child of the
 * root, so exporters render it as <figure> and the plain text picks up its caption. Its JSON is
 * exactly the shared shape in core/content/node-types.ts, which exporters and importers rely on.
 */
export class ImageNode extends DecoratorNode<JSX.Element> {
  __sha256: string | null;
  __src: string;
  __altText: string;
  __caption: string;
  __credit: string;
  __width: number | null;
  __height: number | null;

  static override getType(): string {
    return 'image';
  }

  static override clone(node: ImageNode): ImageNode {
    return new ImageNode({
      sha256: node.__sha256, src: node.__src, altText: node.__altText, caption: node.__caption,
      credit: node.__credit, width: node.__width, height: node.__height,
    }, node.__key);
  }

  constructor(p: ImagePayload = { sha256: null }, key?: NodeKey) {
    super(key);
    this.__sha256 = p.sha256;
    // An external reference must be a web address (a pasted javascript: or data: source is not kept).
    this.__src = p.sha256 || !/^https?:\/\//i.test(p.src ?? '') ? '' : p.src!;
    this.__altText = p.altText ?? '';
    this.__caption = p.caption ?? '';
    this.__credit = p.credit ?? '';
    this.__width = p.width ?? null;
    this.__height = p.height ?? null;
  }

  static override importJSON(json: SerializedImageNode): ImageNode {
    return $createImageNode({
      sha256: typeof json.sha256 === 'string' ? json.sha256 : null,
      src: typeof json.src === 'string' ? json.src : '',
      altText: str(json.altText), caption: str(json.caption), credit: str(json.credit),
      width: num(json.width), height: num(json.height),
    }).updateFromJSON(json as LexicalUpdateJSON<SerializedImageNode>);
  }

  override exportJSON(): SerializedImageNode {
    return {
      ...super.exportJSON(),
      type: 'image',
      version: 1,
      sha256: this.__sha256,
      src: this.__sha256 ? '' : this.__src,
      altText: this.__altText,
      caption: this.__caption,
      credit: this.__credit,
      width: this.__width,
      height: this.__height,
    };
  }

  /** Pasted HTML: <img> with an http(s) source becomes an external image (the sanitizer already dropped the rest). */
  static override importDOM(): DOMConversionMap | null {
    return {
      img: () => ({ conversion: convertImg, priority: 0 }),
    };
  }

  override exportDOM(): DOMExportOutput {
    const figure = document.createElement('figure');
    const img = document.createElement('img');
    if (this.__src) img.setAttribute('src', this.__src);
    img.setAttribute('alt', this.__altText);
    figure.append(img);
    if (this.__caption || this.__credit) {
      const cap = document.createElement('figcaption');
      cap.textContent = [this.__caption, this.__credit].filter(Boolean).join(' ');
      figure.append(cap);
    }
    return { element: figure };
  }

  override createDOM(config: EditorConfig): HTMLElement {
    const div = document.createElement('div');
    div.className = (config.theme.image as string | undefined) ?? 'ed-image';
    return div;
  }

  override updateDOM(): false {
    return false;
  }

  override isInline(): false {
    return false;
  }

  override isKeyboardSelectable(): boolean {
    return true;
  }

  override getTextContent(): string {
    // The caption is the image's text in plain-text views (as in core/content/plain-text.ts).
    return this.__caption;
  }

  getSha256(): string | null { return this.getLatest().__sha256; }
  getSrc(): string { return this.getLatest().__src; }
  getAltText(): string { return this.getLatest().__altText; }
  getCaption(): string { return this.getLatest().__caption; }
  getCredit(): string { return this.getLatest().__credit; }

  setFields(fields: Partial<Pick<ImagePayload, 'altText' | 'caption' | 'credit'>>): this {
    const w = this.getWritable();
    if (fields.altText !== undefined) w.__altText = fields.altText;
    if (fields.caption !== undefined) w.__caption = fields.caption;
    if (fields.credit !== undefined) w.__credit = fields.credit;
    return w;
  }

  override decorate(): JSX.Element {
    return (
      <ImageView
        nodeKey={this.getKey()}
        sha256={this.__sha256}
        src={this.__src}
        altText={this.__altText}
        caption={this.__caption}
        credit={this.__credit}
        width={this.__width}
        height={this.__height}
      />
    );
  }
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.round(v) : null);

function convertImg(dom: HTMLElement): DOMConversionOutput | null {
  const img = dom as HTMLImageElement;
  const src = img.getAttribute('src') ?? '';
  if (!/^https?:\/\//i.test(src)) return null;
  return {
    node: $createImageNode({
      sha256: null, src, altText: img.getAttribute('alt') ?? '',
      width: num(Number(img.getAttribute('width'))), height: num(Number(img.getAttribute('height'))),
    }),
  };
}

export function $createImageNode(p: ImagePayload): ImageNode {
  return $applyNodeReplacement(new ImageNode(p));
}

export function $isImageNode(node: LexicalNode | null | undefined): node is ImageNode {
  return node instanceof ImageNode;
}
