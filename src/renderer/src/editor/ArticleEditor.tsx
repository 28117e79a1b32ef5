import { useCallback, useEffect, useState } from 'react';
import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin';
import { OnChangePlugin } from '@lexical/react/LexicalOnChangePlugin';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { LinkPlugin } from '@lexical/react/LexicalLinkPlugin';
import { MarkdownShortcutPlugin } from '@lexical/react/LexicalMarkdownShortcutPlugin';
import { TRANSFORMERS } from '@lexical/markdown';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import { ListNode, ListItemNode } from '@lexical/list';
import { LinkNode, AutoLinkNode } from '@lexical/link';
import { CodeNode, CodeHighlightNode } from '@lexical/code';
import { HorizontalRuleNode } from '@lexical/react/LexicalHorizontalRuleNode';
import type { EditorState } from 'lexical';
import { call } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { useAutosave, type Article } from './useAutosave';
import { SaveIndicator } from './SaveIndicator';

const NODES = [HeadingNode, QuoteNode, ListNode, ListItemNode, LinkNode, AutoLinkNode, CodeNode, CodeHighlightNode, HorizontalRuleNode];

const theme = {
  paragraph: 'ed-p',
  heading: { h2: 'ed-h2', h3: 'ed-h3', h4: 'ed-h4' },
  quote: 'ed-quote',
  list: { ul: 'ed-ul', ol: 'ed-ol', listitem: 'ed-li', nested: { listitem: 'ed-nested' } },
  text: { bold: 'ed-bold', italic: 'ed-italic', underline: 'ed-underline', strikethrough: 'ed-strike', code: 'ed-code' },
  code: 'ed-codeblock',
  link: 'ed-link',
};

/** One article: title and rich-text body, autosaved. */
export function ArticleEditor({ id }: { id: number }) {
  const { t } = useI18n();
  const [article, setArticle] = useState<Article | null>(null);
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setArticle(null);
    call('articles.get', { id })
      .then((a) => {
        if (!live) return;
        setArticle(a);
        setTitle(a.title);
        setError(null);
      })
      .catch((err: Error) => live && setError(err.message));
    return () => {
      live = false;
    };
  }, [id]);

  const onSaved = useCallback(() => {}, []);
  const autosave = useAutosave(article, onSaved);

  // Never lose a word: flush on leaving the article or the page.
  useEffect(() => {
    const flush = () => void autosave.saveNow();
    window.addEventListener('blur', flush);
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('blur', flush);
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [autosave.saveNow]);

  const onBodyChange = useCallback(
    (state: EditorState) => autosave.update({ body: state.toJSON() as never }),
    [autosave.update],
  );

  if (error) return <p role="alert" className="error">{error}</p>;
  if (!article) return <p className="muted">{t('app.loading')}</p>;

  return (
    <article className="editor" data-testid="editor" data-article-id={article.id}>
      <div className="editor-bar">
        <SaveIndicator state={autosave.state} />
      </div>
      <input
        className="title-input"
        aria-label={t('editor.titlePlaceholder')}
        placeholder={t('editor.titlePlaceholder')}
        value={title}
        maxLength={500}
        onChange={(e) => {
          setTitle(e.target.value);
          autosave.update({ title: e.target.value });
        }}
      />
      <LexicalComposer
        key={article.id}
        initialConfig={{
          namespace: 'copydesk',
          nodes: NODES,
          theme,
          editorState: JSON.stringify(article.body),
          onError: (e: Error) => setError(e.message),
        }}
      >
        <div className="body-editor">
          <RichTextPlugin
            contentEditable={<ContentEditable className="body-input" aria-label={t('editor.bodyPlaceholder')} data-testid="body" />}
            placeholder={<div className="body-placeholder">{t('editor.bodyPlaceholder')}</div>}
            ErrorBoundary={LexicalErrorBoundary}
          />
          <HistoryPlugin />
          <ListPlugin />
          <LinkPlugin />
          <MarkdownShortcutPlugin transformers={TRANSFORMERS} />
          <OnChangePlugin onChange={onBodyChange} ignoreSelectionChange />
        </div>
      </LexicalComposer>
    </article>
  );
}
