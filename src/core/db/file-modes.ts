import fs from 'node:fs';

/**
 * A library holds every article, so it and everything made from it (its -wal/-shm, backups,
 * export folders) is readable by its owner only, whatever the umask. Only what Copydesk creates
 * gets these modes: a file or folder that already exists keeps the mode its owner gave it.
 */
export const OWNER_ONLY_FILE = 0o600;
export const OWNER_ONLY_DIR = 0o700;

/** `mkdir -p`: the folders it creates are owner-only; existing ones are left as they are. */
export function makeOwnerOnlyDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: OWNER_ONLY_DIR });
}

/**
 * Creates an empty owner-only file, refusing to follow a symbolic link or to reuse anything
 * already there. SQLite gives the -wal, -shm and -journal files it creates beside a database the
 * database's own mode, so creating the main file this way covers its companions.
 */
export function createOwnerOnlyFile(file: string): void {
  const { O_CREAT, O_EXCL, O_WRONLY, O_NOFOLLOW } = fs.constants;
  const fd = fs.openSync(file, O_CREAT | O_EXCL | O_WRONLY | (O_NOFOLLOW ?? 0), OWNER_ONLY_FILE);
  fs.closeSync(fd);
}

/** Writes a whole owner-only file (new or replaced: a file Copydesk rewrites is its own). */
export function writeOwnerOnlyFile(file: string, data: string | Uint8Array): void {
  fs.writeFileSync(file, data, { mode: OWNER_ONLY_FILE });
}
