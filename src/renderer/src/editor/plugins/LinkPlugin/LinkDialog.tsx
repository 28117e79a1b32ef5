import { useEffect, useRef, useState } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $createLinkNode, $isLinkNode, $toggleLink, LinkNode } from '@lexical/link';
import { $findMatchingParent } from '@lexical/utils';
import {
  $createTextNode, $getSelection, $isRangeSelection, $setSelection, COMMAND_PRIORITY_EDITOR, mergeRegister,
  type BaseSelection,
} from 'lexical';
import { useI18n } from '../../../i18n/i18n';
import { OPEN_LINK_DIALOG_COMMAND } from '../../actions';
import { normalizeLinkUrl } from './url';

/**
 * Web links: a small dialog (Ctrl+K) to add, change or remove the link on the selection, with
 * the URL checked (http, https, mailto; `www.` and bare e-mail addresses completed) and the
 * reason shown when refused. A node transform unwraps any link that reaches the document
 * another way (Markdown, paste, an older body) with a URL outside those protocols.
 */
export function LinkDialogPlugin() {
  const [editor] = useLexicalComposerContext();
  const { t } = useI18n();
  const [open, setOpen] = useState<null | { url: string; needsText: boolean; isLink: boolean; selection: BaseSelection | null }>(null);
  const [url, setUrl] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => mergeRegister(
    editor.registerCommand(OPEN_LINK_DIALOG_COMMAND, () => {
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) return false;
      const link = $findMatchingParent(selection.anchor.getNode(), $isLinkNode);
      const current = $isLinkNode(link) ? link.getURL() : '';
      setOpen({ url: current, needsText: selection.isCollapsed() && !link, isLink: Boolean(link), selection: selection.clone() });
      setUrl(current);
      setText('');
      setError(null);
      return true;
    }, COMMAND_PRIORITY_EDITOR),
    editor.registerNodeTransform(LinkNode, (node) => {
      if (!normalizeLinkUrl(node.getURL()).ok) {
        for (const child of node.getChildren()) node.insertBefore(child);
        node.remove();
      }
    }),
  ), [editor]);

  useEffect(() => {
    if (open) field.current?.focus();
  }, [open]);

  if (!open) return null;
  const close = () => {
    setOpen(null);
    editor.focus();
  };
  const apply = () => {
    const check = normalizeLinkUrl(url);
    if (!check.ok) {
      setError(t(`link.error.${check.reason}`));
      return;
    }
    editor.update(() => {
      if (open.selection) $setSelection(open.selection.clone());
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) return;
      if (open.needsText) {
        const link = $createLinkNode(check.url);
        link.append($createTextNode(text.trim() || check.url));
        selection.insertNodes([link]);
        link.selectEnd();
      } else {
        $toggleLink(check.url);
      }
    });
    close();
  };
  const remove = () => {
    editor.update(() => {
      if (open.selection) $setSelection(open.selection.clone());
      $toggleLink(null);
    });
    close();
  };
  return (
    <div className="editor-dialog link-dialog" role="dialog" aria-label={t('link.title')} data-testid="link-dialog"
      onKeyDown={(e) => {
        if (e.key === 'Escape') close();
        if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
          e.preventDefault();
          apply();
        }
      }}
    >
      <h3>{t('link.title')}</h3>
      {open.needsText && (
        <label>
          {t('link.text')}
          <input value={text} onChange={(e) => setText(e.target.value)} />
        </label>
      )}
      <label>
        {t('link.url')}
        <input ref={field} value={url} onChange={(e) => { setUrl(e.target.value); setError(null); }} placeholder="https://" aria-invalid={Boolean(error)} />
      </label>
      {error && <p className="field-error" role="alert">{error}</p>}
      <p className="muted small">{t('link.hint')}</p>
      <div className="ed-dialog-actions">
        <button type="button" className="primary" onClick={apply}>{t('link.apply')}</button>
        {open.isLink && <button type="button" onClick={remove}>{t('link.remove')}</button>}
        <button type="button" onClick={close}>{t('editor.cancel')}</button>
      </div>
    </div>
  );
}
