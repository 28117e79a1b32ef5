import { useCallback, useEffect, useRef, useState } from 'react';
import { call, ApiError } from '../api/client';
import { I18nProvider, resolveLocale, useI18n } from '../i18n/i18n';
import { LibraryView } from '../library/LibraryView';
import { LibraryStateProvider, useLibraryState } from '../library/LibraryState';
import { ArticleEditor } from '../editor/ArticleEditor';
import { TaxonomyProvider } from '../taxonomy/TaxonomyProvider';
import { TaxonomyManager } from '../taxonomy/TaxonomyManager';
import { SettingsPage } from '../settings/SettingsPage';
import { DeskView } from '../desk/DeskView';
import { DeskProvider } from '../desk/useDeskSync';
import { PublishActions } from '../publish/PublishActions';
import { announceLibraryChange } from './events';
import { navigate, replaceRoute, useRoute, type Route } from './route';
import { SettingsProvider, useSettings, type Settings } from './settings';
import { ToastProvider, useToast } from './toasts';
import { openArticleWindow } from './windows';

export function App() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [fatal, setFatal] = useState<string | null>(null);

  useEffect(() => {
    call('settings.get', {})
      .then(setSettings)
      .catch((err: Error) => setFatal(err instanceof ApiError ? err.message : String(err)));
  }, []);

  if (fatal) return <p role="alert" className="error fatal">{fatal}</p>;
  if (!settings) return null;
  return (
    <SettingsProvider initial={settings}>
      <Localized />
    </SettingsProvider>
  );
}

/** Language and theme follow the settings live: changing them on the settings page re-renders here. */
function Localized() {
  const { settings } = useSettings();
  const locale = resolveLocale(settings.locale);

  useEffect(() => {
    document.documentElement.dataset.theme = settings.theme;
  }, [settings.theme]);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  return (
    <I18nProvider locale={locale}>
      <ToastProvider>
        <TaxonomyProvider>
          <LibraryStateProvider>
            <DeskProvider>
              <Shell />
            </DeskProvider>
          </LibraryStateProvider>
        </TaxonomyProvider>
      </ToastProvider>
    </I18nProvider>
  );
}

function Shell() {
  const { t } = useI18n();
  const route = useRoute();
  const toast = useToast();
  const { activeId } = useLibraryState();

  // A new article opens empty with the caret in its title; the editor stores it at the first
  // change, so clicks that type nothing leave no empty drafts behind.
  const [newCount, setNewCount] = useState(0);
  const newArticle = useCallback(() => {
    setNewCount((n) => n + 1);
    navigate('#/article/new');
  }, []);
  // A stored new article keeps its editor (same key) when the address becomes its id.
  const adopted = useRef(new Map<number, string>());
  const editorKey = route.name !== 'article' ? '' : route.id === null ? `new-${newCount}` : adopted.current.get(route.id) ?? String(route.id);
  const shownKey = useRef(editorKey);
  shownKey.current = editorKey;
  const onCreated = useCallback((id: number, key: string) => {
    adopted.current.set(id, key);
    announceLibraryChange();
    // Stored as it closed (another new article or page was opened): the address stays where it is.
    if (shownKey.current === key) replaceRoute(`#/article/${id}`);
  }, []);

  // The article a "new window" command means: the open one, else the focused row of the list.
  const routeRef = useRef<Route>(route);
  routeRef.current = route;
  const articleForWindow = useCallback(() => (routeRef.current.name === 'article' ? routeRef.current.id : activeId.current), [activeId]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.altKey && e.key.toLowerCase() === 'n') {
        e.preventDefault();
        void newArticle();
      } else if (mod && !e.altKey && e.key === ',') {
        e.preventDefault();
        navigate('#/settings');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [newArticle]);

  // Electron's File menu: the same actions as the buttons in the page.
  useEffect(() => {
    return window.copydesk?.onMenuCommand((command) => {
      if (command.command === 'article.new') void newArticle();
      else if (command.command === 'article.openInNewWindow') {
        const id = articleForWindow();
        if (id !== null) openArticleWindow(id).catch((err: Error) => toast({ message: err.message, tone: 'error' }));
      }
    });
  }, [newArticle, articleForWindow, toast]);

  useEffect(() => {
    const page = route.name === 'settings' ? t('nav.settings') : route.name === 'taxonomy' ? t('nav.taxonomy') : route.name === 'desk' ? t('nav.desk') : t('library.title');
    document.title = `${page} — Copydesk`;
  }, [route.name, t]);

  const inLibrary = route.name === 'library' || route.name === 'article';
  const navLink = (hash: string, active: boolean, label: string, testId: string) => (
    <a href={hash} className={`nav-link${active ? ' active' : ''}`} aria-current={active ? 'page' : undefined} data-testid={testId}>{label}</a>
  );

  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">{t('app.name')}</span>
        <nav className="main-nav" aria-label={t('nav.label')}>
          {navLink('#/', inLibrary, t('nav.library'), 'nav-library')}
          {navLink('#/taxonomy', route.name === 'taxonomy', t('nav.taxonomy'), 'nav-taxonomy')}
          {navLink('#/desk', route.name === 'desk', t('nav.desk'), 'nav-desk')}
          {navLink('#/settings', route.name === 'settings', t('nav.settings'), 'nav-settings')}
        </nav>
        <span className="spacer" />
        <PublishActions />
        <button type="button" className="primary" onClick={() => void newArticle()} title="Ctrl+Alt+N">{t('app.newArticle')}</button>
      </header>
      {inLibrary ? (
        <main className={`workspace${route.name === 'article' ? ' with-editor' : ''}`}>
          <LibraryView compact={route.name === 'article'} openId={route.name === 'article' ? route.id : null} />
          {route.name === 'article' && (
            <div className="content">
              <ArticleEditor key={editorKey} id={route.id} onCreated={(id) => onCreated(id, editorKey)} />
            </div>
          )}
        </main>
      ) : (
        <main className="page">
          {route.name === 'taxonomy' ? <TaxonomyManager /> : route.name === 'desk' ? <DeskView /> : <SettingsPage />}
        </main>
      )}
    </div>
  );
}
