import { useEffect, useState } from 'react';
import { call, transport, type OutputOf } from '../api/client';
import { useI18n } from '../i18n/i18n';
import type { HostOutput } from '../../../shared/bridge-types';

type Info = OutputOf<'library.info'>;
type Current = HostOutput<'library.current'>;

/**
 * Which library is open, and how to open another. Electron does it with native dialogs and a
 * recent list (the same actions as its File menu); browser mode serves one library per server,
 * so it shows the path and the command that starts it on another.
 */
export function LibrarySection() {
  const { t } = useI18n();
  const [info, setInfo] = useState<Info | null>(null);
  const [current, setCurrent] = useState<Current | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    call('library.info', {}).then(setInfo, (err: Error) => setError(err.message));
    void window.copydesk?.host('library.current', {}).then((r) => (r.ok ? setCurrent(r.data) : setError(r.error.message)));
  }, []);

  const host = async (run: () => Promise<{ ok: boolean; error?: { message: string } }>) => {
    setError(null);
    const r = await run();
    if (!r.ok) setError(r.error?.message ?? '');
  };

  const command = `npm run web -- --library ${t('settings.library.pathPlaceholder')}`;

  return (
    <section className="panel" aria-labelledby="library-heading" data-testid="library-settings">
      <h2 id="library-heading">{t('settings.library')}</h2>
      <dl className="facts">
        <dt>{t('settings.library.path')}</dt>
        <dd><code data-testid="library-path">{info?.path ?? '…'}</code></dd>
        <dt>{t('settings.library.schema')}</dt>
        <dd>{info ? t('settings.library.schemaValue', { v: info.schemaVersion, app: info.appSchemaVersion }) : '…'}</dd>
      </dl>
      {transport === 'electron' && window.copydesk ? (
        <>
          <div className="button-row">
            <button type="button" onClick={() => void host(() => window.copydesk!.host('library.openDialog', {}))}>{t('settings.library.open')}</button>
            <button type="button" onClick={() => void host(() => window.copydesk!.host('library.createDialog', {}))}>{t('settings.library.create')}</button>
          </div>
          {current && current.recent.length > 0 && (
            <>
              <h3>{t('settings.library.recent')}</h3>
              <ul className="recent-list">
                {current.recent.map((r) => (
                  <li key={r.path}>
                    <button type="button" className="link-like" disabled={r.path === current.path} onClick={() => void host(() => window.copydesk!.host('library.openRecent', { path: r.path }))}>
                      {r.name}
                    </button>{' '}
                    <span className="muted small">{r.path}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      ) : (
        <div className="browser-library-help">
          <p>{t('settings.library.browserExplain')}</p>
          <pre className="command"><code>{command}</code></pre>
          <button
            type="button"
            onClick={() => {
              navigator.clipboard?.writeText(command).then(() => setCopied(true), () => setCopied(false));
            }}
          >
            {copied ? t('settings.library.copied') : t('settings.library.copy')}
          </button>
          <p className="muted small">{t('settings.library.browserNote')}</p>
        </div>
      )}
      {error && <p role="alert" className="error">{error}</p>}
    </section>
  );
}
