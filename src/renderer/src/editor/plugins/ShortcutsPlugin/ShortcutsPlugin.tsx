import { useEffect } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { COMMAND_PRIORITY_HIGH, KEY_DOWN_COMMAND } from 'lexical';
import { runAction, type BlockType } from '../../actions';
import { findAction, isImeKeyEvent, type ActionId } from '../../shortcuts';

/**
 * Handled natively by Lexical (bold, italic, underline, undo, redo, Tab) or by the article page
 * (Ctrl+S, Ctrl+Shift+S work in the title and panels too): left to them.
 */
const NATIVE = new Set<ActionId>(['bold', 'italic', 'underline', 'undo', 'redo', 'indent', 'outdent', 'saveNow', 'saveVersion']);

/**
 * Keyboard shortcuts for everything in the toolbar, from the one table in shortcuts.ts. Lexical
 * does not dispatch key commands while an IME composes; the isImeKeyEvent check makes sure a
 * keydown that belongs to the IME (keyCode 229) never runs an action either.
 */
export function ShortcutsPlugin({ blockType }: { blockType: () => BlockType }): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => editor.registerCommand(KEY_DOWN_COMMAND, (event) => {
    if (isImeKeyEvent(event) || editor.isComposing()) return false;
    const id = findAction(event);
    if (!id || NATIVE.has(id)) return false;
    if (id === 'plainPaste') {
      // Let the browser's paste event happen; the paste plugin reads it as plain text.
      runAction(editor, id, blockType());
      return false;
    }
    if (!runAction(editor, id, blockType())) return false;
    event.preventDefault();
    return true;
  }, COMMAND_PRIORITY_HIGH), [editor, blockType]);
  return null;
}
