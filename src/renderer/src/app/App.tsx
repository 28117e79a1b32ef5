import { useEffect, useState } from 'react';
import { call, ApiError } from '../api/client';
import { I18nProvider, resolveLocale, useI18n } from '../i18n/i18n';
import { LibraryList } from '../library/LibraryList';
import { ArticleEditor } from '../editor/ArticleEditor';
import { announceLibraryChange } from './events';
import { navigate, useRoute } from './route';

type Settings = Awaited<ReturnType<typeof call<'settings.get'>>>;

export function App() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [fatal, setFatal] = useState<string | null>(null);

  useEffect(() => {
    call('settings.get', {})
      .then(setSettings)
      .catch((err: Error) => setFatal(err instanceof ApiError ? err.message : String(err)));
  }, []);

  useEffect(() => {
    const theme = settings?.theme ?? 'system';
    document.documentElement.dataset.theme = theme;
  }, [settings?.theme]);

  const locale = resolveLocale(settings?.locale ?? 'auto');
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  if (fatal) return <p role="alert" className="error fatal">{fatal}</p>;
  return (
    <I18nProvider locale={locale}>
      <Shell />
    </I18nProvider>
  );
}

function Shell() {
  const { t } = useI18n();
  const route = useRoute();
  const [error, setError] = useState<string | null>(null);

  const newArticle = async () => {
    try {
      const a = await call('articles.create', {});
      announceLibraryChange();
      navigate(`#/article/${a.id}`);
    } catch (err) {
      setError((err as Error).message);
    }
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.altKey && e.key.toLowerCase() === 'n') {
        e.preventDefault();
        void newArticle();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const selectedId = route.name === 'article' ? route.id : null;
  return (
    <div className="shell">
      <header className="topbar">
        <h1 className="brand">{t('app.name')}</h1>
        <button className="primary" onClick={newArticle} title="Ctrl+Alt+N">{t('app.newArticle')}</button>
        {error && <span role="alert" className="error">{error}</span>}
      </header>
      <aside className="sidebar">
        <LibraryList selectedId={selectedId} />
      </aside>
      <main className="content">
        {selectedId !== null ? <ArticleEditor key={selectedId} id={selectedId} /> : <p className="muted empty-editor">{t('editor.none')}</p>}
      </main>
    </div>
  );
}
