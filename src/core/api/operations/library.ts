import { z } from 'zod';
import { defineOperation } from '../contract.js';
import { getSettings, setSettings, Settings, SettingsPatch } from '../../settings/settings.js';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations.js';

export const libraryOperations = {
  'library.info': defineOperation({
    summary: 'Which library is open, and its schema version.',
    input: z.strictObject({}),
    output: z.object({ path: z.string(), schemaVersion: z.int(), appSchemaVersion: z.int() }),
    handler: ({ db, libraryPath }) => ({
      path: libraryPath,
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
      appSchemaVersion: LATEST_SCHEMA_VERSION,
    }),
  }),
  'library.stats': defineOperation({
    summary: 'Counts of articles (live, trashed, by status), categories and tags.',
    input: z.strictObject({}),
    output: z.object({
      articles: z.int(), trashed: z.int(), categories: z.int(), tags: z.int(),
      byStatus: z.record(z.string(), z.int()),
    }),
    handler: ({ db }) => {
      const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
      const byStatus = Object.fromEntries(
        (db.prepare('SELECT status, count(*) AS n FROM articles WHERE deleted_at IS NULL GROUP BY status').all() as Array<{ status: string; n: number }>)
          .map((r) => [r.status, r.n]),
      );
      return {
        articles: n('SELECT count(*) AS n FROM articles WHERE deleted_at IS NULL'),
        trashed: n('SELECT count(*) AS n FROM articles WHERE deleted_at IS NOT NULL'),
        categories: n('SELECT count(*) AS n FROM categories'),
        tags: n('SELECT count(*) AS n FROM tags'),
        byStatus,
      };
    },
  }),
  'settings.get': defineOperation({
    summary: 'Site and app settings, with defaults filled in.',
    input: z.strictObject({}),
    output: Settings,
    handler: ({ db }) => getSettings(db),
  }),
  'settings.set': defineOperation({
    summary: 'Change some settings; the rest stay as they are.',
    input: SettingsPatch,
    output: Settings,
    handler: ({ db }, patch) => setSettings(db, patch),
  }),
};
