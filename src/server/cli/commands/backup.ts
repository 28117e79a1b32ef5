import fs from 'node:fs';
import path from 'node:path';
import { call } from '../../../core/api/dispatch.js';
import { importBackupFile } from '../../../core/db/backups.js';
import { CliUsageError, type CliCommand, type CliIO } from '../command.js';
import { unwrap } from './basic.js';

const printJson = (io: CliIO, value: unknown) => io.out(JSON.stringify(value, null, 2));

const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

const line = (b: { name: string; createdAt: string; kind: string; bytes: number }) =>
  `${b.createdAt.replace('T', ' ').slice(0, 19)}  ${b.kind.padEnd(14)}  ${size(b.bytes).padStart(8)}  ${b.name}`;

export const backupCommand: CliCommand = {
  name: 'backup',
  usage: 'backup [--json]',
  summary: 'Back up the library now (into <library dir>/backups).',
  async run(ctx, args, io) {
    if (args.positional.length) throw new CliUsageError('backup takes no arguments; `copydesk backups` lists them');
    const r = unwrap(await call(ctx, 'backup.create', { automatic: false }));
    if (args.flags.json) printJson(io, r.created);
    else io.out(`Backed up to ${r.created!.path}`);
    return 0;
  },
};

export const backupsCommand: CliCommand = {
  name: 'backups',
  usage: 'backups [--json]',
  summary: 'List the library\'s backups, newest first.',
  async run(ctx, args, io) {
    const r = unwrap(await call(ctx, 'backup.list', {}));
    if (args.flags.json) printJson(io, r);
    else if (!r.backups.length) io.out(`No backups yet in ${r.dir}`);
    else {
      io.out(`Backups in ${r.dir}:`);
      for (const b of r.backups) io.out(line(b));
    }
    return 0;
  },
};

export const restoreCommand: CliCommand = {
  name: 'restore',
  usage: 'restore FILE [--json]',
  summary: 'Replace the library with a backup (a name from `backups`, or a library file); backs up the current one first.',
  async run(ctx, args, io) {
    const [file, extra] = args.positional;
    if (!file || extra !== undefined) throw new CliUsageError('restore needs one backup: a name from `copydesk backups`, or the path of a library file');
    const { backups, dir } = unwrap(await call(ctx, 'backup.list', {}));
    // A bare listed name, or a path to a listed file, restores that backup; any other file is first
    // copied into the backups folder (checked, and kept there as `imported`).
    const resolved = path.resolve(file);
    let name = (file.includes('/') || file.includes(path.sep) ? undefined : backups.find((b) => b.name === file)?.name)
      ?? backups.find((b) => path.resolve(b.path) === resolved)?.name;
    if (!name) {
      if (!fs.existsSync(resolved)) throw new CliUsageError(`${file} is neither a backup in ${dir} nor a file`);
      const imported = await importBackupFile(ctx.db, ctx.libraryPath, resolved);
      io.err(`Copied ${resolved} into the backups as ${imported.name}`);
      name = imported.name;
    }
    const r = unwrap(await call(ctx, 'backup.restore', { name }));
    if (args.flags.json) printJson(io, r);
    else {
      io.out(`Restored ${r.restored.name} (${r.restored.createdAt}) into ${ctx.libraryPath}`);
      if (r.migratedFrom !== null) io.out(`It was upgraded from library version ${r.migratedFrom} to ${r.schemaVersion}.`);
      io.out(`The library as it was before is kept as ${r.safetyBackup.name}; \`copydesk restore ${r.safetyBackup.name}\` undoes this.`);
    }
    return 0;
  },
};
