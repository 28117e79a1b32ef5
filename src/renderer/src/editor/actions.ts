import {
  $createParagraphNode, $getSelection, $isRangeSelection, $isTextNode, createCommand, FORMAT_TEXT_COMMAND,
  INDENT_CONTENT_COMMAND, OUTDENT_CONTENT_COMMAND, REDO_COMMAND, UNDO_COMMAND, type LexicalCommand, type LexicalEditor,
} from 'lexical';
import { $setBlocksType } from '@lexical/selection';
import { $createHeadingNode, $createQuoteNode, type HeadingTagType } from '@lexical/rich-text';
import { INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND, REMOVE_LIST_COMMAND } from '@lexical/list';
import { $createCodeNode } from '@lexical/code';
import { INSERT_HORIZONTAL_RULE_COMMAND } from '@lexical/react/LexicalHorizontalRuleNode';
import {
  $deleteTableColumnAtSelection, $deleteTableRowAtSelection, $findTableNode, $getTableRowIndexFromTableCellNode,
  $insertTableColumnAtSelection, $insertTableRowAtSelection, $isTableCellNode, $setTableRowIsHeader,
  INSERT_TABLE_COMMAND, TableCellHeaderStates,
} from '@lexical/table';
import { $findMatchingParent } from '@lexical/utils';
import type { ActionId } from './shortcuts';

/** Dialogs and pickers the editor chrome opens; plugins register what each does. */
export const OPEN_LINK_DIALOG_COMMAND: LexicalCommand<void> = createCommand('OPEN_LINK_DIALOG');
export const OPEN_ARTICLE_LINK_PICKER_COMMAND: LexicalCommand<void> = createCommand('OPEN_ARTICLE_LINK_PICKER');
export const OPEN_IMAGE_PICKER_COMMAND: LexicalCommand<void> = createCommand('OPEN_IMAGE_PICKER');
export const OPEN_INSERT_MENU_COMMAND: LexicalCommand<void> = createCommand('OPEN_INSERT_MENU');
/** The next paste is plain text (Ctrl+Shift+V). */
export const PLAIN_PASTE_NEXT_COMMAND: LexicalCommand<void> = createCommand('PLAIN_PASTE_NEXT');

export type BlockType = 'paragraph' | 'h2' | 'h3' | 'h4' | 'quote' | 'bullet' | 'number' | 'code';

/** Turns the selected blocks into `target`; choosing the block type they already have turns them back into paragraphs. */
export function setBlockType(editor: LexicalEditor, target: BlockType, current: BlockType): void {
  if (target === 'bullet' || target === 'number') {
    if (current === target) editor.dispatchCommand(REMOVE_LIST_COMMAND, undefined);
    else editor.dispatchCommand(target === 'bullet' ? INSERT_UNORDERED_LIST_COMMAND : INSERT_ORDERED_LIST_COMMAND, undefined);
    return;
  }
  editor.update(() => {
    const selection = $getSelection();
    if (!$isRangeSelection(selection)) return;
    const next = current === target && target !== 'paragraph' ? 'paragraph' : target;
    if (next === 'paragraph') $setBlocksType(selection, () => $createParagraphNode());
    else if (next === 'quote') $setBlocksType(selection, () => $createQuoteNode());
    else if (next === 'code') $setBlocksType(selection, () => $createCodeNode());
    else $setBlocksType(selection, () => $createHeadingNode(next as HeadingTagType));
  });
}

/** Table actions act on the cell holding the selection; outside a table they do nothing. */
export function inTable(): boolean {
  const selection = $getSelection();
  if (!selection) return false;
  const node = selection.getNodes()[0];
  return Boolean(node && $findMatchingParent(node, $isTableCellNode));
}

function toggleHeaderRow(): void {
  const selection = $getSelection();
  const node = selection?.getNodes()[0];
  const cell = node ? $findMatchingParent(node, $isTableCellNode) : null;
  if (!cell || !$isTableCellNode(cell)) return;
  const table = $findTableNode(cell);
  if (!table) return;
  const row = $getTableRowIndexFromTableCellNode(cell);
  const isHeader = (cell.getHeaderStyles() & TableCellHeaderStates.ROW) === TableCellHeaderStates.ROW;
  $setTableRowIsHeader(table, row, !isHeader);
}

function clearFormatting(): void {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return;
  for (const node of selection.extract()) {
    if ($isTextNode(node)) {
      node.setFormat(0);
      node.setStyle('');
    }
  }
}

/**
 * Runs one editor action, whichever way it was asked for (toolbar, shortcut, insert menu).
 * Returns false when the action does not apply here (a table action outside a table).
 */
export function runAction(editor: LexicalEditor, id: ActionId, currentBlock: BlockType): boolean {
  switch (id) {
    case 'bold': case 'italic': case 'underline': case 'strikethrough': case 'code':
      editor.dispatchCommand(FORMAT_TEXT_COMMAND, id);
      return true;
    case 'clearFormat':
      editor.update(clearFormatting);
      return true;
    case 'paragraph': case 'h2': case 'h3': case 'h4': case 'quote': case 'bullet': case 'number':
      setBlockType(editor, id, currentBlock);
      return true;
    case 'codeBlock':
      setBlockType(editor, 'code', currentBlock);
      return true;
    case 'indent':
      editor.dispatchCommand(INDENT_CONTENT_COMMAND, undefined);
      return true;
    case 'outdent':
      editor.dispatchCommand(OUTDENT_CONTENT_COMMAND, undefined);
      return true;
    case 'hr':
      editor.dispatchCommand(INSERT_HORIZONTAL_RULE_COMMAND, undefined);
      return true;
    case 'table':
      editor.dispatchCommand(INSERT_TABLE_COMMAND, { rows: '3', columns: '3', includeHeaders: { rows: true, columns: false } });
      return true;
    case 'image':
      editor.dispatchCommand(OPEN_IMAGE_PICKER_COMMAND, undefined);
      return true;
    case 'link':
      editor.dispatchCommand(OPEN_LINK_DIALOG_COMMAND, undefined);
      return true;
    case 'articleLink':
      editor.dispatchCommand(OPEN_ARTICLE_LINK_PICKER_COMMAND, undefined);
      return true;
    case 'insertMenu':
      editor.dispatchCommand(OPEN_INSERT_MENU_COMMAND, undefined);
      return true;
    case 'undo':
      editor.dispatchCommand(UNDO_COMMAND, undefined);
      return true;
    case 'redo':
      editor.dispatchCommand(REDO_COMMAND, undefined);
      return true;
    case 'plainPaste':
      editor.dispatchCommand(PLAIN_PASTE_NEXT_COMMAND, undefined);
      return true;
    case 'saveNow': case 'saveVersion':
      return false; // the article page handles these (ArticleEditor)
    case 'rowAbove': case 'rowBelow': case 'colLeft': case 'colRight': case 'deleteRow': case 'deleteCol': case 'headerRow': case 'deleteTable': {
      let applied = false;
      editor.update(() => {
        if (!inTable()) return;
        applied = true;
        if (id === 'rowAbove') $insertTableRowAtSelection(false);
        else if (id === 'rowBelow') $insertTableRowAtSelection(true);
        else if (id === 'colLeft') $insertTableColumnAtSelection(false);
        else if (id === 'colRight') $insertTableColumnAtSelection(true);
        else if (id === 'deleteRow') $deleteTableRowAtSelection();
        else if (id === 'deleteCol') $deleteTableColumnAtSelection();
        else if (id === 'headerRow') toggleHeaderRow();
        else {
          const node = $getSelection()?.getNodes()[0];
          const cell = node ? $findMatchingParent(node, $isTableCellNode) : null;
          const table = cell && $isTableCellNode(cell) ? $findTableNode(cell) : null;
          if (table) {
            const p = $createParagraphNode();
            table.replace(p);
            p.select();
          }
        }
      });
      return applied;
    }
  }
}
