import type { Database } from 'better-sqlite3';
import { z } from 'zod';

/**
 * Site and app settings: one row per key, JSON values, every key with a default so a new
 * library works before anybody opens the settings page.
 */
export const Settings = z.strictObject({
  siteName: z.string().max(200),
  baseUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ }).max(500)]),
  /** Placeholders: {category} (slug path), {slug}, {id}, {yyyy}, {mm}, {dd}. */
  // `params.key`: the message key the UI phrases this issue with (the CLI shows the English).
  urlPattern: z.string().max(300).refine((v) => /\{slug\}|\{id\}/.test(v), { message: 'the URL pattern needs {slug} or {id}', params: { key: 'settings.urlPatternNeedsSlug' } }),
  copyright: z.string().max(5_000),
  contactBlock: z.string().max(5_000),
  locale: z.enum(['auto', 'zh-CN', 'en']),
  theme: z.enum(['system', 'light', 'dark']),
  defaultAuthor: z.string().max(200),
});
export type Settings = z.infer<typeof Settings>;
export const SettingsPatch = Settings.partial();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const DEFAULT_SETTINGS: Settings = {
  siteName: 'Copydesk',
  baseUrl: '',
  urlPattern: '/{category}/{slug}.html',
  copyright: '',
  contactBlock: '',
  locale: 'auto',
  theme: 'system',
  defaultAuthor: '',
};

export function getSettings(db: Database): Settings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as Array<{ key: string; value: string }>;
  const stored: Record<string, unknown> = {};
  for (const r of rows) if (r.key in DEFAULT_SETTINGS) stored[r.key] = JSON.parse(r.value);
  // A value written by a newer version that no longer validates falls back to the default.
  const merged = { ...DEFAULT_SETTINGS, ...stored };
  const parsed = Settings.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export function setSettings(db: Database, patch: SettingsPatch): Settings {
  return db.transaction(() => {
    const upsert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    for (const [k, v] of Object.entries(patch)) if (v !== undefined) upsert.run(k, JSON.stringify(v));
    return getSettings(db);
  }).immediate();
}
