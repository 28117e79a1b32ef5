import { useEffect } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  $getSelection, $isParagraphNode, $isRangeSelection, $isRootOrShadowRoot, $isTextNode, HISTORIC_TAG, HISTORY_PUSH_TAG,
  $addUpdateTag, COLLABORATION_TAG,
} from 'lexical';
import type { ElementTransformer } from '@lexical/markdown';
import { HEADING_H2_H4, HORIZONTAL_RULE, ORDERED_LIST_T, QUOTE_T, UNORDERED_LIST_T } from './transformers';

/**
 * Block shortcuts typed with a Chinese input method in Chinese-punctuation mode, where the
 * keys give full-width forms: `＃ ` for `# `, `》 ` or `＞ ` for `> `, `－ ` / `＊ ` for `- `,
 * `１． ` / `1。 ` for `1. `, `——— ` for `---`, and an ideographic space (U+3000) wherever a
 * space is expected. Each acts exactly as its ASCII form by running the same transformer with
 * an ASCII match. Like Lexical's own shortcut plugin it never fires while the IME is composing
 * (editor.isComposing()), nor on undo/redo, nor unless the trigger was just typed (the caret
 * sits right after it in a dirty text node at the start of a top-level paragraph).
 */
interface FullWidthTrigger {
  pattern: RegExp;
  transformer: ElementTransformer;
  /** The ASCII match the transformer expects. */
  toAscii: (m: RegExpMatchArray) => RegExpMatchArray;
}

const asMatch = (...groups: string[]): RegExpMatchArray => Object.assign([...groups], { index: 0, input: groups[0] }) as RegExpMatchArray;
const toHalfWidthDigits = (s: string) => s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
const SPACE = '[ \\u3000]';

const TRIGGERS: FullWidthTrigger[] = [
  { pattern: new RegExp(`^([#＃]{1,6})${SPACE}$`), transformer: HEADING_H2_H4, toAscii: (m) => asMatch(`${'#'.repeat(m[1]!.length)} `, '#'.repeat(m[1]!.length)) },
  { pattern: new RegExp(`^[>＞》]${SPACE}$`), transformer: QUOTE_T, toAscii: () => asMatch('> ') },
  { pattern: new RegExp(`^[-－*＊+＋•·]${SPACE}$`), transformer: UNORDERED_LIST_T, toAscii: () => asMatch('- ', '', '-') },
  {
    pattern: new RegExp(`^([0-9０-９]{1,4})[.．。]${SPACE}$`),
    transformer: ORDERED_LIST_T,
    toAscii: (m) => {
      const n = toHalfWidthDigits(m[1]!);
      return asMatch(`${n}. `, '', n);
    },
  },
  { pattern: new RegExp(`^(?:[-－]{3}|[—]{2,3}|[＊*]{3}|[_＿]{3})${SPACE}$`), transformer: HORIZONTAL_RULE, toAscii: () => asMatch('--- ', '---') },
];

export function FullWidthShortcutsPlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => editor.registerUpdateListener(({ tags, dirtyLeaves, editorState }) => {
    if (tags.has(HISTORIC_TAG) || tags.has(COLLABORATION_TAG) || editor.isComposing()) return;
    const hit = editorState.read(() => {
      const selection = $getSelection();
      if (!$isRangeSelection(selection) || !selection.isCollapsed()) return null;
      const node = selection.anchor.getNode();
      if (!$isTextNode(node) || !dirtyLeaves.has(node.getKey())) return null;
      const parent = node.getParent();
      if (!$isParagraphNode(parent) || !$isRootOrShadowRoot(parent.getParent()) || parent.getFirstChild() !== node) return null;
      const before = node.getTextContent().slice(0, selection.anchor.offset);
      // Pure ASCII triggers are Lexical's own shortcut plugin's business.
      if (!/[^\x00-\x7f]/.test(before) || before.length > 8) return null;
      for (const trigger of TRIGGERS) {
        const m = before.match(trigger.pattern);
        if (m) return { trigger, match: m, key: node.getKey(), offset: selection.anchor.offset };
      }
      return null;
    });
    if (!hit) return;
    editor.update(() => {
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) return;
      const node = selection.anchor.getNode();
      if (!$isTextNode(node) || node.getKey() !== hit.key) return;
      const parent = node.getParent();
      if (!parent) return;
      const siblings = node.getNextSiblings();
      const [leading, remainder] = node.splitText(hit.offset);
      const children = remainder ? [remainder, ...siblings] : siblings;
      if (hit.trigger.transformer.replace(parent, children, hit.trigger.toAscii(hit.match), false) !== false) {
        leading?.remove();
        $addUpdateTag(HISTORY_PUSH_TAG);
      }
    });
  }), [editor]);
  return null;
}
