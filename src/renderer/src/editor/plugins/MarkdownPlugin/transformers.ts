import {
  BOLD_ITALIC_STAR, BOLD_ITALIC_UNDERSCORE, BOLD_STAR, BOLD_UNDERSCORE, CODE, INLINE_CODE, ITALIC_STAR, ITALIC_UNDERSCORE,
  LINK, ORDERED_LIST, QUOTE, STRIKETHROUGH, UNORDERED_LIST,
  type ElementTransformer, type TextMatchTransformer, type Transformer,
} from '@lexical/markdown';
import { $createHeadingNode, $isHeadingNode, HeadingNode } from '@lexical/rich-text';
import { $createHorizontalRuleNode, $isHorizontalRuleNode, HorizontalRuleNode } from '@lexical/react/LexicalHorizontalRuleNode';
import { normalizeLinkUrl } from '../LinkPlugin/url';

/**
 * The Markdown shortcuts of the Lexical playground, adapted to an article: the title is the
 * page's H1, so `#` and `##` give H2, `###` H3, `####` and deeper H4; `---` gives a rule; a
 * `[text](url)` link is made only for an allowed URL (http, https, mailto).
 */
export const HEADING_H2_H4: ElementTransformer = {
  dependencies: [HeadingNode],
  export: (node, exportChildren) => ($isHeadingNode(node) ? `${'#'.repeat(Number(node.getTag().slice(1)))} ${exportChildren(node)}` : null),
  regExp: /^(#{1,6})\s/,
  replace: (parentNode, children, match, isImport) => {
    const level = match[1]!.length;
    const node = $createHeadingNode(level <= 2 ? 'h2' : level === 3 ? 'h3' : 'h4');
    node.append(...children);
    parentNode.replace(node);
    if (!isImport) node.select(0, 0);
  },
  triggerOnEnter: false,
  type: 'element',
};

export const HORIZONTAL_RULE: ElementTransformer = {
  dependencies: [HorizontalRuleNode],
  export: (node) => ($isHorizontalRuleNode(node) ? '***' : null),
  regExp: /^(---|\*\*\*|___)\s?$/,
  replace: (parentNode, _children, _match, isImport) => {
    const line = $createHorizontalRuleNode();
    if (isImport || parentNode.getNextSibling() != null) parentNode.replace(line);
    else parentNode.insertBefore(line);
    line.selectNext();
  },
  type: 'element',
};

export const SAFE_LINK: TextMatchTransformer = {
  ...LINK,
  replace: (textNode, match) => {
    const url = (match[2] ?? match[3] ?? '').trim();
    if (!normalizeLinkUrl(url).ok) return;
    return LINK.replace?.(textNode, match);
  },
};

/** Enter does not trigger block shortcuts: a line that starts "1. " and ends in Enter stays text. */
const noEnter = (t: ElementTransformer): ElementTransformer => ({ ...t, triggerOnEnter: false });

export const QUOTE_T = noEnter(QUOTE);
export const UNORDERED_LIST_T = noEnter(UNORDERED_LIST);
export const ORDERED_LIST_T = noEnter(ORDERED_LIST);

export const EDITOR_TRANSFORMERS: Transformer[] = [
  HEADING_H2_H4, QUOTE_T, UNORDERED_LIST_T, ORDERED_LIST_T, HORIZONTAL_RULE, CODE,
  BOLD_ITALIC_STAR, BOLD_ITALIC_UNDERSCORE, BOLD_STAR, BOLD_UNDERSCORE, INLINE_CODE, ITALIC_STAR, ITALIC_UNDERSCORE, STRIKETHROUGH,
  SAFE_LINK,
];
