import { useEffect, useRef, useState } from 'react';
import type { LexicalEditor } from 'lexical';
import {
  $getSelection, $isNodeSelection, $isRangeSelection, $isRootOrShadowRoot, CAN_REDO_COMMAND, CAN_UNDO_COMMAND,
  COMMAND_PRIORITY_LOW, mergeRegister,
} from 'lexical';
import { $isHeadingNode, $isQuoteNode } from '@lexical/rich-text';
import { $isListNode, ListNode } from '@lexical/list';
import { $isCodeNode } from '@lexical/code';
import { $isLinkNode } from '@lexical/link';
import { $isTableCellNode } from '@lexical/table';
import { $findMatchingParent, $getNearestNodeOfType } from '@lexical/utils';
import type { BlockType } from '../../actions';
import { $isArticleLinkNode } from '../../nodes/ArticleLinkNode';
import { $isImageNode } from '../../nodes/ImageNode';

export interface ToolbarState {
  blockType: BlockType;
  bold: boolean; italic: boolean; underline: boolean; strikethrough: boolean; code: boolean;
  link: boolean; articleLink: boolean; inTable: boolean; inList: boolean; image: boolean;
  canUndo: boolean; canRedo: boolean;
}

const INITIAL: ToolbarState = {
  blockType: 'paragraph', bold: false, italic: false, underline: false, strikethrough: false, code: false,
  link: false, articleLink: false, inTable: false, inList: false, image: false, canUndo: false, canRedo: false,
};

function readState(): Omit<ToolbarState, 'canUndo' | 'canRedo'> {
  const selection = $getSelection();
  if ($isNodeSelection(selection)) {
    return { ...INITIAL, image: selection.getNodes().some($isImageNode) };
  }
  if (!$isRangeSelection(selection)) return INITIAL;
  const anchor = selection.anchor.getNode();
  const top = anchor.getKey() === 'root' ? anchor : $findMatchingParent(anchor, (n) => {
    const parent = n.getParent();
    return parent !== null && $isRootOrShadowRoot(parent);
  }) ?? anchor.getTopLevelElementOrThrow();
  const cell = $findMatchingParent(anchor, $isTableCellNode);
  let blockType: BlockType = 'paragraph';
  const list = $getNearestNodeOfType(anchor, ListNode);
  const block = cell ? $findMatchingParent(anchor, (n) => n.getParent() === cell) : top;
  if ($isListNode(list)) blockType = list.getListType() === 'number' ? 'number' : 'bullet';
  else if ($isHeadingNode(block)) blockType = (['h2', 'h3', 'h4'] as const).find((h) => h === block.getTag()) ?? 'h2';
  else if ($isQuoteNode(block)) blockType = 'quote';
  else if ($isCodeNode(block)) blockType = 'code';
  return {
    blockType,
    bold: selection.hasFormat('bold'),
    italic: selection.hasFormat('italic'),
    underline: selection.hasFormat('underline'),
    strikethrough: selection.hasFormat('strikethrough'),
    code: selection.hasFormat('code'),
    link: Boolean($findMatchingParent(anchor, $isLinkNode)),
    articleLink: Boolean($findMatchingParent(anchor, $isArticleLinkNode)),
    inTable: Boolean(cell),
    inList: Boolean(list),
    image: false,
  };
}

const same = (a: ToolbarState, b: ToolbarState) => (Object.keys(a) as Array<keyof ToolbarState>).every((k) => a[k] === b[k]);

/**
 * What the toolbar shows for the selection: block type, active formats, link, table and list
 * context, undo and redo. Recomputed on every update but only set (re-rendering the toolbar)
 * when something changed, so typing costs the toolbar nothing.
 */
export function useToolbarState(editor: LexicalEditor): ToolbarState {
  const [state, setState] = useState<ToolbarState>(INITIAL);
  const latest = useRef(state);
  useEffect(() => {
    const set = (patch: Partial<ToolbarState>) => {
      const next = { ...latest.current, ...patch };
      if (!same(next, latest.current)) {
        latest.current = next;
        setState(next);
      }
    };
    return mergeRegister(
      editor.registerUpdateListener(({ editorState }) => set(editorState.read(readState))),
      editor.registerCommand(CAN_UNDO_COMMAND, (canUndo) => { set({ canUndo }); return false; }, COMMAND_PRIORITY_LOW),
      editor.registerCommand(CAN_REDO_COMMAND, (canRedo) => { set({ canRedo }); return false; }, COMMAND_PRIORITY_LOW),
    );
  }, [editor]);
  return state;
}
