import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes a file so that no reader, and no interruption, ever sees it half-written: the bytes go
 * to a temporary file beside it, which is then renamed over the target (an atomic replace on
 * POSIX file systems and on NTFS). Temporary names end in `.cdtmp-<pid>-<n>`, so leftovers of a
 * killed export are recognisable and removed by the next one (removeLeftoverTempFiles).
 *
 * Files are owner-only (0600), like the library they come from.
 *
 * `durable` adds an fsync before the rename (and of the folder after it): used for the manifest,
 * whose loss would cost a full re-export; page files skip it, since a power cut can at worst
 * leave an old or empty file that the next export, seeing the manifest, rewrites.
 */
let counter = 0;
const TEMP_SUFFIX = /\.cdtmp-\d+-\d+$/;

export function writeFileAtomic(file: string, data: string | Uint8Array, options: { durable?: boolean } = {}): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.cdtmp-${process.pid}-${++counter}`);
  let fd: number | null = null;
  try {
    fd = fs.openSync(tmp, 'wx', 0o600);
    fs.writeFileSync(fd, data);
    if (options.durable) fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
    fs.renameSync(tmp, file);
  } catch (err) {
    if (fd !== null) try { fs.closeSync(fd); } catch { /* already failing */ }
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  if (options.durable) {
    try {
      const dirFd = fs.openSync(path.dirname(file), 'r');
      try { fs.fsyncSync(dirFd); } finally { fs.closeSync(dirFd); }
    } catch { /* directories cannot be fsynced on every platform */ }
  }
}

/**
 * The same, asynchronously: the bulk export keeps a few dozen of these in flight, so the
 * kernel's file creation (the slowest part of an export) overlaps with rendering.
 */
export async function writeFileAtomicAsync(file: string, data: Uint8Array): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.cdtmp-${process.pid}-${++counter}`);
  try {
    await fsp.writeFile(tmp, data, { flag: 'wx', mode: 0o600 });
    await fsp.rename(tmp, file);
  } catch (err) {
    await fsp.rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
}

/** Removes temporary files an interrupted export left anywhere under `root`; returns how many. */
export function removeLeftoverTempFiles(root: string): number {
  let removed = 0;
  const visit = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.isFile() && e.name.startsWith('.') && TEMP_SUFFIX.test(e.name)) {
        fs.rmSync(p, { force: true });
        removed++;
      }
    }
  };
  visit(root);
  return removed;
}
