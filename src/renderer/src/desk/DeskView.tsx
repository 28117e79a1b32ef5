import { useState, type FormEvent } from 'react';
import { call, ApiError, type ContractError } from '../api/client';
import { announceLibraryChange } from '../app/events';
import { useToast } from '../app/toasts';
import { useI18n } from '../i18n/i18n';
import { useDesk } from './useDeskSync';
import './desk.css';

interface ArticleRef { id: number; slug: string; title: string }
interface LastResult {
  pulled?: number; pushed?: number; merged?: number;
  incoming?: Array<ArticleRef & { change: string; by?: string | null }>;
  restored?: ArticleRef[];
  refused?: Array<{ path: string; code: string }>;
  authors?: Array<{ name: string; email: string }>;
  error?: string; reason?: string;
}

/** The desk: join one, sync, and see what came in, what waits to go out, and what needs a decision. */
export function DeskView() {
  const { t } = useI18n();
  const desk = useDesk();
  return (
    <div className="desk-page" data-testid="desk">
      <h1 className="page-title">{t('desk.title')}</h1>
      {desk.status === null ? null : desk.status.joined ? <DeskPanel /> : <JoinForm />}
    </div>
  );
}

function ErrorBox({ error }: { error: { reason?: string; git?: string } }) {
  const { t } = useI18n();
  const key = `desk.error.${error.reason ?? 'other'}`;
  const text = t(key as never);
  return (
    <div role="alert" className="panel desk-error" data-testid="desk-error">
      <p className="error">{text === key ? t('desk.error.other') : text}</p>
      {error.git && (
        <>
          <p className="muted small">{t('desk.gitSays')}</p>
          <pre className="desk-git" lang="en">{error.git}</pre>
        </>
      )}
    </div>
  );
}

function JoinForm() {
  const { t } = useI18n();
  const desk = useDesk();
  const toast = useToast();
  const [url, setUrl] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ContractError | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await call('desk.join', { url: url.trim(), ...(name.trim() ? { name } : {}), ...(email.trim() ? { email } : {}) });
      announceLibraryChange();
      toast({ message: t('desk.joined') });
      await desk.refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err.error : { code: 'internal', message: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="panel desk-join" onSubmit={(e) => void submit(e)} data-testid="desk-join">
      <p className="muted">{t('desk.intro')}</p>
      <div className="field">
        <label htmlFor="desk-url">{t('desk.url')}</label>
        <input id="desk-url" value={url} onChange={(e) => setUrl(e.target.value)} aria-describedby="desk-url-hint" spellCheck={false} required />
        <span id="desk-url-hint" className="muted small">{t('desk.urlHint')}</span>
      </div>
      <div className="field">
        <label htmlFor="desk-name">{t('desk.name')}</label>
        <input id="desk-name" value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="desk-email">{t('desk.email')}</label>
        <input id="desk-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      </div>
      {error && <ErrorBox error={{ reason: error.details?.reason as string | undefined, git: error.details?.git as string | undefined }} />}
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy || !url.trim()}>{busy ? t('desk.joining') : t('desk.join')}</button>
      </div>
    </form>
  );
}

function ArticleLink({ a }: { a: ArticleRef }) {
  const { t } = useI18n();
  return <a href={`#/article/${a.id}`}>{a.title || t('library.untitled')}</a>;
}

function DeskPanel() {
  const { t, locale } = useI18n();
  const desk = useDesk();
  const toast = useToast();
  const [confirmLeave, setConfirmLeave] = useState(false);
  const s = desk.status!;
  const last = (s.lastResult ?? {}) as LastResult;
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(locale) : t('desk.never'));
  const failure = desk.error
    ? { reason: desk.error.details?.reason as string | undefined, git: desk.error.details?.git as string | undefined }
    : last.error ? { reason: last.reason, git: last.error } : null;

  const decide = async (id: number) => {
    await call('desk.resolve', { articleId: id });
    await desk.refresh();
  };
  const leave = async () => {
    await call('desk.leave', {});
    toast({ message: t('desk.left') });
    await desk.refresh();
  };

  return (
    <>
      <section className="panel" aria-labelledby="desk-state-heading">
        <h2 id="desk-state-heading" className="visually-hidden">{t('desk.title')}</h2>
        <dl className="desk-facts">
          <dt>{t('desk.remote')}</dt><dd data-testid="desk-remote"><code>{s.remote}</code></dd>
          <dt>{t('desk.identity')}</dt><dd>{s.name} &lt;{s.email}&gt;</dd>
          <dt>{t('desk.lastSync')}</dt><dd data-testid="desk-last-sync">{when(s.lastSync)}</dd>
          <dt>{t('desk.ahead')}</dt><dd data-testid="desk-ahead">{s.ahead}</dd>
          <dt>{t('desk.behind')}</dt><dd data-testid="desk-behind">{s.behind}</dd>
        </dl>
        <div className="button-row">
          <button type="button" className="primary" onClick={() => void desk.sync()} disabled={desk.syncing} title="Ctrl+Shift+Y" aria-keyshortcuts="Control+Shift+Y" data-testid="desk-sync">
            {desk.syncing ? t('desk.syncing') : t('desk.syncNow')}
          </button>
          {confirmLeave
            ? <button type="button" onClick={() => void leave()}>{t('desk.leaveConfirm')}</button>
            : <button type="button" onClick={() => setConfirmLeave(true)}>{t('desk.leave')}</button>}
        </div>
      </section>
      {failure && <ErrorBox error={failure} />}
      <section className="panel" aria-labelledby="desk-conflicts-heading" data-testid="desk-conflicts">
        <h2 id="desk-conflicts-heading">{t('desk.conflicts')}</h2>
        {s.conflicts.length === 0 ? <p className="muted">{t('desk.noConflicts')}</p> : (
          <>
            <p className="muted small">{t('desk.conflictsHint')}</p>
            <ul className="desk-list">
              {s.conflicts.map((a) => (
                <li key={a.id}>
                  <ArticleLink a={a} />
                  <a className="button-link" href={`#/article/${a.id}`}>{t('desk.open')}</a>
                  <button type="button" onClick={() => void decide(a.id)}>{t('desk.decided')}</button>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      {s.lastSync && (
        <section className="panel" aria-labelledby="desk-last-heading" data-testid="desk-last">
          <h2 id="desk-last-heading">{t('desk.lastResult')}</h2>
          <p>{t('desk.counts', { pulled: last.pulled ?? 0, pushed: last.pushed ?? 0, merged: last.merged ?? 0 })}</p>
          {last.authors && last.authors.length > 0 && <p className="muted">{t('desk.by', { names: last.authors.map((a) => a.name).join('、') })}</p>}
          <h3>{t('desk.incoming')}</h3>
          {!last.incoming?.length ? <p className="muted">{t('desk.nothingIn')}</p> : (
            <ul className="desk-list" data-testid="desk-incoming">
              {last.incoming.map((a) => (
                <li key={`${a.id}-${a.change}`}><span className="desk-change">{t(`desk.change.${a.change}` as never)}</span> <ArticleLink a={a} />{a.by && <span className="muted small">{t('desk.changedBy', { name: a.by })}</span>}</li>
              ))}
            </ul>
          )}
          {!!last.restored?.length && (
            <>
              <h3>{t('desk.restored')}</h3>
              <ul className="desk-list">{last.restored.map((a) => <li key={a.id}><ArticleLink a={a} /></li>)}</ul>
            </>
          )}
          {!!last.refused?.length && (
            <>
              <h3>{t('desk.refused')}</h3>
              <ul className="desk-list" data-testid="desk-refused">
                {last.refused.map((f) => <li key={f.path}><code>{f.path}</code> <span className="muted">{t(`desk.refused.${f.code}` as never)}</span></li>)}
              </ul>
            </>
          )}
        </section>
      )}
    </>
  );
}
