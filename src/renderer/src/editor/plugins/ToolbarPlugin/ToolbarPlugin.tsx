import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { COMMAND_PRIORITY_EDITOR } from 'lexical';
import { useI18n } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages';
import { OPEN_INSERT_MENU_COMMAND, runAction, type BlockType } from '../../actions';
import { shortcutLabel, type ActionId } from '../../shortcuts';
import { BLOCK_OPTIONS } from '../BlockInsertPlugin/blockOptions';
import type { ToolbarState } from './useToolbarState';
import { Icons } from './icons';

const BLOCK_CHOICES: Array<{ value: BlockType; action: ActionId; label: MessageKey }> = [
  { value: 'paragraph', action: 'paragraph', label: 'block.paragraph' },
  { value: 'h2', action: 'h2', label: 'block.h2' },
  { value: 'h3', action: 'h3', label: 'block.h3' },
  { value: 'h4', action: 'h4', label: 'block.h4' },
  { value: 'quote', action: 'quote', label: 'block.quote' },
  { value: 'bullet', action: 'bullet', label: 'block.bullet' },
  { value: 'number', action: 'number', label: 'block.number' },
  { value: 'code', action: 'codeBlock', label: 'block.code' },
];

/**
 * The toolbar: every action an editor needs, each showing its shortcut in its tooltip (from
 * the same table the keyboard uses), and reflecting the selection (block type, active formats,
 * link, list and table context). Table tools appear while the caret is in a table.
 */
export function ToolbarPlugin({ state }: { state: ToolbarState }) {
  const [editor] = useLexicalComposerContext();
  const { t } = useI18n();
  const [insertOpen, setInsertOpen] = useState(false);
  const insertButton = useRef<HTMLButtonElement>(null);

  useEffect(() => editor.registerCommand(OPEN_INSERT_MENU_COMMAND, () => {
    setInsertOpen(true);
    return true;
  }, COMMAND_PRIORITY_EDITOR), [editor]);

  const run = (id: ActionId) => runAction(editor, id, state.blockType);
  const tip = (label: MessageKey, id: ActionId) => `${t(label)} (${shortcutLabel(id)})`;
  const button = (id: ActionId, label: MessageKey, content: ReactNode, options: { pressed?: boolean; disabled?: boolean } = {}) => (
    <button
      type="button"
      className="tb-button"
      data-testid={`tb-${id}`}
      aria-label={t(label)}
      title={tip(label, id)}
      aria-pressed={options.pressed}
      disabled={options.disabled}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => run(id)}
    >
      {content}
    </button>
  );

  return (
    <div className="toolbar" role="toolbar" aria-label={t('toolbar.label')} data-testid="toolbar">
      <div className="tb-group">
        {button('undo', 'toolbar.undo', Icons.undo, { disabled: !state.canUndo })}
        {button('redo', 'toolbar.redo', Icons.redo, { disabled: !state.canRedo })}
      </div>
      <div className="tb-group">
        <select
          className="tb-block"
          aria-label={t('toolbar.blockType')}
          data-testid="tb-block-type"
          value={state.blockType}
          title={`${t('toolbar.blockType')}: ${BLOCK_CHOICES.map((c) => `${t(c.label)} ${shortcutLabel(c.action)}`).join(' · ')}`}
          onChange={(e) => {
            const choice = BLOCK_CHOICES.find((c) => c.value === e.target.value);
            if (choice && choice.value !== state.blockType) run(choice.action);
            editor.focus();
          }}
        >
          {BLOCK_CHOICES.map((c) => (
            <option key={c.value} value={c.value} title={shortcutLabel(c.action)}>{t(c.label)}</option>
          ))}
        </select>
      </div>
      <div className="tb-group">
        {button('bold', 'format.bold', <b>B</b>, { pressed: state.bold })}
        {button('italic', 'format.italic', <i>I</i>, { pressed: state.italic })}
        {button('underline', 'format.underline', <u>U</u>, { pressed: state.underline })}
        {button('strikethrough', 'format.strikethrough', <s>S</s>, { pressed: state.strikethrough })}
        {button('code', 'format.code', <code>{'<>'}</code>, { pressed: state.code })}
        {button('clearFormat', 'format.clear', Icons.clear)}
      </div>
      <div className="tb-group">
        {button('link', 'toolbar.link', Icons.link, { pressed: state.link })}
        {button('articleLink', 'toolbar.articleLink', Icons.articleLink, { pressed: state.articleLink })}
      </div>
      {state.inList && (
        <div className="tb-group">
          {button('outdent', 'toolbar.outdent', Icons.outdent)}
          {button('indent', 'toolbar.indent', Icons.indent)}
        </div>
      )}
      <div className="tb-group tb-insert">
        <button
          ref={insertButton}
          type="button"
          className="tb-button tb-insert-button"
          data-testid="tb-insert"
          aria-haspopup="menu"
          aria-expanded={insertOpen}
          title={`${t('insert.menu')} (${shortcutLabel('insertMenu')})`}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => setInsertOpen((o) => !o)}
        >
          {t('insert.menu')} ▾
        </button>
        {insertOpen && (
          <InsertMenu
            onClose={(restoreFocus) => {
              setInsertOpen(false);
              if (restoreFocus) editor.focus();
            }}
            onChoose={(id) => {
              setInsertOpen(false);
              editor.focus();
              run(id);
            }}
          />
        )}
      </div>
      {state.inTable && (
        <div className="tb-group tb-table" role="group" aria-label={t('table.tools')}>
          {button('rowAbove', 'table.rowAbove', Icons.rowAbove)}
          {button('rowBelow', 'table.rowBelow', Icons.rowBelow)}
          {button('colLeft', 'table.colLeft', Icons.colLeft)}
          {button('colRight', 'table.colRight', Icons.colRight)}
          {button('deleteRow', 'table.deleteRow', Icons.deleteRow)}
          {button('deleteCol', 'table.deleteCol', Icons.deleteCol)}
          {button('headerRow', 'table.headerRow', Icons.headerRow)}
          {button('deleteTable', 'table.delete', Icons.deleteTable)}
        </div>
      )}
    </div>
  );
}

function InsertMenu({ onClose, onChoose }: { onClose: (restoreFocus: boolean) => void; onChoose: (id: ActionId) => void }) {
  const { t } = useI18n();
  const [active, setActive] = useState(0);
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    (list.current?.querySelectorAll('[role=menuitem]')[active] as HTMLElement | undefined)?.focus();
  }, [active]);
  useEffect(() => {
    const away = (e: MouseEvent) => {
      if (!list.current?.parentElement?.contains(e.target as Node)) onClose(false);
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [onClose]);
  return (
    <ul
      ref={list}
      className="block-menu insert-menu"
      role="menu"
      aria-label={t('insert.menu')}
      data-testid="insert-menu"
      onKeyDown={(e) => {
        if (e.nativeEvent.isComposing) return;
        if (e.key === 'ArrowDown') { e.preventDefault(); setActive((a) => (a + 1) % BLOCK_OPTIONS.length); }
        else if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => (a - 1 + BLOCK_OPTIONS.length) % BLOCK_OPTIONS.length); }
        else if (e.key === 'Escape') { e.preventDefault(); onClose(true); }
      }}
    >
      {BLOCK_OPTIONS.map((o, i) => (
        <li key={o.id} role="none">
          <button type="button" role="menuitem" tabIndex={i === active ? 0 : -1} onClick={() => onChoose(o.id)} title={`${t(o.label)} (${shortcutLabel(o.id)})`}>
            <span className="block-icon" aria-hidden>{o.icon}</span>
            <span>{t(o.label)}</span>
            <kbd>{shortcutLabel(o.id)}</kbd>
          </button>
        </li>
      ))}
    </ul>
  );
}
