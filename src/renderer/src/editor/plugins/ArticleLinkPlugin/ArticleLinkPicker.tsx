import { useEffect, useRef, useState } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $findMatchingParent } from '@lexical/utils';
import {
  $createTextNode, $getSelection, $isRangeSelection, $setSelection, COMMAND_PRIORITY_EDITOR, mergeRegister, type BaseSelection,
} from 'lexical';
import { findArticles, type ArticleCandidate } from '../../../api/findArticles';
import { useI18n } from '../../../i18n/i18n';
import { OPEN_ARTICLE_LINK_PICKER_COMMAND } from '../../actions';
import { $createArticleLinkNode, $isArticleLinkNode } from '../../nodes/ArticleLinkNode';

const RESULTS = 12;

/**
 * Internal links: Ctrl+Shift+K opens a picker that searches the library's titles (the core's
 * `search` operation; the newest articles before anything is typed) and links the selection —
 * or inserts the chosen title — as an `article-link` node holding the target's id.
 */
export function ArticleLinkPicker({ currentId }: { currentId: number }) {
  const [editor] = useLexicalComposerContext();
  const { t } = useI18n();
  const [open, setOpen] = useState<null | { selection: BaseSelection | null; selectedText: string; existing: number | null }>(null);
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<ArticleCandidate[]>([]);
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => mergeRegister(
    editor.registerCommand(OPEN_ARTICLE_LINK_PICKER_COMMAND, () => {
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) return false;
      const existing = $findMatchingParent(selection.anchor.getNode(), $isArticleLinkNode);
      setOpen({
        selection: selection.clone(),
        selectedText: selection.getTextContent(),
        existing: $isArticleLinkNode(existing) ? existing.getArticleId() : null,
      });
      setQuery(selection.isCollapsed() ? '' : selection.getTextContent().slice(0, 50).replace(/\s+/g, ' '));
      setActive(0);
      return true;
    }, COMMAND_PRIORITY_EDITOR),
  ), [editor]);

  useEffect(() => {
    if (open) field.current?.focus();
  }, [open]);

  useEffect(() => {
    if (!open) return;
    let live = true;
    const timer = window.setTimeout(async () => {
      try {
        const found = await findArticles(query, { limit: RESULTS, exclude: currentId });
        if (!live) return;
        setResults(found);
        setActive(0);
        setError(null);
      } catch (err) {
        if (live) setError((err as Error).message);
      }
    }, 150);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [open, query, currentId]);

  if (!open) return null;
  const close = () => {
    setOpen(null);
    editor.focus();
  };
  const choose = (c: ArticleCandidate) => {
    editor.update(() => {
      if (open.selection) $setSelection(open.selection.clone());
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) return;
      const existing = $findMatchingParent(selection.anchor.getNode(), $isArticleLinkNode);
      if ($isArticleLinkNode(existing)) {
        existing.setArticleId(c.id);
        return;
      }
      const link = $createArticleLinkNode(c.id);
      link.append($createTextNode(open.selectedText.trim() && !open.selectedText.includes('\n') ? open.selectedText : (c.title || `#${c.id}`)));
      selection.insertNodes([link]);
      link.selectEnd();
    });
    close();
  };
  const unlink = () => {
    editor.update(() => {
      if (open.selection) $setSelection(open.selection.clone());
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) return;
      const existing = $findMatchingParent(selection.anchor.getNode(), $isArticleLinkNode);
      if ($isArticleLinkNode(existing)) {
        for (const child of existing.getChildren()) existing.insertBefore(child);
        existing.remove();
      }
    });
    close();
  };

  return (
    <div className="editor-dialog article-link-picker" role="dialog" aria-label={t('articleLink.title')} data-testid="article-link-picker">
      <h3>{t('articleLink.title')}</h3>
      <input
        ref={field}
        role="combobox"
        aria-expanded
        aria-controls="article-link-results"
        aria-label={t('articleLink.search')}
        placeholder={t('articleLink.search')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.nativeEvent.isComposing || e.keyCode === 229) return;
          if (e.key === 'Escape') close();
          else if (e.key === 'ArrowDown') { e.preventDefault(); setActive((a) => Math.min(results.length - 1, a + 1)); }
          else if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => Math.max(0, a - 1)); }
          else if (e.key === 'Enter' && results[active]) { e.preventDefault(); choose(results[active]!); }
        }}
      />
      {error && <p className="field-error" role="alert">{error}</p>}
      {/* The pointer picks on mousemove, not mouseenter: a list appearing under a resting pointer gets mouseover, which must not move the keyboard's choice. */}
      <ul id="article-link-results" role="listbox" className="picker-results">
        {results.map((c, i) => (
          <li key={c.id} role="option" aria-selected={i === active} className={i === active ? 'active' : ''}
            onMouseDown={(e) => { e.preventDefault(); choose(c); }} onMouseMove={() => setActive(i)}>
            <span className="picker-title">{c.title || t('library.untitled')}</span>
            <span className="muted small">#{c.id} · {t(`status.${c.status}` as 'status.draft')}{c.path ? ` · ${c.path}` : ''}</span>
          </li>
        ))}
        {results.length === 0 && <li className="muted small">{t('articleLink.none')}</li>}
      </ul>
      <div className="ed-dialog-actions">
        {open.existing !== null && <button type="button" onClick={unlink}>{t('articleLink.remove')}</button>}
        <button type="button" onClick={close}>{t('editor.cancel')}</button>
      </div>
    </div>
  );
}
