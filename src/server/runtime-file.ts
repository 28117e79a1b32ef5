import fs from 'node:fs';
import net from 'node:net';

/**
 * A note beside the library saying that a browser-mode server is serving it: where, and which
 * process. A second `npm run web` on the same library reads it and points the person to the
 * first instead of starting another. It holds the launch URL (with its token), so it is created
 * owner-only and a note that is not the user's own, owner-only file is ignored: another user
 * could otherwise plant one pointing somewhere else. A note whose process is gone or whose port
 * no longer answers is stale (a server killed with SIGKILL leaves one) and is replaced.
 */
export interface RuntimeNote {
  pid: number;
  url: string;
  launchUrl: string;
  startedAt: string;
}

export function runtimeNotePath(libraryPath: string): string {
  return `${libraryPath}-browser-mode.json`;
}

/** The live server named by the note, or null when there is none (no note, stale, not ours). */
export async function liveServer(libraryPath: string): Promise<RuntimeNote | null> {
  const file = runtimeNotePath(libraryPath);
  const note = readNote(file);
  if (!note) return null;
  if (note.pid !== process.pid && processAlive(note.pid) && (await answers(note.url))) return note;
  return null;
}

export function writeRuntimeNote(libraryPath: string, note: RuntimeNote): void {
  const file = runtimeNotePath(libraryPath);
  const stat = fs.lstatSync(file, { throwIfNoEntry: false });
  // Only a stale note of our own is replaced; anything else there is left alone.
  if (stat && !(stat.isFile() && ownedByMe(stat))) throw new Error(`${file} exists and is not a note of yours; it was left alone.`);
  if (stat) fs.rmSync(file);
  const { O_CREAT, O_EXCL, O_WRONLY, O_NOFOLLOW } = fs.constants;
  const fd = fs.openSync(file, O_CREAT | O_EXCL | O_WRONLY | (O_NOFOLLOW ?? 0), 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify(note, null, 2)}\n`);
  } finally {
    fs.closeSync(fd);
  }
}

/** Removes the note if it is still this process's. */
export function removeRuntimeNote(libraryPath: string): void {
  const file = runtimeNotePath(libraryPath);
  if (readNote(file)?.pid === process.pid) fs.rmSync(file, { force: true });
}

function readNote(file: string): RuntimeNote | null {
  try {
    const stat = fs.lstatSync(file, { throwIfNoEntry: false });
    if (!stat?.isFile() || !ownedByMe(stat) || (stat.mode & 0o077) !== 0) return null;
    const note = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<RuntimeNote>;
    if (typeof note.pid !== 'number' || typeof note.url !== 'string' || typeof note.launchUrl !== 'string') return null;
    if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(note.url)) return null;
    return note as RuntimeNote;
  } catch {
    return null;
  }
}

function ownedByMe(stat: fs.Stats): boolean {
  return typeof process.getuid !== 'function' || stat.uid === process.getuid();
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether something accepts connections at the note's address (a reused pid would not). */
function answers(url: string): Promise<boolean> {
  const port = Number(new URL(url).port);
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
