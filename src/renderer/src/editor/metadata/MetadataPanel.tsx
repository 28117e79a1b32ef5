import { useEffect, useRef, useState } from 'react';
import { assetUrl, call, type OutputOf } from '../../api/client';
import { onLibraryChange } from '../../app/events';
import { useI18n } from '../../i18n/i18n';
import { characterLength } from '../../../../core/content/counts';
import { STATUSES_FOR_UI } from './statuses';
import { CategoryPicker } from './CategoryPicker';
import { TagInput } from './TagInput';
import { previewUrl } from './urlPreview';
import { SLUG_RE, type MetaDraft } from './metaDraft';
import { ImageRejected, uploadImage } from '../plugins/ImagePlugin/uploadImage';

type Categories = OutputOf<'categories.list'>;
type Tags = OutputOf<'tags.list'>;
type Settings = OutputOf<'settings.get'>;

export interface MetadataPanelProps {
  articleId: number;
  createdAt: string;
  title: string;
  draft: MetaDraft;
  onChange: (change: Partial<MetaDraft>) => void;
  /** The excerpt the core would derive from the body now (first paragraph, ~120/160 rule). */
  derivedExcerpt: string;
  /** Why the library refused the slug (another article holds it), shown at the field. */
  slugError: string | null;
  /** Images in the body, offered as the cover. */
  bodyImages: string[];
  /** A field to focus (a check's finding was clicked). */
  focus: { field: string; at: number } | null;
  /** The slug is derived from the title at each save (never set by hand, never published). */
  slugFollowsTitle: boolean;
  /** A status was chosen: the workspace checks ready/published before applying it. */
  onStatusChange: (status: MetaDraft['status']) => void;
}

/** SEO lengths search engines show, in characters: Chinese text about half of Latin. */
function seoLimit(text: string, zh: number, latin: number): number {
  const chars = [...text];
  const cjk = chars.filter((c) => /\p{Script=Han}/u.test(c)).length;
  return chars.length && cjk / chars.length > 0.3 ? zh : latin;
}

const toLocalInput = (iso: string | null) => {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};
const fromLocalInput = (v: string) => (v ? new Date(v).toISOString() : null);

/**
 * Everything about the article except its text: slug (with the pinyin suggestion and the URL it
 * gives), excerpt (written, or the one derived from the first paragraph), author and byline,
 * category, tags, status and dates, cover image, SEO title and description with counters.
 * Each change goes straight into the autosave like the text does.
 */
export function MetadataPanel(p: MetadataPanelProps) {
  const { t } = useI18n();
  const [categories, setCategories] = useState<Categories>([]);
  const [tags, setTags] = useState<Tags>([]);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [suggested, setSuggested] = useState<string | null>(null);
  const [slugText, setSlugText] = useState(p.draft.slug);
  const [coverError, setCoverError] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const coverInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let live = true;
    const load = () => {
      void Promise.all([call('categories.list', {}), call('tags.list', {}), call('settings.get', {})]).then(([c, tg, s]) => {
        if (!live) return;
        setCategories(c);
        setTags(tg);
        setSettings(s);
      }).catch(() => { /* the fields still work without suggestions */ });
    };
    load();
    // Every autosave announces a library change: refresh the lists (a tag created inline, a
    // category added elsewhere) at most once per burst, not once per save.
    let timer: number | undefined;
    const off = onLibraryChange(() => {
      window.clearTimeout(timer);
      timer = window.setTimeout(load, 1_500);
    });
    return () => {
      live = false;
      window.clearTimeout(timer);
      off();
    };
  }, []);

  // The slug the core would derive from this title (pinyin for Chinese), offered once the slug no
  // longer follows the title; loaded lazily: pinyin-pro's dictionary is large.
  useEffect(() => {
    if (p.slugFollowsTitle) return;
    let live = true;
    const timer = window.setTimeout(() => {
      void import('../../../../core/articles/slug').then(({ slugify }) => {
        if (live) setSuggested(p.title.trim() ? slugify(p.title) : null);
      });
    }, 200);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [p.title, p.slugFollowsTitle]);

  useEffect(() => setSlugText(p.draft.slug), [p.draft.slug]);

  useEffect(() => {
    if (!p.focus) return;
    const el = root.current?.querySelector<HTMLElement>(`#meta-${p.focus.field}`);
    el?.scrollIntoView({ block: 'center' });
    el?.focus();
  }, [p.focus]);

  const slugInvalid = slugText !== '' && !SLUG_RE.test(slugText);
  const category = categories.find((c) => c.id === p.draft.categoryId);
  const url = settings ? previewUrl(settings, {
    id: p.articleId, slug: SLUG_RE.test(slugText) ? slugText : p.draft.slug, categorySlugPath: category?.slugPath ?? [],
    date: p.draft.publishedAt ?? p.createdAt,
  }) : '';
  const excerptShown = p.draft.excerptIsManual ? p.draft.excerpt : p.derivedExcerpt;
  const seoTitleMax = seoLimit(p.draft.seoTitle || p.title, 30, 60);
  const seoDescMax = seoLimit(p.draft.seoDescription || excerptShown, 80, 160);

  const counter = (text: string, max: number, idFor: string) => {
    const n = characterLength(text);
    return <span className={`counter${n > max ? ' over' : ''}`} id={`${idFor}-count`} aria-live="polite">{t('meta.counter', { n, max })}</span>;
  };

  return (
    <div className="meta-panel" ref={root} data-testid="metadata-panel">
      <div className="field">
        <label htmlFor="meta-slug">{t('meta.slug')}</label>
        <input
          id="meta-slug"
          value={slugText}
          spellCheck={false}
          aria-invalid={slugInvalid || Boolean(p.slugError)}
          aria-describedby="meta-slug-help"
          onChange={(e) => {
            const v = e.target.value.trim().toLowerCase();
            setSlugText(v);
            if (SLUG_RE.test(v) && v.length <= 90) p.onChange({ slug: v });
          }}
        />
        <div id="meta-slug-help" className="help">
          {slugInvalid && <p className="field-error" role="alert">{t('meta.slugInvalid')}</p>}
          {p.slugError && <p className="field-error" role="alert" data-testid="slug-error">{p.slugError}</p>}
          {p.slugFollowsTitle && <p className="muted small" data-testid="slug-follows">{t('meta.slugFollows')}</p>}
          {!p.slugFollowsTitle && suggested && suggested !== slugText && (
            <p className="muted small">
              {t('meta.slugSuggested')} <code>{suggested}</code>{' '}
              <button type="button" className="link-button" onClick={() => { setSlugText(suggested); p.onChange({ slug: suggested }); }}>{t('meta.useSuggestion')}</button>
            </p>
          )}
          {url && slugText && <p className="url-preview small" data-testid="url-preview" title={url}>{url}</p>}
        </div>
      </div>

      <div className="field">
        <div className="field-head">
          <label htmlFor="meta-excerpt">{t('meta.excerpt')}</label>
          <label className="inline small">
            <input type="checkbox" checked={p.draft.excerptIsManual} onChange={(e) => p.onChange({ excerptIsManual: e.target.checked, excerpt: e.target.checked ? (p.draft.excerpt || p.derivedExcerpt) : p.draft.excerpt })} />
            {t('meta.excerptManual')}
          </label>
        </div>
        <textarea
          id="meta-excerpt"
          rows={4}
          value={excerptShown}
          readOnly={!p.draft.excerptIsManual}
          className={p.draft.excerptIsManual ? '' : 'derived'}
          maxLength={2000}
          onChange={(e) => p.onChange({ excerpt: e.target.value, excerptIsManual: true })}
        />
        <p className="help muted small">{p.draft.excerptIsManual ? counter(p.draft.excerpt, seoLimit(p.draft.excerpt, 120, 160), 'meta-excerpt') : t('meta.excerptDerived')}</p>
      </div>

      <div className="field-row">
        <div className="field">
          <label htmlFor="meta-author">{t('meta.author')}</label>
          <input id="meta-author" value={p.draft.author} maxLength={200} onChange={(e) => p.onChange({ author: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="meta-status">{t('meta.status')}</label>
          <select id="meta-status" value={p.draft.status} onChange={(e) => p.onStatusChange(e.target.value as MetaDraft['status'])}>
            {STATUSES_FOR_UI.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
          </select>
        </div>
      </div>

      <div className="field">
        <label htmlFor="meta-byline">{t('meta.byline')}</label>
        <input id="meta-byline" value={p.draft.byline} maxLength={2000} placeholder={t('meta.bylineHint')} onChange={(e) => p.onChange({ byline: e.target.value })} />
      </div>

      <div className="field">
        <label htmlFor="meta-category">{t('meta.category')}</label>
        <CategoryPicker id="meta-category" categories={categories} value={p.draft.categoryId} onChange={(categoryId) => p.onChange({ categoryId })} />
      </div>

      <div className="field">
        <label htmlFor="meta-tags">{t('meta.tags')}</label>
        <TagInput id="meta-tags" all={tags} value={p.draft.tags} onChange={(next) => p.onChange({ tags: next })} />
      </div>

      <div className="field-dates">
        <div className="field">
          <label htmlFor="meta-published">{t('meta.publishedAt')}</label>
          <input id="meta-published" type="datetime-local" value={toLocalInput(p.draft.publishedAt)} onChange={(e) => p.onChange({ publishedAt: fromLocalInput(e.target.value) })} />
        </div>
        <div className="field">
          <label htmlFor="meta-scheduled">{t('meta.scheduledAt')}</label>
          <input id="meta-scheduled" type="datetime-local" value={toLocalInput(p.draft.scheduledAt)} onChange={(e) => p.onChange({ scheduledAt: fromLocalInput(e.target.value) })} />
        </div>
      </div>

      <div className="field">
        <span className="label" id="meta-cover-label">{t('meta.cover')}</span>
        <div className="cover" role="group" aria-labelledby="meta-cover-label">
          {p.draft.coverAsset
            ? <img src={assetUrl(p.draft.coverAsset)} alt={t('meta.cover')} className="cover-thumb" data-testid="cover-thumb" />
            : <span className="muted small">{t('meta.noCover')}</span>}
          <div className="cover-actions">
            <button type="button" id="meta-cover" onClick={() => coverInput.current?.click()}>{t('meta.coverPick')}</button>
            {p.bodyImages.length > 0 && (
              <select aria-label={t('meta.coverFromBody')} value="" onChange={(e) => e.target.value && p.onChange({ coverAsset: e.target.value })}>
                <option value="">{t('meta.coverFromBody')}</option>
                {p.bodyImages.map((sha, i) => <option key={sha} value={sha}>{t('meta.coverImageN', { n: i + 1 })}</option>)}
              </select>
            )}
            {p.draft.coverAsset && <button type="button" onClick={() => p.onChange({ coverAsset: null })}>{t('meta.coverRemove')}</button>}
          </div>
          <input ref={coverInput} type="file" hidden accept="image/png,image/jpeg,image/gif,image/webp" data-testid="cover-file-input"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (!file) return;
              setCoverError(null);
              try {
                const stored = await uploadImage(file);
                p.onChange({ coverAsset: stored.sha256 });
              } catch (err) {
                setCoverError(err instanceof ImageRejected ? t(err.reason === 'type' ? 'image.badType' : 'image.tooBig', { mb: (file.size / 1048576).toFixed(1) }) : (err as Error).message);
              }
            }} />
          {coverError && <p className="field-error" role="alert">{coverError}</p>}
        </div>
      </div>

      <fieldset className="seo">
        <legend>{t('meta.seo')}</legend>
        <div className="field">
          <div className="field-head">
            <label htmlFor="meta-seo-title">{t('meta.seoTitle')}</label>
            {counter(p.draft.seoTitle || p.title, seoTitleMax, 'meta-seo-title')}
          </div>
          <input id="meta-seo-title" value={p.draft.seoTitle} maxLength={300} placeholder={p.title} onChange={(e) => p.onChange({ seoTitle: e.target.value })} />
        </div>
        <div className="field">
          <div className="field-head">
            <label htmlFor="meta-seo-description">{t('meta.seoDescription')}</label>
            {counter(p.draft.seoDescription || excerptShown, seoDescMax, 'meta-seo-description')}
          </div>
          <textarea id="meta-seo-description" rows={3} value={p.draft.seoDescription} maxLength={1000} placeholder={excerptShown} onChange={(e) => p.onChange({ seoDescription: e.target.value })} />
        </div>
      </fieldset>
    </div>
  );
}
