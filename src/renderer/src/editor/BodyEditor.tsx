import { memo, useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin';
import { OnChangePlugin } from '@lexical/react/LexicalOnChangePlugin';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { LinkPlugin } from '@lexical/react/LexicalLinkPlugin';
import { TablePlugin } from '@lexical/react/LexicalTablePlugin';
import { HorizontalRulePlugin } from '@lexical/react/LexicalHorizontalRulePlugin';
import { MarkdownShortcutPlugin } from '@lexical/react/LexicalMarkdownShortcutPlugin';
import { EditorRefPlugin } from '@lexical/react/LexicalEditorRefPlugin';
import { HeadingNode } from '@lexical/rich-text';
import { $isListItemNode } from '@lexical/list';
import { $findMatchingParent } from '@lexical/utils';
import {
  $getSelection, $isRangeSelection, COMMAND_PRIORITY_EDITOR, INDENT_CONTENT_COMMAND, KEY_TAB_COMMAND, OUTDENT_CONTENT_COMMAND,
  mergeRegister, type EditorState, type LexicalEditor,
} from 'lexical';
import { useI18n } from '../i18n/i18n';
import { EDITOR_NODES, EDITOR_THEME } from './editorConfig';
import type { BlockType } from './actions';
import { EDITOR_TRANSFORMERS } from './plugins/MarkdownPlugin/transformers';
import { FullWidthShortcutsPlugin } from './plugins/MarkdownPlugin/FullWidthShortcutsPlugin';
import { ImeGuardPlugin } from './plugins/ImeGuardPlugin/ImeGuardPlugin';
import { ShortcutsPlugin } from './plugins/ShortcutsPlugin/ShortcutsPlugin';
import { ToolbarPlugin } from './plugins/ToolbarPlugin/ToolbarPlugin';
import { useToolbarState } from './plugins/ToolbarPlugin/useToolbarState';
import { SlashMenuPlugin } from './plugins/BlockInsertPlugin/SlashMenuPlugin';
import { ImagePlugin, type ImageNotice } from './plugins/ImagePlugin/ImagePlugin';
import { LinkDialogPlugin } from './plugins/LinkPlugin/LinkDialog';
import { isAllowedUrl } from './plugins/LinkPlugin/url';
import { ArticleLinkPicker } from './plugins/ArticleLinkPlugin/ArticleLinkPicker';
import { PastePlugin, type PasteNotice } from './plugins/PastePlugin/PastePlugin';

/** Updates made by the page itself (loading theirs, restoring a revision): not an edit to save. */
export const LOAD_TAG = 'copydesk-load';

export interface BodyEditorProps {
  articleId: number;
  initialBody: unknown;
  editorRef: RefObject<LexicalEditor | null>;
  onChange: (state: EditorState, editor: LexicalEditor, tags: Set<string>) => void;
  onPasteNotice: (n: PasteNotice) => void;
  onImageNotice: (n: ImageNotice) => void;
  onError: (e: Error) => void;
  label: string;
}

/**
 * The Lexical editor with every plugin of the body. Memoised with stable props: the rest of
 * the article page re-renders (counts, save state, panels) without touching it.
 */
export const BodyEditor = memo(function BodyEditor(props: BodyEditorProps) {
  const { t } = useI18n();
  const [anchor, setAnchor] = useState<HTMLDivElement | null>(null);
  return (
    <LexicalComposer
      initialConfig={{
        namespace: 'copydesk',
        nodes: EDITOR_NODES,
        theme: EDITOR_THEME,
        editorState: JSON.stringify(props.initialBody),
        onError: props.onError,
      }}
    >
      <EditorChrome {...props} anchor={anchor} />
      <div className="body-editor" ref={setAnchor}>
        <RichTextPlugin
          contentEditable={<ContentEditable className="body-input" aria-label={props.label} data-testid="body" spellCheck />}
          placeholder={<div className="body-placeholder">{t('editor.bodyPlaceholder')} {t('editor.slashHint')}</div>}
          ErrorBoundary={LexicalErrorBoundary}
        />
      </div>
      <HistoryPlugin />
      <ListPlugin hasStrictIndent />
      <LinkPlugin validateUrl={isAllowedUrl} />
      <LinkDialogPlugin />
      <TablePlugin hasCellMerge hasTabHandler hasHorizontalScroll />
      <HorizontalRulePlugin />
      <ImeGuardPlugin />
      <MarkdownShortcutPlugin transformers={EDITOR_TRANSFORMERS} />
      <FullWidthShortcutsPlugin />
      <ListTabPlugin />
      <HeadingLevelPlugin />
      <ImagePlugin anchor={anchor} onNotice={props.onImageNotice} />
      <ArticleLinkPicker currentId={props.articleId} />
      <PastePlugin onNotice={props.onPasteNotice} />
      <OnChangePlugin onChange={props.onChange} ignoreSelectionChange />
      <EditorRefPlugin editorRef={props.editorRef} />
    </LexicalComposer>
  );
});

/** Toolbar, shortcuts and the `/` menu share the toolbar's view of the selection. */
function EditorChrome({ anchor }: BodyEditorProps & { anchor: HTMLElement | null }) {
  const [editor] = useLexicalComposerContext();
  const state = useToolbarState(editor);
  const blockRef = useRef<BlockType>(state.blockType);
  blockRef.current = state.blockType;
  const blockType = useCallback(() => blockRef.current, [blockRef]);
  return (
    <>
      <ToolbarPlugin state={state} />
      <ShortcutsPlugin blockType={blockType} />
      {anchor && <SlashMenuPlugin blockType={blockType} />}
    </>
  );
}

/** Tab and Shift+Tab nest list items; elsewhere Tab keeps its usual meaning (next field). */
function ListTabPlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => mergeRegister(
    editor.registerCommand(KEY_TAB_COMMAND, (event) => {
      const selection = $getSelection();
      if (!$isRangeSelection(selection) || !$findMatchingParent(selection.anchor.getNode(), $isListItemNode)) return false;
      event.preventDefault();
      return editor.dispatchCommand(event.shiftKey ? OUTDENT_CONTENT_COMMAND : INDENT_CONTENT_COMMAND, undefined);
    }, COMMAND_PRIORITY_EDITOR),
  ), [editor]);
  return null;
}

/** The title is the page's H1: headings in the body stay within H2–H4, whatever produced them. */
function HeadingLevelPlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => editor.registerNodeTransform(HeadingNode, (node) => {
    const tag = node.getTag();
    if (tag === 'h1') node.setTag('h2');
    else if (tag === 'h5' || tag === 'h6') node.setTag('h4');
  }), [editor]);
  return null;
}
