import { z } from 'zod';
import { defineOperation } from '../contract.js';
import { autoBackup, backupsDir, createBackup, listBackups, restoreBackup } from '../../db/backups.js';

const BackupInfo = z.object({
  name: z.string(),
  path: z.string(),
  kind: z.string(),
  createdAt: z.string(),
  bytes: z.int(),
  schemaVersion: z.int().nullable(),
});

/** A backup is named by its file name in the backups folder: never a path, so no caller can point restore elsewhere. */
const BackupName = z
  .string()
  .min(1, 'name a backup from backup.list')
  .max(255)
  .refine((n) => !/[\\/\0]/.test(n) && n !== '.' && n !== '..', 'a backup name is a file name from backup.list, not a path');

export const backupOperations = {
  'backup.create': defineOperation({
    summary:
      'Back up the library now into <library dir>/backups. automatic: true is what the app calls on quit and daily: ' +
      'at most one per day, then the rotation (keep the last 7 automatic backups and the newest of each month).',
    input: z.strictObject({ automatic: z.boolean().default(false) }),
    output: z.object({ created: BackupInfo.nullable(), skipped: z.string().optional(), pruned: z.array(z.string()) }),
    handler: async ({ db, libraryPath }, { automatic }) =>
      automatic ? autoBackup(db, libraryPath) : { created: await createBackup(db, libraryPath, 'manual'), pruned: [] },
  }),
  'backup.list': defineOperation({
    summary: 'The backups of this library, newest first.',
    input: z.strictObject({}),
    output: z.object({ dir: z.string(), backups: z.array(BackupInfo) }),
    handler: ({ libraryPath }) => ({ dir: backupsDir(libraryPath), backups: listBackups(libraryPath) }),
  }),
  'backup.restore': defineOperation({
    summary:
      'Replace the library with one of its backups, after backing up the library as it is (safetyBackup: restoring it undoes this). ' +
      'The library is replaced in place, so the caller\'s connection stays valid; everything the caller shows (lists, open ' +
      'articles and their versions) is stale afterwards and must be reloaded.',
    input: z.strictObject({ name: BackupName }),
    output: z.object({
      restored: BackupInfo,
      safetyBackup: BackupInfo,
      schemaVersion: z.int(),
      migratedFrom: z.int().nullable(),
    }),
    handler: ({ db, libraryPath }, { name }) => restoreBackup(db, libraryPath, name),
  }),
};
