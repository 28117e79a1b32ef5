import { useEffect } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { COMMAND_PRIORITY_CRITICAL, INSERT_LINE_BREAK_COMMAND, INSERT_PARAGRAPH_COMMAND, KEY_ENTER_COMMAND, mergeRegister } from 'lexical';
import { isImeKeyEvent } from '../../shortcuts';

/** How long after an IME's Enter a paragraph insertion is still that Enter's echo. */
const ECHO_MS = 60;

/**
 * Enter that confirms an input-method candidate (拼音 → 都昌) belongs to the IME: it must not
 * also split the paragraph. Chromium marks that keydown isComposing / keyCode 229; Lexical
 * already skips its key handling while it knows a composition is open, and this closes the
 * gaps around the edges: a 229 Enter arriving just after compositionend (some IMEs and
 * platforms order the events that way) and the insertParagraph / line-break input that can
 * follow it. Registered at critical priority, ahead of every other Enter handler (lists,
 * markdown, menus).
 */
export function ImeGuardPlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    let lastImeEnter = -Infinity;
    const onKeyDown = (e: KeyboardEvent) => {
      if ((e.key === 'Enter' || e.code === 'Enter' || e.code === 'NumpadEnter') && isImeKeyEvent(e)) lastImeEnter = performance.now();
    };
    const recent = () => performance.now() - lastImeEnter < ECHO_MS;
    const removeRoot = editor.registerRootListener((root, prev) => {
      prev?.removeEventListener('keydown', onKeyDown, true);
      root?.addEventListener('keydown', onKeyDown, true);
    });
    return mergeRegister(
      removeRoot,
      () => editor.getRootElement()?.removeEventListener('keydown', onKeyDown, true),
      editor.registerCommand(KEY_ENTER_COMMAND, (event) => Boolean(event && isImeKeyEvent(event)) || editor.isComposing(), COMMAND_PRIORITY_CRITICAL),
      editor.registerCommand(INSERT_PARAGRAPH_COMMAND, () => editor.isComposing() || recent(), COMMAND_PRIORITY_CRITICAL),
      editor.registerCommand(INSERT_LINE_BREAK_COMMAND, () => editor.isComposing() || recent(), COMMAND_PRIORITY_CRITICAL),
    );
  }, [editor]);
  return null;
}
