import { useCallback, useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { DRAG_DROP_PASTE } from '@lexical/rich-text';
import { $insertNodeToNearestRoot } from '@lexical/utils';
import {
  $createNodeSelection, $getNodeByKey, $getSelection, $isNodeSelection, $setSelection, COMMAND_PRIORITY_EDITOR,
  COMMAND_PRIORITY_LOW, KEY_BACKSPACE_COMMAND, KEY_DELETE_COMMAND, createCommand, mergeRegister, type LexicalCommand, type NodeKey,
} from 'lexical';
import { useI18n } from '../../../i18n/i18n';
import { ApiError } from '../../../api/client';
import { OPEN_IMAGE_PICKER_COMMAND } from '../../actions';
import { $createImageNode, $isImageNode, type ImagePayload } from '../../nodes/ImageNode';
import { IMAGE_TYPES, ImageRejected, uploadImage } from './uploadImage';

export const INSERT_IMAGE_COMMAND: LexicalCommand<ImagePayload> = createCommand('INSERT_IMAGE');

export type ImageNotice = { kind: 'uploading'; name: string } | { kind: 'uploaded' } | { kind: 'failed'; name: string; reason: string };

/**
 * Images: from the file picker (toolbar, Ctrl+Alt+I, insert menu), pasted files and dropped
 * files, each stored as a library asset first and then inserted as a block, selected, so the
 * details panel opens for its alt text, caption and credit.
 */
export function ImagePlugin({ anchor, onNotice }: { anchor: HTMLElement | null; onNotice: (n: ImageNotice) => void }) {
  const [editor] = useLexicalComposerContext();
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);

  const insertFiles = useCallback(async (files: File[]) => {
    for (const file of files) {
      onNotice({ kind: 'uploading', name: file.name });
      try {
        const payload = await uploadImage(file);
        editor.dispatchCommand(INSERT_IMAGE_COMMAND, payload);
        onNotice({ kind: 'uploaded' });
      } catch (err) {
        const reason = err instanceof ImageRejected
          ? (err.reason === 'type' ? t('image.badType') : t('image.tooBig', { mb: (file.size / 1024 / 1024).toFixed(1) }))
          : err instanceof ApiError ? err.message : String((err as Error).message ?? err);
        onNotice({ kind: 'failed', name: file.name, reason });
      }
    }
  }, [editor, onNotice, t]);

  useEffect(() => mergeRegister(
    editor.registerCommand(INSERT_IMAGE_COMMAND, (payload) => {
      const node = $createImageNode(payload);
      $insertNodeToNearestRoot(node);
      const selection = $createNodeSelection();
      selection.add(node.getKey());
      $setSelection(selection);
      return true;
    }, COMMAND_PRIORITY_EDITOR),
    editor.registerCommand(OPEN_IMAGE_PICKER_COMMAND, () => {
      input.current?.click();
      return true;
    }, COMMAND_PRIORITY_EDITOR),
    editor.registerCommand(DRAG_DROP_PASTE, (files) => {
      const images = files.filter((f) => f.type.startsWith('image/'));
      if (!images.length) return false;
      void insertFiles(images);
      return true;
    }, COMMAND_PRIORITY_LOW),
    // A selected image goes with Delete or Backspace, as a selected word would.
    ...[KEY_DELETE_COMMAND, KEY_BACKSPACE_COMMAND].map((command) => editor.registerCommand(command, (event) => {
      const selection = $getSelection();
      if (!$isNodeSelection(selection)) return false;
      const images = selection.getNodes().filter($isImageNode);
      if (!images.length) return false;
      event?.preventDefault();
      for (const img of images) {
        const next = img.getNextSibling() ?? img.getPreviousSibling();
        img.remove();
        next?.selectStart?.();
      }
      return true;
    }, COMMAND_PRIORITY_LOW)),
  ), [editor, insertFiles]);

  return (
    <>
      <input
        ref={input}
        type="file"
        accept={IMAGE_TYPES.join(',')}
        multiple
        hidden
        data-testid="image-file-input"
        aria-label={t('image.pick')}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length) void insertFiles(files);
        }}
      />
      {anchor && <ImageDetailsPanel anchor={anchor} />}
    </>
  );
}

/** Alt text, caption and credit of the selected image, in a panel outside the editable text. */
function ImageDetailsPanel({ anchor }: { anchor: HTMLElement }) {
  const [editor] = useLexicalComposerContext();
  const { t } = useI18n();
  const [selected, setSelected] = useState<{ key: NodeKey; altText: string; caption: string; credit: string; top: number } | null>(null);

  useEffect(() => editor.registerUpdateListener(({ editorState }) => {
    const next = editorState.read(() => {
      const selection = $getSelection();
      if (!$isNodeSelection(selection)) return null;
      const nodes = selection.getNodes();
      const node = nodes.length === 1 ? nodes[0] : null;
      if (!$isImageNode(node)) return null;
      return { key: node.getKey(), altText: node.getAltText(), caption: node.getCaption(), credit: node.getCredit() };
    });
    if (!next) {
      // Keep the panel while one of its own fields has focus (typing there moves no selection).
      setSelected((cur) => (cur && anchor.querySelector('.image-details')?.contains(document.activeElement) ? cur : null));
      return;
    }
    const dom = editor.getElementByKey(next.key);
    const top = dom ? dom.getBoundingClientRect().bottom - anchor.getBoundingClientRect().top + 4 : 0;
    setSelected((cur) => (cur && cur.key === next.key && cur.altText === next.altText && cur.caption === next.caption && cur.credit === next.credit && cur.top === top ? cur : { ...next, top }));
  }), [editor, anchor]);

  // Focus leaving the image and its panel (to the title, the side panel, a Tab past the last
  // field) closes the panel and lets go of the image, so the panel never lingers over the text
  // while the person works elsewhere. Focus back in the text is the selection's business.
  const key = selected?.key ?? null;
  useEffect(() => {
    if (key === null) return;
    let timer: number | undefined;
    const onFocusOut = () => {
      window.clearTimeout(timer);
      // The focus has moved by the next task; relatedTarget is null for clicks on plain text.
      timer = window.setTimeout(() => {
        const active = document.activeElement;
        if (active && anchor.contains(active)) return;
        if (!document.hasFocus()) return; // another window: the image is still being worked on
        setSelected(null);
        editor.update(() => {
          const selection = $getSelection();
          if ($isNodeSelection(selection) && selection.has(key)) $setSelection(null);
        });
      }, 0);
    };
    anchor.addEventListener('focusout', onFocusOut);
    return () => {
      window.clearTimeout(timer);
      anchor.removeEventListener('focusout', onFocusOut);
    };
  }, [editor, anchor, key]);

  if (!selected) return null;
  const set = (field: 'altText' | 'caption' | 'credit', value: string) => {
    setSelected({ ...selected, [field]: value });
    editor.update(() => {
      const node = $getNodeByKey(selected.key);
      if ($isImageNode(node)) node.setFields({ [field]: value });
    });
  };
  return createPortal(
    <div className="image-details" style={{ top: selected.top }} role="group" aria-label={t('image.details')} data-testid="image-details">
      <label>
        {t('image.alt')}
        <input value={selected.altText} maxLength={500} onChange={(e) => set('altText', e.target.value)} placeholder={t('image.altHint')} />
      </label>
      <label>
        {t('image.caption')}
        <input value={selected.caption} maxLength={1000} onChange={(e) => set('caption', e.target.value)} />
      </label>
      <label>
        {t('image.credit')}
        <input value={selected.credit} maxLength={300} onChange={(e) => set('credit', e.target.value)} placeholder={t('image.creditHint')} />
      </label>
    </div>,
    anchor,
  );
}
