import { useEffect, useState } from 'react';
import { ApiError } from '../api/client';
import { useI18n, type Translate } from '../i18n/i18n';
import { phraseIssue, type Issue } from '../i18n/errors';
import { useSettings, type Settings } from '../app/settings';
import { useToast } from '../app/toasts';
import { LibrarySection } from './LibrarySection';
import { ShortcutList } from './ShortcutList';

type SiteField = 'siteName' | 'baseUrl' | 'urlPattern' | 'copyright' | 'contactBlock' | 'defaultAuthor';
const SITE_FIELDS: SiteField[] = ['siteName', 'baseUrl', 'urlPattern', 'copyright', 'contactBlock', 'defaultAuthor'];
const MULTILINE: ReadonlySet<SiteField> = new Set(['copyright', 'contactBlock']);

/**
 * Settings: language and theme apply the moment they are chosen; the site's details are a form
 * saved as a whole, with the core's validation messages shown beside the fields they concern.
 */
export function SettingsPage() {
  const { t } = useI18n();
  const { settings, update } = useSettings();
  const toast = useToast();
  const [appearanceError, setAppearanceError] = useState<string | null>(null);
  // The radio shows the choice at once; the app follows when the core has saved it.
  const [shown, setShown] = useState({ locale: settings.locale, theme: settings.theme });
  useEffect(() => setShown({ locale: settings.locale, theme: settings.theme }), [settings.locale, settings.theme]);

  const setAppearance = async (patch: Partial<Pick<Settings, 'locale' | 'theme'>>) => {
    setShown((s) => ({ ...s, ...patch }));
    try {
      setAppearanceError(null);
      await update(patch);
    } catch (err) {
      setShown({ locale: settings.locale, theme: settings.theme });
      setAppearanceError((err as Error).message);
    }
  };

  return (
    <div className="settings-page" data-testid="settings">
      <h1 className="page-title">{t('settings.title')}</h1>

      <section className="panel" aria-labelledby="appearance-heading">
        <h2 id="appearance-heading">{t('settings.appearance')}</h2>
        <fieldset className="radio-row">
          <legend>{t('settings.language')}</legend>
          {(['auto', 'zh-CN', 'en'] as const).map((value) => (
            <label key={value} className="check-label">
              <input type="radio" name="locale" value={value} checked={shown.locale === value} onChange={() => void setAppearance({ locale: value })} />
              {/* Each language is named in itself, so it can be found whatever the UI language is. */}
              <span lang={value === 'auto' ? undefined : value}>{value === 'auto' ? t('settings.languageAuto') : value === 'zh-CN' ? '简体中文' : 'English'}</span>
            </label>
          ))}
        </fieldset>
        <fieldset className="radio-row">
          <legend>{t('settings.theme')}</legend>
          {(['system', 'light', 'dark'] as const).map((value) => (
            <label key={value} className="check-label">
              <input type="radio" name="theme" value={value} checked={shown.theme === value} onChange={() => void setAppearance({ theme: value })} />
              <span>{t(`settings.theme.${value}`)}</span>
            </label>
          ))}
        </fieldset>
        {appearanceError && <p role="alert" className="error">{appearanceError}</p>}
      </section>

      <SiteForm
        settings={settings}
        onSave={async (patch) => {
          await update(patch);
          toast({ message: t('settings.saved') });
        }}
      />

      <LibrarySection />
      <ShortcutList />
    </div>
  );
}

function SiteForm({ settings, onSave }: { settings: Settings; onSave(patch: Pick<Settings, SiteField>): Promise<void> }) {
  const { t } = useI18n();
  const pick = (s: Settings) => Object.fromEntries(SITE_FIELDS.map((f) => [f, s[f]])) as Pick<Settings, SiteField>;
  const [values, setValues] = useState(() => pick(settings));
  const [errors, setErrors] = useState<Partial<Record<SiteField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dirty = SITE_FIELDS.some((f) => values[f] !== settings[f]);

  // Saved elsewhere (another window): take the new values when nothing here is being edited.
  useEffect(() => {
    if (!dirty) setValues(pick(settings));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settings]);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setFormError(null);
    try {
      await onSave(values);
    } catch (err) {
      const byField = fieldErrors(err, t);
      if (Object.keys(byField).length) setErrors(byField);
      else setFormError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel site-form" aria-labelledby="site-heading" onSubmit={submit} noValidate data-testid="site-form">
      <h2 id="site-heading">{t('settings.site')}</h2>
      <p className="muted small">{t('settings.siteIntro')}</p>
      {SITE_FIELDS.map((field) => {
        const id = `setting-${field}`;
        const error = errors[field];
        const common = {
          id,
          value: values[field],
          'aria-invalid': error ? true : undefined,
          'aria-describedby': `${id}-hint${error ? ` ${id}-error` : ''}`,
          onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setValues((v) => ({ ...v, [field]: e.target.value })),
        };
        return (
          <div key={field} className={`field${error ? ' invalid' : ''}`}>
            <label htmlFor={id}>{t(`settings.field.${field}`)}</label>
            {MULTILINE.has(field) ? <textarea rows={3} {...common} /> : <input {...common} type={field === 'baseUrl' ? 'url' : 'text'} />}
            <span id={`${id}-hint`} className="muted small">{t(`settings.hint.${field}`)}</span>
            {error && <span id={`${id}-error`} className="error small" role="alert">{error}</span>}
          </div>
        );
      })}
      {formError && <p role="alert" className="error">{formError}</p>}
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy || !dirty}>{t('common.save')}</button>
        <button type="button" disabled={busy || !dirty} onClick={() => { setValues(pick(settings)); setErrors({}); }}>{t('settings.revert')}</button>
      </div>
    </form>
  );
}

/** The core's validation issues, phrased in the interface's language, by the field each one names. */
function fieldErrors(err: unknown, t: Translate): Partial<Record<SiteField, string>> {
  if (!(err instanceof ApiError) || err.code !== 'validation') return {};
  const issues = (err.error.details?.issues ?? []) as Issue[];
  const out: Partial<Record<SiteField, string>> = {};
  for (const issue of issues) {
    const field = issue.path?.[0];
    if (typeof field === 'string' && (SITE_FIELDS as string[]).includes(field)) {
      const text = phraseIssue(issue, t);
      out[field as SiteField] = out[field as SiteField] ? `${out[field as SiteField]}${t('common.listSeparator')}${text}` : text;
    }
  }
  return out;
}
