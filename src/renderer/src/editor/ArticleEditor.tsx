import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { CLEAR_HISTORY_COMMAND, type EditorState, type LexicalEditor } from 'lexical';
import { ApiError, call } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { useSettings } from '../app/settings';
import { checkBeforeStatus, PublishCheckDialog, type CheckedArticle, type CheckedStatus } from '../app/PublishCheckDialog';
import { emptyBody } from '../../../core/content/lexical-json';
import { publishChecks } from '../../../core/content/publish-checks';
import { blocksOf } from '../../../core/content/plain-text';
import { countText } from '../../../core/content/counts';
import { excerptOf } from '../../../core/content/excerpt';
import { walk, type SerializedEditorState } from '../../../core/content/lexical-json';
import type { Finding } from '../../../core/content/checks';
import { useAutosave, type Article, type ArticlePatch } from './useAutosave';
import { SaveIndicator } from './SaveIndicator';
import { BodyEditor, LOAD_TAG } from './BodyEditor';
import { clearJournal, type JournalEntry } from './journal';
import { pendingRecovery } from './recovery';
import { applyPatch, draftOf, patchOf, type MetaDraft } from './metadata/metaDraft';
import { MetadataPanel } from './metadata/MetadataPanel';
import { ChecksPanel, useChecks } from './checks/ChecksPanel';
import { forgetLinkStates } from './checks/linkStates';
import { HistoryPanel } from './history/HistoryPanel';
import { RelatedPanel } from '../related/RelatedPanel';
import { PublishPanel } from '../publish/PublishPanel';
import { onPublishShortcut } from '../publish/shortcut';
import { ConflictDialog } from './history/ConflictDialog';
import { $selectLocation } from './selectLocation';
import { findAction, isImeKeyEvent } from './shortcuts';
import type { PasteNotice } from './plugins/PastePlugin/PastePlugin';
import type { ImageNotice } from './plugins/ImagePlugin/ImagePlugin';
import './editor.css';

/** The journal key of a new article's work before it is stored (see useAutosave). */
const NEW_ARTICLE = 'new';

/** A new article as the editor first shows it: nothing stored until something is typed. */
function blankArticle(author: string): Article {
  return {
    id: 0, title: '', slug: '', status: 'draft', author, excerpt: '', categoryId: null, categoryPath: [], wordCount: 0,
    createdAt: NEW_ARTICLE, updatedAt: new Date(0).toISOString(), publishedAt: null, deletedAt: null, version: 0,
    body: emptyBody(), plainText: '', excerptIsManual: false, slugManual: false, byline: '', secondaryCategoryIds: [],
    tags: [], coverAsset: null, seoTitle: '', seoDescription: '', canonicalUrl: '', scheduledAt: null, meta: {},
    counts: { cjkChars: 0, latinWords: 0, words: 0, paragraphs: 0, readingMinutes: 0 },
  };
}

/**
 * One article: loads it, then hands it to the workspace (remounted per article by the shell's
 * key). `id` null is a new article: the workspace stores it at its first change and reports the
 * id through `onCreated`.
 */
export function ArticleEditor({ id, onCreated }: { id: number | null; onCreated?: (id: number) => void }) {
  const { t } = useI18n();
  const { settings } = useSettings();
  const [article, setArticle] = useState<Article | null>(() => (id === null ? blankArticle(settings.defaultAuthor) : null));
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (id === null) return;
    let live = true;
    call('articles.get', { id })
      .then((a) => live && setArticle(a))
      .catch((err: Error) => live && setError(err.message));
    return () => {
      live = false;
    };
  }, [id]);

  if (error) return <p role="alert" className="error">{error}</p>;
  if (!article) return <p className="muted">{t('app.loading')}</p>;
  return <ArticleWorkspace initial={article} onCreated={onCreated} />;
}

type Panel = 'meta' | 'checks' | 'history' | 'related' | 'publish';
type Notice = { tone: 'info' | 'error'; text: string } | null;

const SNAPSHOT_MS = 250;

/** One empty paragraph, as a new article's body starts. */
function isBlankBody(body: SerializedEditorState): boolean {
  const kids = body.root.children ?? [];
  return kids.length === 0 || (kids.length === 1 && kids[0]!.type === 'paragraph' && (kids[0]!.children ?? []).length === 0);
}

function ArticleWorkspace({ initial, onCreated }: { initial: Article; onCreated?: (id: number) => void }) {
  const { t } = useI18n();
  const [server, setServer] = useState(initial);
  // 0 until a new article's first change stores it.
  const [articleId, setArticleId] = useState(initial.id);
  const [slugEdited, setSlugEdited] = useState(false);
  const [statusCheck, setStatusCheck] = useState<{ status: CheckedStatus; articles: CheckedArticle[] } | null>(null);
  const titleInput = useRef<HTMLTextAreaElement>(null);
  const [title, setTitle] = useState(initial.title);
  const [draft, setDraft] = useState<MetaDraft>(() => draftOf(initial));
  const [slugError, setSlugError] = useState<string | null>(null);
  const [body, setBody] = useState<unknown>(initial.body);
  const bodyRef = useRef<unknown>(initial.body);
  const titleRef = useRef(initial.title);
  titleRef.current = title;
  const editorRef = useRef<LexicalEditor | null>(null);
  const snapshotTimer = useRef<number | undefined>(undefined);
  const [panel, setPanel] = useState<Panel>('meta');
  const [focusField, setFocusField] = useState<{ field: string; at: number } | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [recovery, setRecovery] = useState<JournalEntry | null>(() => pendingRecovery(initial));
  const [checksTick, setChecksTick] = useState(0);
  const versionLabel = useRef<HTMLInputElement | null>(null);

  const autosave = useAutosave({
    article: initial,
    onSaved: (saved, sent) => {
      setServer(saved);
      const waiting = autosave.unsaved();
      // Fields not being edited follow the library (their change after "keep mine", the tag ids
      // of tags created by this save); fields with newer local edits keep them.
      setDraft((d) => {
        const fresh = draftOf(saved);
        const keep = new Set(Object.keys(waiting));
        const next = { ...fresh };
        for (const k of Object.keys(d) as Array<keyof MetaDraft>) {
          if (keep.has(k) || (k === 'excerpt' && !fresh.excerptIsManual)) (next as Record<string, unknown>)[k] = d[k];
        }
        return next;
      });
      if (!('title' in waiting)) setTitle(saved.title);
      if ('slug' in sent) setSlugError(null);
    },
    onFieldError: (field, message) => {
      if (field === 'slug') {
        setSlugError(message);
        setPanel('meta');
      } else setNotice({ tone: 'error', text: message });
    },
    onCreated: (created) => {
      setArticleId(created.id);
      onCreated?.(created.id);
    },
  });
  const { update, saveNow, id: storedId } = autosave;

  // --- the body ---------------------------------------------------------------------------
  const onBodyChange = useCallback((state: EditorState, _editor: LexicalEditor, tags: Set<string>) => {
    if (tags.has(LOAD_TAG)) return;
    const json = state.toJSON();
    bodyRef.current = json;
    // A new article is stored when something is typed: Lexical's own updates of an empty body
    // (focus, a plugin's first pass) are not that.
    if (storedId() === 0 && isBlankBody(json as unknown as SerializedEditorState)) return;
    update({ body: json as ArticlePatch['body'] });
    window.clearTimeout(snapshotTimer.current);
    snapshotTimer.current = window.setTimeout(() => setBody(bodyRef.current), SNAPSHOT_MS);
  }, [update, storedId]);

  /** Replace what the editor shows (their version, a restored revision, recovered work) without it counting as an edit. */
  const loadBody = useCallback((next: unknown, clearHistory: boolean) => {
    const editor = editorRef.current;
    if (!editor) return;
    editor.setEditorState(editor.parseEditorState(JSON.stringify(next)), { tag: LOAD_TAG });
    if (clearHistory) editor.dispatchCommand(CLEAR_HISTORY_COMMAND, undefined);
    bodyRef.current = next;
    setBody(next);
  }, []);

  const loadArticle = useCallback((a: Article) => {
    loadBody(a.body, true);
    setTitle(a.title);
    setDraft(draftOf(a));
    setServer(a);
    setSlugError(null);
    autosave.reset(a.version);
  }, [loadBody, autosave.reset]);

  // --- derived, live -------------------------------------------------------------------------
  const blocks = useMemo(() => blocksOf(body as SerializedEditorState), [body]);
  const counts = useMemo(() => countText(blocks.join('\n'), blocks.length), [blocks]);
  const derivedExcerpt = useMemo(() => excerptOf(blocks[0] ?? ''), [blocks]);
  const bodyImages = useMemo(() => {
    const out: string[] = [];
    for (const n of walk((body as SerializedEditorState).root)) if (n.type === 'image' && typeof n.sha256 === 'string' && !out.includes(n.sha256)) out.push(n.sha256);
    return out;
  }, [body]);
  const findings = useChecks({ body: body as SerializedEditorState, excerpt: draft.excerpt, excerptIsManual: draft.excerptIsManual, categoryId: draft.categoryId, tagCount: draft.tags.length, tick: checksTick });
  const warningCount = findings?.filter((f) => f.severity === 'warning').length ?? 0;

  const current = useCallback(() => ({ title: titleRef.current, blocks: blocksOf(bodyRef.current as SerializedEditorState) }), []);

  // --- flushing: never lose a word -------------------------------------------------------------
  useEffect(() => {
    const flush = () => void saveNow();
    const onVisibility = () => document.visibilityState === 'hidden' && flush();
    window.addEventListener('blur', flush);
    window.addEventListener('pagehide', flush);
    window.addEventListener('beforeunload', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('blur', flush);
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('beforeunload', flush);
      document.removeEventListener('visibilitychange', onVisibility);
      flush();
    };
  }, [saveNow]);

  // Electron: the window asks before closing; tell it whether there is unsaved work.
  useEffect(() => window.copydesk?.onMenuCommand(async (command) => {
    if (command.command !== 'window.flush') return;
    await saveNow();
    await window.copydesk?.host('window.flushed', { requestId: command.requestId });
  }), [saveNow]);
  useEffect(() => {
    void window.copydesk?.host('window.setEdited', { edited: autosave.state.kind !== 'saved' });
  }, [autosave.state.kind]);

  // Ctrl+S saves now, Ctrl+Shift+S names a version: anywhere on the article page.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isImeKeyEvent(e)) return;
      const action = findAction(e, new Set(['saveNow', 'saveVersion']));
      if (!action) return;
      e.preventDefault();
      if (action === 'saveNow') void saveNow();
      else {
        setPanel('history');
        window.setTimeout(() => versionLabel.current?.focus(), 0);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [saveNow]);

  // Ctrl+Shift+E opens the Publish tab (copy, save, preview).
  useEffect(() => onPublishShortcut(() => setPanel('publish')), []);

  // --- metadata --------------------------------------------------------------------------------
  const onMetaChange = useCallback((change: Partial<MetaDraft>) => {
    setDraft((d) => ({ ...d, ...change }));
    if ('slug' in change) {
      setSlugError(null);
      setSlugEdited(true);
    }
    update(patchOf(change));
  }, [update]);

  // Ready and published first pass the checks that matter for the site; with findings, the editor decides.
  const onStatusChange = useCallback(async (status: MetaDraft['status']) => {
    if (status !== 'ready' && status !== 'published') {
      onMetaChange({ status });
      return;
    }
    await saveNow();
    const id = storedId();
    // Not stored yet (nothing typed): the same checks, run here; it has no links.
    const articles = id ? await checkBeforeStatus([id], status) : [{
      id: 0, title: titleRef.current,
      findings: publishChecks({ title: titleRef.current, slug: 'article', body: bodyRef.current as SerializedEditorState, links: [] }),
    }].filter((a) => a.findings.length);
    if (articles.length) setStatusCheck({ status, articles });
    else onMetaChange({ status });
  }, [onMetaChange, saveNow, storedId]);

  // --- checks: a finding selects its text --------------------------------------------------------
  const onSelectFinding = useCallback((f: Finding) => {
    if (f.at.kind === 'field') {
      setPanel('meta');
      setFocusField({ field: f.at.field, at: Date.now() });
      return;
    }
    const editor = editorRef.current;
    if (!editor) return;
    const at = f.at;
    let key: string | null = null;
    editor.update(() => {
      key = at.kind === 'text' ? $selectLocation(at.path, at.start, at.end) : $selectLocation(at.path);
    }, { onUpdate: () => {
      const el = key ? editor.getElementByKey(key) : null;
      el?.scrollIntoView({ block: 'center' });
      editor.getRootElement()?.focus({ preventScroll: true });
    } });
  }, []);

  // --- history and conflicts ---------------------------------------------------------------------
  const onSaveVersion = useCallback(async (label: string) => {
    await saveNow();
    await call('revisions.saveVersion', { articleId, label, reason: 'manual' });
    setNotice({ tone: 'info', text: t('history.versionSaved') });
  }, [saveNow, articleId, t]);

  const onRestore = useCallback(async (revisionId: number) => {
    await saveNow();
    if (autosave.state.kind === 'conflict') throw new Error(t('history.resolveConflictFirst'));
    try {
      const restored = await call('revisions.restore', { id: revisionId, version: autosave.version() });
      loadArticle(restored);
      setNotice({ tone: 'info', text: t('history.restored') });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'conflict') throw new Error(t('history.restoreConflict'));
      throw err;
    }
  }, [saveNow, autosave, loadArticle, t]);

  const onReloadTheirs = useCallback(async (theirs: Article) => {
    loadArticle(theirs);
    setNotice({ tone: 'info', text: t('conflict.reloaded') });
  }, [loadArticle, t]);

  const onKeepMine = useCallback(async (theirs: Article) => {
    // Their version becomes a revision first, so "keep mine" loses nobody's work.
    await call('revisions.saveVersion', { articleId, reason: 'conflict', label: t('conflict.revisionLabel') });
    await autosave.rebase(theirs.version);
    setNotice({ tone: 'info', text: t('conflict.keptMine') });
  }, [autosave, articleId, t]);

  // --- recovery of unsaved work from an earlier session ---------------------------------------------
  const restoreJournal = useCallback(async (entry: JournalEntry) => {
    setRecovery(null);
    // From now on this window's autosave (and journal) carries the work; drop the old entry.
    clearJournal(initial.id, initial.createdAt, entry.owner);
    if (entry.baseVersion < server.version) {
      // Someone saved since: keep their version as a revision before ours goes on top.
      await call('revisions.saveVersion', { articleId: initial.id, reason: 'conflict', label: t('recovery.revisionLabel') }).catch(() => undefined);
    }
    const { body: journalBody, title: journalTitle, ...rest } = entry.patch;
    if (journalBody !== undefined) loadBody(journalBody, false);
    if (journalTitle !== undefined) setTitle(journalTitle);
    setDraft((d) => applyPatch(d, rest, server.tags));
    update(entry.patch);
    void saveNow();
  }, [server.version, server.tags, initial.id, initial.createdAt, loadBody, update, saveNow, t]);

  const onPasteNotice = useCallback((n: PasteNotice) => {
    if (n.kind === 'too-large') setNotice({ tone: 'error', text: t('paste.tooLarge', { chars: n.chars, max: n.max }) });
    else if (n.kind === 'html-too-large') setNotice({ tone: 'info', text: t('paste.htmlTooLarge') });
    else setNotice({ tone: 'info', text: t('paste.cleaned', { what: n.dropped.join(', ') }) });
  }, [t]);
  const onImageNotice = useCallback((n: ImageNotice) => {
    if (n.kind === 'uploading') setNotice({ tone: 'info', text: t('image.uploading', { name: n.name }) });
    else if (n.kind === 'uploaded') setNotice(null);
    else setNotice({ tone: 'error', text: t('image.failed', { name: n.name, reason: n.reason }) });
  }, [t]);
  const onEditorError = useCallback((e: Error) => setNotice({ tone: 'error', text: e.message }), []);

  const state = autosave.state;
  return (
    <article className="editor" data-testid="editor" data-article-id={articleId}>
      <div className="editor-main">
        <div className="editor-bar">
          <SaveIndicator state={state} onRetry={() => void saveNow()} />
          <span className="counts" data-testid="counts" title={t('counts.detail', { cjk: counts.cjkChars, latin: counts.latinWords })}>
            {t('counts.summary', { words: counts.words, paragraphs: counts.paragraphs, minutes: counts.readingMinutes })}
          </span>
          {notice && (
            <p className={`editor-notice ${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'} data-testid="editor-notice">
              {notice.text}
              <button type="button" className="link-button" aria-label={t('editor.dismiss')} onClick={() => setNotice(null)}>×</button>
            </p>
          )}
        </div>
        {recovery && (
          <div className="recovery-banner" role="alert" data-testid="recovery-banner">
            <span>{t('recovery.found', { when: new Date(recovery.changedAt).toLocaleString() })}</span>
            <button type="button" className="primary" onClick={() => void restoreJournal(recovery)}>{t('recovery.restore')}</button>
            <button type="button" onClick={() => { clearJournal(initial.id, initial.createdAt, recovery.owner); setRecovery(null); }}>{t('recovery.discard')}</button>
          </div>
        )}
        <textarea
          ref={titleInput}
          // A new article starts in its title.
          autoFocus={initial.id === 0}
          className="title-input"
          rows={1}
          aria-label={t('editor.titlePlaceholder')}
          placeholder={t('editor.titlePlaceholder')}
          value={title}
          maxLength={500}
          onChange={(e) => {
            // A title is one line: pasted line breaks become spaces.
            const v = e.target.value.replace(/\s*[\r\n]+\s*/g, ' ');
            setTitle(v);
            update({ title: v });
          }}
          onKeyDown={(e) => {
            // Enter goes on to the text (an IME's Enter confirms its candidate instead).
            if (e.key === 'Enter' && !e.nativeEvent.isComposing && e.keyCode !== 229) {
              e.preventDefault();
              editorRef.current?.focus();
            }
          }}
        />
        <BodyEditor
          articleId={articleId}
          initialBody={initial.body}
          editorRef={editorRef}
          onChange={onBodyChange}
          onPasteNotice={onPasteNotice}
          onImageNotice={onImageNotice}
          onError={onEditorError}
          label={t('editor.bodyPlaceholder')}
        />
      </div>
      <aside className="editor-side" aria-label={t('editor.sidePanel')}>
        <div className="side-tabs" role="tablist">
          {(['meta', 'checks', 'history', 'related', 'publish'] as const).map((p) => (
            <button key={p} type="button" role="tab" aria-selected={panel === p} data-testid={`tab-${p}`} onClick={() => {
              setPanel(p);
              // Opening the checks looks at the link targets afresh (they may have been published since).
              if (p === 'checks') { forgetLinkStates(); setChecksTick((n) => n + 1); }
            }}>
              {t(`panel.${p}`)}
              {p === 'checks' && warningCount > 0 && <span className="badge" aria-label={t('checks.count', { n: warningCount })}>{warningCount}</span>}
            </button>
          ))}
        </div>
        <div className="side-body" role="tabpanel">
          {panel === 'meta' && (
            <MetadataPanel
              articleId={articleId}
              createdAt={server.createdAt}
              title={title}
              draft={draft}
              onChange={onMetaChange}
              derivedExcerpt={derivedExcerpt}
              slugError={slugError}
              bodyImages={bodyImages}
              focus={focusField}
              slugFollowsTitle={!server.slugManual && !slugEdited}
              onStatusChange={(s) => void onStatusChange(s)}
            />
          )}
          {panel === 'checks' && <ChecksPanel findings={findings} onSelect={onSelectFinding} editorRef={editorRef} />}
          {articleId === 0 && (panel === 'history' || panel === 'related' || panel === 'publish') && (
            <p className="muted" data-testid="not-stored">{t('newArticle.notStored')}</p>
          )}
          {articleId !== 0 && panel === 'history' && (
            <HistoryPanel articleId={articleId} version={server.version} current={current} onRestore={onRestore} onSaveVersion={onSaveVersion} labelRef={versionLabel} />
          )}
          {articleId !== 0 && panel === 'related' && <RelatedPanel articleId={articleId} />}
          {articleId !== 0 && panel === 'publish' && <PublishPanel articleId={articleId} title={title} saveNow={saveNow} />}
        </div>
      </aside>
      {state.kind === 'conflict' && (
        <ConflictDialog articleId={articleId} updatedAt={state.updatedAt} mine={current} onReloadTheirs={onReloadTheirs} onKeepMine={onKeepMine} />
      )}
      {statusCheck && (
        <PublishCheckDialog status={statusCheck.status} articles={statusCheck.articles} bulk={false}
          onCancel={() => setStatusCheck(null)}
          onConfirm={() => { onMetaChange({ status: statusCheck.status }); setStatusCheck(null); }} />
      )}
    </article>
  );
}
