import { useEffect } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $generateNodesFromDOM } from '@lexical/html';
import { $insertGeneratedNodes } from '@lexical/clipboard';
import { DRAG_DROP_PASTE } from '@lexical/rich-text';
import {
  $createParagraphNode, $createTextNode, $getSelection, $isRangeSelection, COMMAND_PRIORITY_HIGH, PASTE_COMMAND, PASTE_TAG, mergeRegister,
} from 'lexical';
import { PLAIN_PASTE_NEXT_COMMAND } from '../../actions';
import { sanitizePastedHtml } from './sanitizeHtml';
import { plainTextParagraphs } from './plainText';

/**
 * Largest paste accepted, measured (tests/e2e/editor-paste.spec.ts prints the figures): Lexical
 * builds one node per line and reconciles them in one update, then the autosave, the journal
 * and the checks each take their pass, all growing with the paste. On a two-core machine under
 * heavy shared load, 240,000 characters (5,700 lines) took 9 s until the next keystroke showed;
 * 120,000 stays around a few seconds there and well under one on an idle machine, while 10 MB
 * would freeze the window for minutes. Larger pastes are refused at once, with a message: an
 * import is the way in for a whole report or archive.
 */
export const MAX_PASTE_TEXT_CHARS = 120_000;
/** HTML is 5–20× its text (Word especially); past this, its plain text is pasted instead. */
export const MAX_PASTE_HTML_CHARS = 6_000_000;
const PLAIN_FLAG_MS = 1_500;

export type PasteNotice =
  | { kind: 'too-large'; chars: number; max: number }
  | { kind: 'html-too-large' }
  | { kind: 'cleaned'; dropped: string[] };

/**
 * Paste: HTML from web pages, Word and WeChat goes through the sanitizing DOM pass
 * (sanitizeHtml.ts) before Lexical imports it; image files go to the image plugin (stored as
 * assets); Ctrl+Shift+V pastes plain text; an oversized paste is refused with a message rather
 * than freezing the editor. Copy and paste inside Copydesk keeps Lexical's own format.
 */
export function PastePlugin({ onNotice }: { onNotice: (n: PasteNotice) => void }): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    let plainUntil = 0;
    return mergeRegister(
      editor.registerCommand(PLAIN_PASTE_NEXT_COMMAND, () => {
        plainUntil = performance.now() + PLAIN_FLAG_MS;
        return true;
      }, COMMAND_PRIORITY_HIGH),
      editor.registerCommand(PASTE_COMMAND, (event) => {
        if (!(event instanceof ClipboardEvent) || !event.clipboardData) return false;
        const data = event.clipboardData;
        const plain = performance.now() < plainUntil;
        plainUntil = 0;
        const text = data.getData('text/plain');
        const html = data.getData('text/html');

        if (text.length > MAX_PASTE_TEXT_CHARS || (!text && html.length > MAX_PASTE_HTML_CHARS)) {
          event.preventDefault();
          onNotice({ kind: 'too-large', chars: Math.max(text.length, html.length), max: MAX_PASTE_TEXT_CHARS });
          return true;
        }
        if (plain) {
          event.preventDefault();
          insertPlain(text);
          return true;
        }
        const images = [...data.files].filter((f) => f.type.startsWith('image/'));
        if (images.length && !/\S/.test(textOfHtml(html) || text)) {
          event.preventDefault();
          editor.dispatchCommand(DRAG_DROP_PASTE, images);
          return true;
        }
        if (data.types.includes('application/x-lexical-editor')) return false; // our own copy: Lexical's format
        event.preventDefault();
        if (!html) {
          insertPlain(text);
          return true;
        }
        if (html.length > MAX_PASTE_HTML_CHARS) {
          onNotice({ kind: 'html-too-large' });
          insertPlain(text);
          return true;
        }
        const clean = sanitizePastedHtml(html);
        const dropped = Object.keys(clean.dropped).filter((t) => !['meta', 'style', 'head', 'title', 'link', 'xml'].includes(t));
        editor.update(() => {
          const selection = $getSelection();
          if (!selection) return;
          const doc = new DOMParser().parseFromString(clean.html, 'text/html');
          const nodes = $generateNodesFromDOM(editor, doc);
          $insertGeneratedNodes(editor, nodes, selection);
        }, { tag: PASTE_TAG });
        if (dropped.length) onNotice({ kind: 'cleaned', dropped });
        return true;
      }, COMMAND_PRIORITY_HIGH),
    );

    /**
     * Plain text, one paragraph per line of text (plainText.ts), built as nodes and inserted in
     * one update, so it is one undo step (Lexical's default splits the paragraph once per line,
     * which grows quadratically on a long paste). Text without a line break goes in as typed.
     */
    function insertPlain(text: string) {
      const multiline = /[\r\n]/.test(text);
      const blocks = plainTextParagraphs(text);
      editor.update(() => {
        const selection = $getSelection();
        if (!$isRangeSelection(selection)) return;
        if (!multiline) {
          selection.insertText(text);
          return;
        }
        if (blocks.length === 0) return;
        const nodes = blocks.map((line) => $createParagraphNode().append($createTextNode(line)));
        $insertGeneratedNodes(editor, nodes, selection);
      }, { tag: PASTE_TAG });
    }
  }, [editor, onNotice]);
  return null;
}

function textOfHtml(html: string): string {
  if (!html) return '';
  return new DOMParser().parseFromString(html, 'text/html').body.textContent ?? '';
}
