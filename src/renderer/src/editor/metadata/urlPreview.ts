/**
 * The URL the article will have on the site, for the metadata panel's preview: the settings'
 * URL pattern filled in ({category} slug path, {slug}, {id}, {yyyy}/{mm}/{dd}), after the base
 * URL. It follows core/publish/site-url.ts (which the exporter uses) placeholder for
 * placeholder; that module is not among the pure ones the renderer may run, so this is a
 * preview, not the authority.
 */
export function previewUrl(settings: { baseUrl: string; urlPattern: string }, parts: { id: number; slug: string; categorySlugPath: string[]; date: string | null }): string {
  const m = parts.date ? /^(\d{4})-(\d{2})-(\d{2})/.exec(parts.date) : null;
  const values: Record<string, string> = {
    category: parts.categorySlugPath.join('/'), slug: parts.slug, id: String(parts.id),
    yyyy: m?.[1] ?? '0000', mm: m?.[2] ?? '00', dd: m?.[3] ?? '00',
  };
  const filled = settings.urlPattern.replace(/\{(category|slug|id|yyyy|mm|dd)\}/g, (_, k: string) => values[k] ?? '');
  const path = `/${filled.split('/').filter((s, i, all) => s !== '' || i === all.length - 1).join('/')}`.replace(/^\/+/, '/');
  return `${settings.baseUrl.replace(/\/+$/, '')}${path}`;
}
