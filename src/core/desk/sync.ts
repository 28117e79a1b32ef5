import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { CoreError } from '../errors.js';
import { nowIso } from '../time.js';
import {
  classifyPath, isDeskFolder, parseArticle, parseCategory, parseTag, serializeArticle, serializeCategory, serializeTag,
  articlePath, categoryPath, tagPath, assetPath, DeskFileError, MAX_TEXT_FILE_BYTES,
  type ArticleDoc, type CategoryDoc, type TagDoc,
} from './format.js';
import { canonical, decidePresence, mergeArticle, mergeCategory, mergeTag } from './merge.js';
import { Repo, GitError, REMOTE_REF, blobSha, type TreeEntry } from './git.js';
import { loadUidMaps, articleDoc, categoryDoc, tagDoc, assetsOf, type UidMaps } from './library-docs.js';
import {
  applyArticle, applyAsset, applyCategories, applyTag, categoryInUse, keepConflictRevision, removeCategory, removeTag, trashByUid,
} from './library-apply.js';
import { deskRepoPath, maxChangeSeq, readDeskState, type DeskState } from './state.js';
import { MAX_ASSET_BYTES } from '../assets/store.js';
import { deferIndexing } from '../search/indexer.js';

/**
 * Sync: fetch, merge three-way by identity, apply to the library in one transaction, commit,
 * push. The order makes a sync killed at any point harmless: git objects and refs written
 * before the library's transaction are unreferenced by it; the transaction records the commit it
 * applied (desk_state.base_commit) together with the content, so the library never holds half a
 * merge; a commit applied but not pushed is pushed by the next sync, which also finds the remote
 * ahead or behind by ancestry, never by trusting what it did last time.
 */

export interface ArticleRef { id: number; slug: string; title: string }
export interface Refusal { path: string; code: string; params: Record<string, string | number> }
export interface SyncReport {
  pulled: number;
  pushed: number;
  merged: number;
  conflicts: ArticleRef[];
  /** Articles deleted on one side and edited on the other: the edit won, they are back. */
  restored: ArticleRef[];
  /** What came in, each with the name on the desk's latest commit that touched it. */
  incoming: Array<ArticleRef & { change: 'added' | 'changed' | 'merged' | 'removed' | 'restored'; by: string | null }>;
  refused: Refusal[];
  authors: Array<{ name: string; email: string }>;
  commit: string | null;
  at: string;
}

const NET_TIMEOUT_MS = Number(process.env.COPYDESK_DESK_TIMEOUT_MS ?? 120_000);
const RETRY = Symbol('retry');

export const deskError = (code: 'not_found' | 'conflict' | 'io' | 'validation', reason: string, message: string, git?: string) =>
  new CoreError(code, message, { reason, ...(git !== undefined ? { git: git.trim().slice(0, 4000) } : {}) });

const notJoined = () => deskError('not_found', 'not_joined', 'This library is not on a desk; join one first.');

export function requireState(db: Database): DeskState {
  const s = readDeskState(db);
  if (!s) throw notJoined();
  return s;
}

/**
 * A remote is an absolute path, a URL (ssh://, git://, https://, file://) or scp-like
 * `user@host:path`. Option-like strings, `ext::` and relative paths (which would mean
 * whatever folder the process happens to run in) are refused before they reach git.
 */
export function checkRemoteUrl(url: string): void {
  const shaped = path.isAbsolute(url) || /^[a-z][a-z0-9+.-]*:\/\//i.test(url) || /^[^/:\s]+@?[^/:\s]*:[^\s]/.test(url);
  if (!url.trim() || !shaped || url.startsWith('-') || /^ext::/i.test(url) || /[\0\n\r]/.test(url)) {
    throw deskError('validation', 'bad_remote', `"${url.slice(0, 200)}" is not a git remote (a path, ssh://, git:// or https:// URL).`);
  }
}

export async function joinDesk(db: Database, libraryPath: string, input: { url: string; name?: string; email?: string }): Promise<SyncReport> {
  checkRemoteUrl(input.url);
  const existing = readDeskState(db);
  if (existing) throw deskError('conflict', 'already_joined', `This library is already on the desk at ${existing.remote}; leave it first.`);
  const dir = deskRepoPath(libraryPath);
  fs.rmSync(dir, { recursive: true, force: true });
  const repo = new Repo(dir);
  await repo.ensure();
  const user = os.userInfo().username || 'editor';
  const name = input.name?.trim() || (await repo.text(['config', '--get', 'user.name'], { okCodes: [1] })) || user;
  const email = input.email?.trim() || (await repo.text(['config', '--get', 'user.email'], { okCodes: [1] })) || `${user}@${os.hostname() || 'localhost'}`;
  db.prepare('INSERT INTO desk_state (id, remote, author_name, author_email) VALUES (1, ?, ?, ?)').run(input.url, name, email);
  try {
    return await syncDesk(db, libraryPath);
  } catch (err) {
    // A desk that cannot be reached is not joined: nothing stays half set up.
    db.transaction(() => {
      db.prepare('DELETE FROM desk_state').run();
      db.prepare('DELETE FROM desk_changes').run();
      db.prepare('DELETE FROM desk_conflicts').run();
    }).immediate();
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

export function leaveDesk(db: Database, libraryPath: string): { left: boolean } {
  const state = readDeskState(db);
  db.transaction(() => {
    db.prepare('DELETE FROM desk_state').run();
    db.prepare('DELETE FROM desk_changes').run();
    db.prepare('DELETE FROM desk_conflicts').run();
  }).immediate();
  fs.rmSync(deskRepoPath(libraryPath), { recursive: true, force: true });
  return { left: state !== null };
}

export async function syncDesk(db: Database, libraryPath: string): Promise<SyncReport> {
  const repo = new Repo(deskRepoPath(libraryPath));
  requireState(db);
  await repo.ensure();
  let pushRetried = false;
  for (let attempt = 0; attempt < 5; attempt++) {
    const r = await syncOnce(db, repo, requireState(db));
    if (r === RETRY) continue;
    if (r === 'rejected') {
      if (pushRetried) throw deskError('io', 'push_rejected', 'The desk moved on twice while this sync ran; sync again.');
      pushRetried = true;
      continue;
    }
    return r;
  }
  throw deskError('conflict', 'busy', 'The library kept changing while the sync ran; sync again.');
}

type Kind = 'article' | 'category' | 'tag';
const pathOf = (kind: Kind, uid: string) => (kind === 'article' ? articlePath(uid) : kind === 'category' ? categoryPath(uid) : tagPath(uid));

function refusalOf(p: string, e: TreeEntry): Omit<Refusal, 'path'> | null {
  const parts = p.split('/');
  if (p.startsWith('/') || p.includes('\\') || parts.some((s) => s === '..' || s === '.' || s === '')) return { code: 'bad_path', params: {} };
  if (!isDeskFolder(p)) return null;
  if (e.mode === '120000') return { code: 'symlink', params: {} };
  if (e.type !== 'blob' || !e.mode.startsWith('100')) return { code: 'not_a_file', params: {} };
  const c = classifyPath(p);
  if (!c) return { code: 'bad_path', params: {} };
  const limit = c.kind === 'asset' ? MAX_ASSET_BYTES : MAX_TEXT_FILE_BYTES;
  if (e.size > limit) return { code: 'too_large', params: { bytes: e.size, limit } };
  return null;
}

function changedPaths(a: Map<string, TreeEntry>, b: Map<string, TreeEntry>): string[] {
  const out: string[] = [];
  for (const p of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(p), y = b.get(p);
    if (x?.sha !== y?.sha || x?.mode !== y?.mode) out.push(p);
  }
  return out;
}

interface Docs { article: ArticleDoc; category: CategoryDoc; tag: TagDoc }
function parseDoc<K extends Kind>(kind: K, text: string, uid: string): Docs[K] {
  return (kind === 'article' ? parseArticle(text, uid) : kind === 'category' ? parseCategory(text, uid) : parseTag(text, uid)) as Docs[K];
}
function serializeDoc(kind: Kind, doc: ArticleDoc | CategoryDoc | TagDoc): Buffer {
  return Buffer.from(kind === 'article' ? serializeArticle(doc as ArticleDoc) : kind === 'category' ? serializeCategory(doc as CategoryDoc) : serializeTag(doc as TagDoc));
}
function libraryDoc(db: Database, kind: Kind, uid: string, maps: UidMaps): ArticleDoc | CategoryDoc | TagDoc | null {
  return kind === 'article' ? articleDoc(db, uid, maps) : kind === 'category' ? categoryDoc(db, uid, maps) : tagDoc(db, uid);
}

async function syncOnce(db: Database, repo: Repo, state: DeskState): Promise<SyncReport | typeof RETRY | 'rejected'> {
  try {
    await repo.fetch(state.remote, NET_TIMEOUT_MS);
  } catch (e) {
    db.prepare("UPDATE desk_state SET last_result = json_set(last_result, '$.error', ?, '$.reason', 'remote_failed') WHERE id = 1").run(((e as GitError).stderr ?? String(e)).trim().slice(0, 4000));
    throw deskError('io', 'remote_failed', `The desk at ${state.remote} could not be reached: ${(e as Error).message.trim()}`, (e as GitError).stderr ?? String(e));
  }
  const R = await repo.resolve(REMOTE_REF);
  let B = state.baseCommit;
  if (B && !(await repo.hasCommit(B))) B = null;
  // Nothing new on either side: no trees to read, nothing to write.
  const pending = (db.prepare("SELECT count(*) AS n FROM desk_changes WHERE NOT (kind = 'article' AND uid IN (SELECT article_uid FROM desk_conflicts))").get() as { n: number }).n;
  if (B !== null && R === B && pending === 0) return quietSync(db, state);
  const ahead = B !== null && (R === null || (await repo.isAncestor(R, B)));
  const MB = R === null ? B : B === null ? null : await repo.mergeBase(B, R);
  const [tMB, tB, tR] = await Promise.all([repo.listTree(MB), repo.listTree(B), repo.listTree(R)]);
  const theirsTree = R === null ? tB : tR;
  const start = ahead || R === null ? tB : tR;

  // What the desk changed since the common base, refusing hostile entries file by file.
  const refused: Refusal[] = [];
  const theirsChanged = new Set<string>();
  for (const p of changedPaths(tMB, theirsTree)) {
    const entry = theirsTree.get(p);
    const problem = entry ? refusalOf(p, entry) : null;
    if (problem) { refused.push({ path: p, ...problem }); continue; }
    const c = classifyPath(p);
    if (c && c.kind !== 'asset') theirsChanged.add(`${c.kind}:${c.uid}`);
  }

  // Read and parse their side (and the base) of everything the desk changed.
  const blobs = await repo.readBlobs([...theirsChanged].flatMap((k) => {
    const [kind, uid] = k.split(':') as [Kind, string];
    const p = pathOf(kind, uid);
    return [tMB.get(p)?.sha, theirsTree.get(p)?.sha].filter((x): x is string => !!x);
  }));
  const readDoc = <K extends Kind>(tree: Map<string, TreeEntry>, kind: K, uid: string): Docs[K] | null => {
    const e = tree.get(pathOf(kind, uid));
    const bytes = e && blobs.get(e.sha);
    return bytes ? parseDoc(kind, bytes.toString('utf8'), uid) : null;
  };
  const theirs = new Map<string, ArticleDoc | CategoryDoc | TagDoc | null>();
  for (const k of [...theirsChanged]) {
    const [kind, uid] = k.split(':') as [Kind, string];
    try {
      theirs.set(k, readDoc(theirsTree, kind, uid));
    } catch (e) {
      if (!(e instanceof DeskFileError)) throw e;
      refused.push({ path: pathOf(kind, uid), code: e.code, params: e.params });
      theirsChanged.delete(k);
    }
  }
  const baseDoc = (kind: Kind, uid: string) => {
    try { return readDoc(tMB, kind, uid); } catch { return null; }
  };

  adoptIdentities(db, theirs, new Set([...tB.keys(), ...tR.keys()]));

  // What this library changed since the base: logged changes, plus commits not yet on the desk.
  const S = maxChangeSeq(db);
  const oursChanged = new Set<string>();
  if (B === null) {
    for (const [kind, table] of [['article', 'articles WHERE deleted_at IS NULL'], ['category', 'categories'], ['tag', 'tags']] as const) {
      for (const r of db.prepare(`SELECT uid FROM ${table}`).all() as Array<{ uid: string }>) oursChanged.add(`${kind}:${r.uid}`);
    }
  } else {
    for (const r of db.prepare('SELECT kind, uid FROM desk_changes WHERE seq <= ?').all(S) as Array<{ kind: Kind; uid: string }>) oursChanged.add(`${r.kind}:${r.uid}`);
    for (const p of changedPaths(tMB, tB)) {
      const c = classifyPath(p);
      if (c && c.kind !== 'asset') oursChanged.add(`${c.kind}:${c.uid}`);
    }
  }
  const held = new Set((db.prepare('SELECT article_uid AS u FROM desk_conflicts').all() as Array<{ u: string }>).map((r) => r.u));
  const maps = loadUidMaps(db);

  const tree = new Map<string, Buffer | null>();
  const tagApply: TagDoc[] = [], tagRemove: string[] = [];
  const catApply: CategoryDoc[] = [], catRemove: string[] = [];
  const artApply: Array<{ doc: ArticleDoc; change: SyncReport['incoming'][number]['change']; conflict?: { alt: ArticleDoc; fields: string[] } }> = [];
  const artTrash: string[] = [];
  const restoredUids: string[] = [];
  const outgoing: ArticleDoc[] = [];
  let pushed = 0, merged = 0;
  const keys = [...new Set([...oursChanged, ...theirsChanged])];
  const order: Record<Kind, number> = { tag: 0, category: 1, article: 2 };
  keys.sort((a, b) => order[a.split(':')[0] as Kind] - order[b.split(':')[0] as Kind]);
  const deferredCategories: Array<{ uid: string; ours: CategoryDoc | null; theirs: CategoryDoc | null; decision: string }> = [];

  for (const key of keys) {
    const [kind, uid] = key.split(':') as [Kind, string];
    const p = pathOf(kind, uid);
    const oc = oursChanged.has(key), tc = theirsChanged.has(key);
    const ours = libraryDoc(db, kind, uid, maps);
    const their = tc ? (theirs.get(key) ?? null) : null;
    const base = tc ? baseDoc(kind, uid) : null;
    const decision = decidePresence(tMB.has(p), ours !== null, tc ? their !== null : theirsTree.has(p), oc, tc);
    const write = (doc: ArticleDoc | CategoryDoc | TagDoc | null) => {
      if (kind === 'article' && held.has(uid)) return;
      tree.set(p, doc === null ? null : serializeDoc(kind, doc));
      if (doc && kind === 'article') outgoing.push(doc as ArticleDoc);
      pushed++;
    };
    if (kind === 'category') {
      deferredCategories.push({ uid, ours: ours as CategoryDoc | null, theirs: their as CategoryDoc | null, decision });
      if (decision === 'merge') {
        const m = mergeCategory(base as CategoryDoc | null, ours as CategoryDoc, their as CategoryDoc);
        catApply.push(m.merged);
        write(m.merged);
        merged++;
      }
      continue;
    }
    switch (decision) {
      case 'keep':
        if (oc) write(ours);
        break;
      case 'restore_ours':
        write(ours);
        if (kind === 'article') restoredUids.push(uid);
        break;
      case 'take_theirs':
      case 'restore_theirs':
        if (ours && canonical(ours) === canonical(their)) break;
        if (kind === 'tag') tagApply.push(their as TagDoc);
        else {
          // Back from this library's trash: someone on the desk edited it (or put it back).
          const fromTrash = decision === 'restore_theirs' || (ours === null && maps.articleId.has(uid));
          artApply.push({ doc: their as ArticleDoc, change: fromTrash ? 'restored' : ours ? 'changed' : 'added' });
          if (fromTrash) restoredUids.push(uid);
        }
        break;
      case 'delete':
        if (ours) (kind === 'tag' ? tagRemove : artTrash).push(uid);
        break;
      case 'merge': {
        merged++;
        if (kind === 'tag') {
          const m = mergeTag(base as TagDoc | null, ours as TagDoc, their as TagDoc);
          tagApply.push(m.merged);
          write(m.merged);
          break;
        }
        const m = mergeArticle(base as ArticleDoc | null, ours as ArticleDoc, their as ArticleDoc);
        if (m.alternative) {
          artApply.push({ doc: m.merged, change: 'merged', conflict: { alt: m.alternative, fields: m.conflicts } });
          write(m.alternative);
        } else {
          if (canonical(m.merged) !== canonical(ours)) artApply.push({ doc: m.merged, change: 'merged' });
          write(m.merged);
        }
        break;
      }
    }
  }

  // Categories last: one deleted on one side while articles use it on the other stays.
  const incomingCategoryRefs = new Set(artApply.flatMap(({ doc }) => [doc.category, ...doc.secondaryCategories]).filter((x): x is string => !!x));
  for (const { uid, ours, theirs: their, decision } of deferredCategories) {
    const p = categoryPath(uid);
    const oc = oursChanged.has(`category:${uid}`);
    const inUseHere = categoryInUse(db, uid, maps);
    switch (decision) {
      case 'keep':
        if (!oc) break;
        if (ours === null && theirsTree.has(p) && incomingCategoryRefs.has(uid)) {
          const back = (their ?? (() => { try { return readDoc(theirsTree, 'category', uid); } catch { return null; } })()) as CategoryDoc | null;
          if (back) { catApply.push(back); break; }
        }
        tree.set(p, ours === null ? null : serializeDoc('category', ours)); pushed++;
        break;
      case 'restore_ours':
        tree.set(p, serializeDoc('category', ours!)); pushed++;
        break;
      case 'take_theirs':
      case 'restore_theirs':
        if (!ours || canonical(ours) !== canonical(their)) catApply.push(their!);
        break;
      case 'delete':
        if (!ours) break;
        if (inUseHere || incomingCategoryRefs.has(uid)) { tree.set(p, serializeDoc('category', ours)); pushed++; }
        else catRemove.push(uid);
        break;
    }
  }
  // A category written out needs its parents on the desk too.
  for (const c of catApply) if (c.parent && !theirsTree.has(categoryPath(c.parent)) && !tree.has(categoryPath(c.parent))) {
    const parent = categoryDoc(db, c.parent, maps);
    if (parent) tree.set(categoryPath(parent.uid), serializeDoc('category', parent));
  }

  // Images: ours go out once, content-addressed; theirs come in before the articles that show them.
  const assetPaths = new Map<string, string>();
  for (const t of [start, theirsTree]) for (const p of t.keys()) { const c = classifyPath(p); if (c?.kind === 'asset') assetPaths.set(c.sha256, p); }
  for (const doc of outgoing) for (const sha of assetsOf(doc)) {
    if (assetPaths.has(sha)) continue;
    const row = db.prepare('SELECT mime, data FROM assets WHERE sha256 = ?').get(sha) as { mime: string; data: Buffer } | undefined;
    if (!row) continue;
    const ap = assetPath(sha, row.mime);
    tree.set(ap, row.data);
    assetPaths.set(sha, ap);
  }
  const hasAsset = db.prepare('SELECT 1 FROM assets WHERE sha256 = ?');
  const wanted = new Map<string, string>();
  for (const { doc, conflict } of artApply) for (const sha of [...assetsOf(doc), ...(conflict ? assetsOf(conflict.alt) : [])]) {
    const ap = assetPaths.get(sha);
    if (!hasAsset.get(sha) && ap && !refused.some((r) => r.path === ap)) wanted.set(sha, theirsTree.get(ap)?.sha ?? start.get(ap)!.sha);
  }
  const assetBlobs = await repo.readBlobs([...wanted.values()]);

  // The commit: only paths whose bytes differ from the tree it starts from.
  const changes = new Map<string, Buffer | null>();
  for (const [p, content] of tree) {
    const e = start.get(p);
    if (content === null) { if (e) changes.set(p, null); }
    else if (!e || e.sha !== blobSha(content) || e.mode !== '100644') changes.set(p, content);
  }
  let C: string | null;
  if (changes.size) {
    const parent = ahead ? B : (R ?? B);
    const mergeParent = !ahead && B && R && !(await repo.isAncestor(B, R)) ? B : null;
    C = await repo.commit({ parent, merge: mergeParent, changes, name: state.authorName, email: state.authorEmail,
      message: `Copydesk sync: ${pushed} change${pushed === 1 ? '' : 's'} from ${state.authorName}\n` });
  } else C = ahead ? B : (R ?? B);

  const authors = R && MB !== R ? await commitAuthors(repo, MB, R) : [];
  const lastAuthor = R && MB !== R && artApply.length + artTrash.length ? await articleAuthors(repo, MB, R) : new Map<string, string>();

  // One transaction applies everything and records the commit it corresponds to.
  const at = nowIso();
  let report!: SyncReport;
  const touched = new Set([...tagApply.map((d) => d.uid), ...tagRemove, ...catApply.map((d) => d.uid), ...catRemove, ...artApply.map((a) => a.doc.uid), ...artTrash]);
  try {
    db.transaction(() => {
      const current = readDeskState(db);
      if (!current || current.baseCommit !== state.baseCommit) throw RETRY;
      const late = db.prepare('SELECT uid FROM desk_changes WHERE seq > ?').all(S) as Array<{ uid: string }>;
      if (late.some((r) => touched.has(r.uid))) throw RETRY;
      const S2 = maxChangeSeq(db);
      for (const [sha, blob] of wanted) {
        const bytes = assetBlobs.get(blob);
        if (!bytes) continue;
        try {
          applyAsset(db, sha, bytes);
        } catch (e) {
          if (!(e instanceof DeskFileError)) throw e;
          refused.push({ path: assetPaths.get(sha)!, code: e.code, params: e.params });
        }
      }
      // Articles are indexed together at the end of the block, in key order, as bulk imports are.
      deferIndexing(db, () => {
        for (const t of tagApply) applyTag(db, t, maps);
        applyCategories(db, catApply, maps, new Set([...tB.keys(), ...tR.keys()].map((p) => classifyPath(p)).filter((c) => c?.kind === 'category').map((c) => (c as { uid: string }).uid)));
        const again: typeof artApply = [];
        for (const a of artApply) if (applyArticle(db, a.doc, maps).unresolved) again.push(a);
        for (const a of again) applyArticle(db, a.doc, maps);
        const label = `desk ${C ? C.slice(0, 7) : ''} ${authors.map((x) => x.name).join(', ')}`.trim().slice(0, 200);
        for (const a of artApply) if (a.conflict) {
          const id = maps.articleId.get(a.doc.uid)!;
          const rev = keepConflictRevision(db, id, a.conflict.alt, maps, label);
          db.prepare('INSERT OR REPLACE INTO desk_conflicts (article_uid, revision_id, fields, created_at) VALUES (?, ?, ?, ?)').run(a.doc.uid, rev, JSON.stringify(a.conflict.fields), at);
        }
        for (const u of artTrash) trashByUid(db, u, maps);
        for (const u of catRemove) if (!categoryInUse(db, u, maps)) removeCategory(db, u, maps);
        for (const u of tagRemove) removeTag(db, u, maps);
      });
      db.prepare('DELETE FROM desk_changes WHERE seq <= ? OR seq > ?').run(S, S2);
      // Articles that need a decision stay out of the desk until decided.
      const keepOut = db.prepare("INSERT OR REPLACE INTO desk_changes (kind, uid) VALUES ('article', ?)");
      for (const r of db.prepare('SELECT article_uid AS u FROM desk_conflicts').all() as Array<{ u: string }>) keepOut.run(r.u);

      const ref = (uid: string): ArticleRef | null => {
        const row = db.prepare('SELECT id, slug, title FROM articles WHERE uid = ?').get(uid) as ArticleRef | undefined;
        return row ?? null;
      };
      report = {
        pulled: artApply.length + artTrash.length + tagApply.length + tagRemove.length + catApply.length + catRemove.length,
        pushed: changes.size,
        merged,
        conflicts: deskConflicts(db),
        restored: restoredUids.map(ref).filter((x): x is ArticleRef => x !== null),
        incoming: [
          ...artApply.map((a) => ({ ...ref(a.doc.uid)!, change: a.change, by: lastAuthor.get(articlePath(a.doc.uid)) ?? null })),
          ...artTrash.map((u) => ({ ...ref(u)!, change: 'removed' as const, by: lastAuthor.get(articlePath(u)) ?? null })),
        ].filter((x) => x.id !== undefined),
        refused,
        authors,
        commit: C,
        at,
      };
      db.prepare('UPDATE desk_state SET base_commit = ?, last_sync_at = ?, last_result = ? WHERE id = 1').run(C, at, JSON.stringify(report));
    }).immediate();
  } catch (e) {
    if (e === RETRY) return RETRY;
    throw e;
  }

  if (C) await repo.run(['update-ref', 'refs/heads/main', C]);
  if (C && C !== R) {
    let outcome: 'ok' | 'rejected';
    try {
      outcome = await repo.push(state.remote, C, NET_TIMEOUT_MS);
    } catch (e) {
      const git = (e as GitError).stderr ?? String(e);
      db.prepare("UPDATE desk_state SET last_result = json_set(last_result, '$.error', ?, '$.reason', 'push_failed') WHERE id = 1").run(git.trim().slice(0, 4000));
      throw deskError('io', 'push_failed', `The desk at ${state.remote} refused the changes: ${(e as Error).message.trim()}`, git);
    }
    if (outcome === 'rejected') return 'rejected';
    // What the desk now holds, for an offline status until the next fetch.
    await repo.run(['update-ref', REMOTE_REF, C]);
  }
  return report;
}

function quietSync(db: Database, state: DeskState): SyncReport | typeof RETRY {
  const at = nowIso();
  const report: SyncReport = { pulled: 0, pushed: 0, merged: 0, conflicts: deskConflicts(db), restored: [], incoming: [], refused: [], authors: [], commit: state.baseCommit, at };
  const info = db.prepare('UPDATE desk_state SET last_sync_at = ?, last_result = ? WHERE id = 1 AND base_commit IS ?').run(at, JSON.stringify(report), state.baseCommit);
  return info.changes ? report : RETRY;
}

/**
 * Before matching by identity: a category or tag made in this library before it joined, with
 * the same place and slug (or name) as one of the desk's, becomes that one, so a join does not
 * double the taxonomy. Only identities the desk has never seen are replaced.
 */
function adoptIdentities(db: Database, theirs: Map<string, unknown>, deskPaths: ReadonlySet<string>): void {
  const maps = loadUidMaps(db);
  const docs = [...theirs.entries()].filter(([, d]) => d !== null);
  db.transaction(() => {
    for (const [key, d] of docs) {
      if (!key.startsWith('tag:')) continue;
      const doc = d as TagDoc;
      if (maps.tagId.has(doc.uid)) continue;
      const clash = db.prepare('SELECT id, uid FROM tags WHERE name = ? COLLATE NOCASE').get(doc.name) as { id: number; uid: string } | undefined;
      if (clash && !deskPaths.has(tagPath(clash.uid))) db.prepare('UPDATE tags SET uid = ? WHERE id = ?').run(doc.uid, clash.id);
    }
    const cats = docs.filter(([k]) => k.startsWith('category:')).map(([, d]) => d as CategoryDoc);
    for (let pass = 0; pass < 8; pass++) {
      const m = loadUidMaps(db);
      for (const doc of cats) {
        if (m.categoryId.has(doc.uid)) continue;
        const parentId = doc.parent ? m.categoryId.get(doc.parent) : null;
        if (parentId === undefined) continue;
        const clash = db.prepare('SELECT id, uid FROM categories WHERE IFNULL(parent_id, 0) = IFNULL(?, 0) AND slug = ?').get(parentId, doc.slug) as { id: number; uid: string } | undefined;
        if (clash && !deskPaths.has(categoryPath(clash.uid))) db.prepare('UPDATE categories SET uid = ? WHERE id = ?').run(doc.uid, clash.id);
      }
    }
  }).immediate();
}

async function commitAuthors(repo: Repo, from: string | null, to: string): Promise<Array<{ name: string; email: string }>> {
  const out = await repo.text(['log', '--max-count=500', '--format=%an%x1f%ae', from ? `${from}..${to}` : to]);
  const seen = new Map<string, { name: string; email: string }>();
  for (const line of out.split('\n')) {
    const [name, email] = line.split('\x1f');
    if (name !== undefined && email !== undefined && !seen.has(email)) seen.set(email, { name, email });
  }
  return [...seen.values()];
}

/** Who last changed each article file on the desk between two commits (newest first wins). */
async function articleAuthors(repo: Repo, from: string | null, to: string): Promise<Map<string, string>> {
  const out = await repo.text(['log', '--max-count=5000', '--format=%x1e%an', '--name-only', from ? `${from}..${to}` : to, '--', 'articles/']);
  const by = new Map<string, string>();
  for (const chunk of out.split('\x1e')) {
    const [name, ...files] = chunk.split('\n');
    for (const f of files) if (f && name !== undefined && !by.has(f)) by.set(f, name);
  }
  return by;
}

export function deskConflicts(db: Database): ArticleRef[] {
  return db.prepare(`SELECT a.id, a.slug, a.title FROM desk_conflicts c JOIN articles a ON a.uid = c.article_uid ORDER BY c.created_at, a.id`).all() as ArticleRef[];
}

export interface DeskStatus {
  joined: boolean;
  remote: string | null;
  name: string | null;
  email: string | null;
  lastSync: string | null;
  /** Changes waiting to go out (items changed here, plus commits the desk does not have yet). */
  ahead: number;
  /** Commits on the desk, as of the last fetch, that this library has not applied. */
  behind: number;
  conflicts: ArticleRef[];
  lastResult: Record<string, unknown> | null;
}

export async function deskStatus(db: Database, libraryPath: string): Promise<DeskStatus> {
  const state = readDeskState(db);
  if (!state) return { joined: false, remote: null, name: null, email: null, lastSync: null, ahead: 0, behind: 0, conflicts: [], lastResult: null };
  const repo = new Repo(deskRepoPath(libraryPath));
  await repo.ensure();
  const R = await repo.resolve(REMOTE_REF);
  const B = state.baseCommit && (await repo.hasCommit(state.baseCommit)) ? state.baseCommit : null;
  const changed = (db.prepare('SELECT count(*) AS n FROM desk_changes').get() as { n: number }).n;
  const unpushed = B ? await repo.count(R ? `${R}..${B}` : B) : 0;
  const behind = R ? await repo.count(B ? `${B}..${R}` : R) : 0;
  return {
    joined: true, remote: state.remote, name: state.authorName, email: state.authorEmail, lastSync: state.lastSyncAt,
    ahead: changed + unpushed, behind, conflicts: deskConflicts(db), lastResult: state.lastResult,
  };
}

/** The editor has decided: the article goes out with the next sync as it now is. */
export function resolveDeskConflict(db: Database, articleId: number): { id: number; resolved: boolean } {
  const row = db.prepare('SELECT uid FROM articles WHERE id = ?').get(articleId) as { uid: string } | undefined;
  if (!row) throw new CoreError('not_found', `Article ${articleId} does not exist.`, { id: articleId });
  const info = db.prepare('DELETE FROM desk_conflicts WHERE article_uid = ?').run(row.uid);
  return { id: articleId, resolved: info.changes > 0 };
}
