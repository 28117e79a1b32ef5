import { useCallback, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { LexicalTypeaheadMenuPlugin, MenuOption, type MenuTextMatch } from '@lexical/react/LexicalTypeaheadMenuPlugin';
import { $getSelection, $isParagraphNode, $isRangeSelection, type LexicalEditor, type TextNode } from 'lexical';
import { useI18n } from '../../../i18n/i18n';
import { runAction, type BlockType } from '../../actions';
import { shortcutLabel } from '../../shortcuts';
import { filterOptions, type BlockOptionSpec } from './blockOptions';

class BlockOption extends MenuOption {
  constructor(readonly spec: BlockOptionSpec) {
    super(spec.id);
  }
}

/**
 * The `/` menu: typed at the start of an empty paragraph (also `／` and `、`, which is what the
 * slash key gives in a Chinese IME's punctuation mode), it lists the blocks to insert, filtered
 * by what follows the slash. Lexical's menu ignores Enter while an IME is composing, so
 * confirming a candidate in the query never picks an option.
 */
export function SlashMenuPlugin({ blockType }: { blockType: () => BlockType }) {
  const [editor] = useLexicalComposerContext();
  const { t } = useI18n();
  const [query, setQuery] = useState<string | null>(null);
  const options = useMemo(() => filterOptions(query ?? '', t).map((s) => new BlockOption(s)), [query, t]);

  const triggerFn = useCallback((text: string, ed: LexicalEditor): MenuTextMatch | null => {
    // Not while an IME composes: its preedit text is not yet what the person typed.
    if (ed.isComposing()) return null;
    const m = /^[/／、]([^\s/／、]{0,20})$/.exec(text);
    if (!m) return null;
    const selection = $getSelection();
    if (!$isRangeSelection(selection)) return null;
    const block = selection.anchor.getNode().getTopLevelElement();
    if (!$isParagraphNode(block) || block.getTextContent() !== text) return null;
    return { leadOffset: 0, matchingString: m[1]!, replaceableString: m[0] };
  }, []);

  const onSelectOption = useCallback((option: BlockOption, textNode: TextNode | null, closeMenu: () => void) => {
    editor.update(() => {
      const parent = textNode?.getParent();
      textNode?.remove();
      if ($isParagraphNode(parent)) parent.select();
    });
    closeMenu();
    runAction(editor, option.spec.id, blockType());
  }, [editor, blockType]);

  return (
    <LexicalTypeaheadMenuPlugin<BlockOption>
      onQueryChange={setQuery}
      onSelectOption={onSelectOption}
      triggerFn={triggerFn}
      options={options}
      anchorClassName="slash-menu-anchor"
      menuRenderFn={(anchor, { selectedIndex, selectOptionAndCleanUp, setHighlightedIndex }) =>
        anchor.current && options.length
          ? createPortal(
            <ul className="block-menu slash-menu" role="listbox" aria-label={t('insert.menu')} data-testid="slash-menu">
              {options.map((o, i) => (
                <li
                  key={o.key}
                  ref={(el) => o.setRefElement(el)}
                  role="option"
                  aria-selected={selectedIndex === i}
                  className={selectedIndex === i ? 'active' : ''}
                  // mousemove, not mouseenter: see ArticleLinkPicker (a menu opening under a resting pointer)
                  onMouseMove={() => setHighlightedIndex(i)}
                  onMouseDown={(e) => { e.preventDefault(); selectOptionAndCleanUp(o); }}
                >
                  <span className="block-icon" aria-hidden>{o.spec.icon}</span>
                  <span>{t(o.spec.label)}</span>
                  <kbd>{shortcutLabel(o.spec.id)}</kbd>
                </li>
              ))}
            </ul>,
            anchor.current,
          )
          : null}
    />
  );
}
