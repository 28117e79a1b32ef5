/**
 * Finding, reading and recognising import sources. A folder is walked recursively for the file
 * types Copydesk imports; text is decoded as UTF-8, or as the legacy Chinese encodings
 * (GB18030 covers GBK and GB2312) that older CMS pages are still saved in.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ImportKind } from './draft.js';
import { ImportFailure, importNote, type ImportNote } from './import-notes.js';

export interface SourceFile {
  /** What the report shows: the path as given, or the uploaded file's name. */
  label: string;
  /** Import identity of the file, the same through every door: `file:<import name>` (see `importName`). */
  key: string;
  /** Where the file is on disk (absolute), when it was read from disk rather than uploaded. */
  path?: string;
  /** File name, for titles and slugs of last resort. */
  name: string;
  text: string;
  /** Notes about reading the file (a legacy encoding). */
  notes: ImportNote[];
}

/** Largest file read from disk: a WXR export of a big site, not a video that happens to be in the folder. */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;

const EXTENSIONS: Record<string, ImportKind> = {
  '.md': 'markdown', '.markdown': 'markdown', '.mdown': 'markdown', '.mkd': 'markdown',
  '.html': 'html-page', '.htm': 'html-page', '.xhtml': 'html-page',
  '.txt': 'text-page',
  '.xml': 'wxr', '.wxr': 'wxr',
};

/** The kind a file name suggests, or null for a type Copydesk does not import. */
export function kindFromName(name: string): ImportKind | null {
  return EXTENSIONS[path.extname(name).toLowerCase()] ?? null;
}

/** The kind the content shows, for uploads without a telling name and for XML files. */
export function sniffKind(text: string): ImportKind | null {
  const head = text.slice(0, 4_000).replace(/^\ufeff/, '').trimStart();
  if (/<rss[\s>]/i.test(head) && /wordpress\.org\/export|<wp:wxr_version/i.test(text.slice(0, 20_000))) return 'wxr';
  if (/^(?:<!doctype html|<html[\s>])/i.test(head) || /<(?:body|article|p|div)[\s>]/i.test(head.slice(0, 500))) return 'html-page';
  if (/^---[ \t]*\r?\n/.test(head)) return 'markdown';
  return null;
}

export interface ListedFiles {
  files: string[];
  missing: string[];
  /** Named paths that are neither a regular file nor a folder (devices, pipes, sockets). */
  special: string[];
}

/**
 * Files to import under the given paths: files named directly are always taken (the report
 * says when their type is not importable); folders contribute, recursively and in name order,
 * the files whose extension Copydesk imports, skipping hidden entries and node_modules.
 */
export function listImportFiles(paths: readonly string[]): ListedFiles {
  const files: string[] = [];
  const missing: string[] = [];
  const special: string[] = [];
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      missing.push(p);
      continue;
    }
    if (!stat.isDirectory()) {
      // Devices, pipes and sockets are never read: /dev/zero would never end.
      if (stat.isFile()) files.push(p);
      else special.push(p);
      continue;
    }
    const stack = [p];
    while (stack.length) {
      const dir = stack.pop()!;
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch {
        missing.push(dir);
        continue;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const subdirs: string[] = [];
      for (const e of entries) {
        if (e.name.startsWith('.') || e.name === 'node_modules') continue;
        const full = path.join(dir, e.name);
        if (e.isDirectory()) subdirs.push(full);
        else if (isFileOrLinkToFile(e, full) && kindFromName(e.name) && (kindFromName(e.name) !== 'wxr' || looksLikeWxr(full))) files.push(full);
      }
      // Depth first, in name order: push in reverse so the first sub-folder is read next.
      for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]!);
    }
  }
  return { files, missing, special };
}

/** Links to files are followed; links to folders are not (they could loop). */
function isFileOrLinkToFile(e: fs.Dirent, full: string): boolean {
  if (e.isFile()) return true;
  if (!e.isSymbolicLink()) return false;
  try {
    return fs.statSync(full).isFile();
  } catch {
    return false;
  }
}

/** In folders, XML files are sitemaps and feeds far more often than WordPress exports: peek first. */
function looksLikeWxr(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(20_000);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    return sniffKind(head.subarray(0, n).toString('utf8')) === 'wxr';
  } catch {
    return false;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The name a file is imported under, whichever door it came through: a file picked or named by
 * itself is its file name; a file found in a folder is its path from that folder's own name
 * (`archive/posts/hello.md`), which is what a browser hands over for a picked folder
 * (`webkitRelativePath`) and what the CLI and `import.files` compute from the folders they were
 * given. An absolute path could not be the identity: a browser never sees one, so the same
 * file imported from the app and from the CLI became two articles.
 */
export function importName(file: string, roots: readonly string[] = []): string {
  const abs = path.resolve(file);
  let best: string | null = null;
  for (const root of roots) {
    const r = path.resolve(root);
    const rel = path.relative(r, abs);
    if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) continue;
    if (best === null || r.length > best.length) best = r;
  }
  if (best === null) return path.basename(abs);
  return [path.basename(best), ...path.relative(best, abs).split(path.sep)].join('/');
}

/** An uploaded file's name as the identity: a browser's relative path, with `\` read as `/`. */
function uploadName(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '');
}

export function readSourceFile(file: string, roots: readonly string[] = []): SourceFile {
  const abs = path.resolve(file);
  const stat = fs.statSync(abs);
  if (!stat.isFile()) throw new ImportFailure(importNote('special-file'));
  const size = stat.size;
  if (size > MAX_FILE_BYTES) throw new ImportFailure(importNote('too-large', { mb: Math.round(size / 1048576), max: MAX_FILE_BYTES / 1048576 }));
  const { text, notes } = decodeText(fs.readFileSync(abs));
  return { label: file, key: `file:${importName(abs, roots)}`, path: abs, name: path.basename(abs), text, notes };
}

export function uploadedSource(name: string, content: string): SourceFile {
  return { label: name, key: `file:${uploadName(name)}`, name: path.basename(uploadName(name)), text: content, notes: [] };
}

/** UTF-8 (with or without BOM), UTF-16 with BOM, or the page's declared / likely legacy charset. */
export function decodeText(bytes: Uint8Array): { text: string; notes: ImportNote[] } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), notes: [] };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), notes: [] };
  const head = Buffer.from(bytes.subarray(0, 2_048)).toString('latin1');
  const declared = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1]?.toLowerCase()
    ?? /<\?xml[^>]+encoding\s*=\s*["']([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
  if (declared && /^(?:gb2312|gbk|gb18030|big5|shift_jis|euc-kr)$/.test(declared)) {
    const label = declared === 'gb2312' || declared === 'gbk' ? 'gb18030' : declared;
    return { text: new TextDecoder(label).decode(bytes), notes: [importNote('encoding-declared', { encoding: declared.toUpperCase() })] };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\ufeff/, ''), notes: [] };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), notes: [importNote('encoding-gb18030')] };
  }
}
