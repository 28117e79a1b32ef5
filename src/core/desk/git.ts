import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The system's git, driven as a child process against a bare repository (no work tree: plumbing
 * only). Credentials stay in git's own mechanisms; git is never allowed to prompt, so a remote
 * that asks for a password fails at once with git's own message instead of hanging.
 */
/** The git binary: the system's, or COPYDESK_GIT (read at each run). */
const gitBinary = (): string => process.env.COPYDESK_GIT || 'git';
export const DESK_BRANCH = 'main';
export const REMOTE_REF = `refs/desk/remotes/${DESK_BRANCH}`;

export class GitError extends Error {
  constructor(readonly args: readonly string[], readonly exitCode: number | null, readonly stderr: string) {
    super(stderr.trim() || `git ${args[0]} failed (${exitCode === null ? 'killed' : `exit ${exitCode}`})`);
  }
}

function gitEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', LANGUAGE: 'C', GIT_CONFIG_NOSYSTEM: '1', ...extra };
  delete env.GIT_ASKPASS;
  delete env.SSH_ASKPASS;
  delete env.GIT_DIR;
  delete env.GIT_WORK_TREE;
  delete env.GIT_INDEX_FILE;
  env.SSH_ASKPASS_REQUIRE = 'never';
  env.GIT_SSH_COMMAND ??= 'ssh -o BatchMode=yes -o ConnectTimeout=20';
  return env;
}

export interface GitRun { stdout: Buffer; stderr: string }

export interface GitOptions {
  input?: Buffer | string;
  /** Exit codes that are answers, not failures (merge-base --is-ancestor's 1). */
  okCodes?: number[];
  timeoutMs?: number;
  env?: Record<string, string>;
}

export class Repo {
  constructor(readonly dir: string) {}

  run(args: readonly string[], opts: GitOptions = {}): Promise<GitRun & { code: number }> {
    const full = [`--git-dir=${this.dir}`, '-c', 'core.askPass=', '-c', 'credential.interactive=never', '-c', 'protocol.ext.allow=never', ...args];
    return new Promise((resolve, reject) => {
      // Run beside the repository, never in whatever folder the process was started from.
      const child = spawn(gitBinary(), full, { cwd: path.dirname(this.dir), env: gitEnv(opts.env), stdio: ['pipe', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let errBytes = 0;
      child.stdout.on('data', (d: Buffer) => out.push(d));
      child.stderr.on('data', (d: Buffer) => { if (errBytes < 64 * 1024) { err.push(d); errBytes += d.length; } });
      const timer = opts.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs) : null;
      child.on('error', (e) => { if (timer) clearTimeout(timer); reject(new GitError(args, null, `git could not be started: ${e.message}`)); });
      child.on('close', (code) => {
        if (timer) clearTimeout(timer);
        const stderr = Buffer.concat(err).toString('utf8');
        const stdout = Buffer.concat(out);
        if (code === 0 || (code !== null && opts.okCodes?.includes(code))) resolve({ stdout, stderr, code: code! });
        else reject(new GitError(args, code, code === null ? `${stderr}\ngit ${args[0]} took too long and was stopped` : stderr));
      });
      child.stdin.on('error', () => { /* git may exit before reading everything; its exit code tells */ });
      child.stdin.end(opts.input ?? '');
    });
  }

  async text(args: readonly string[], opts?: GitOptions): Promise<string> {
    return (await this.run(args, opts)).stdout.toString('utf8').trim();
  }

  async ensure(): Promise<void> {
    if (fs.existsSync(`${this.dir}/HEAD`)) return;
    await new Promise<void>((resolve, reject) => {
      const child = spawn(gitBinary(), ['init', '--bare', '--quiet', `--initial-branch=${DESK_BRANCH}`, this.dir], { env: gitEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
      child.on('error', (e) => reject(new GitError(['init'], null, `git could not be started: ${e.message}`)));
      child.on('close', (code) => (code === 0 ? resolve() : reject(new GitError(['init'], code, err))));
    });
    // Our own objects are written by fast-import in packs; no background gc while a sync runs.
    await this.run(['config', 'gc.auto', '0']);
  }

  async resolve(ref: string): Promise<string | null> {
    const r = await this.run(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { okCodes: [1, 128] });
    const sha = r.stdout.toString().trim();
    return r.code === 0 && sha ? sha : null;
  }

  async hasCommit(sha: string): Promise<boolean> {
    return (await this.run(['cat-file', '-e', `${sha}^{commit}`], { okCodes: [1, 128] })).code === 0;
  }

  async mergeBase(a: string, b: string): Promise<string | null> {
    const r = await this.run(['merge-base', a, b], { okCodes: [1] });
    return r.code === 0 ? r.stdout.toString().trim() : null;
  }

  async isAncestor(a: string, b: string): Promise<boolean> {
    return (await this.run(['merge-base', '--is-ancestor', a, b], { okCodes: [1] })).code === 0;
  }

  async count(range: string): Promise<number> {
    return Number(await this.text(['rev-list', '--count', range]));
  }

  async treeOf(commit: string): Promise<string> {
    return this.text(['rev-parse', `${commit}^{tree}`]);
  }

  /** Every entry of a commit's tree, recursively: path → {mode, type, sha, size}. */
  async listTree(commit: string | null): Promise<Map<string, TreeEntry>> {
    const entries = new Map<string, TreeEntry>();
    if (!commit) return entries;
    const raw = (await this.run(['ls-tree', '-r', '-l', '-z', '--full-tree', commit])).stdout.toString('utf8');
    for (const rec of raw.split('\0')) {
      if (!rec) continue;
      const m = /^(\d{6}) (\w+) ([0-9a-f]{40,64}) +(-|\d+)\t([\s\S]*)$/.exec(rec);
      if (!m) continue;
      entries.set(m[5]!, { mode: m[1]!, type: m[2]!, sha: m[3]!, size: m[4] === '-' ? 0 : Number(m[4]) });
    }
    return entries;
  }

  /** Blob contents by sha, read through one `cat-file --batch`. */
  async readBlobs(shas: readonly string[]): Promise<Map<string, Buffer>> {
    const out = new Map<string, Buffer>();
    const unique = [...new Set(shas)];
    if (!unique.length) return out;
    const { stdout } = await this.run(['cat-file', '--batch'], { input: `${unique.join('\n')}\n` });
    let pos = 0;
    while (pos < stdout.length) {
      const nl = stdout.indexOf(10, pos);
      if (nl < 0) break;
      const header = stdout.subarray(pos, nl).toString();
      const [sha, type, size] = header.split(' ');
      if (type === 'missing' || size === undefined) { pos = nl + 1; continue; }
      const n = Number(size);
      out.set(sha!, stdout.subarray(nl + 1, nl + 1 + n));
      pos = nl + 1 + n + 1;
    }
    return out;
  }

  /**
   * One commit made with fast-import: only the listed paths are written or removed, everything
   * else is the parent's tree as it is, so unchanged files are never rewritten.
   */
  async commit(o: { parent: string | null; merge: string | null; changes: ReadonlyMap<string, Buffer | null>; message: string; name: string; email: string }): Promise<string> {
    const ref = 'refs/desk/next';
    const when = `${Math.floor(Date.now() / 1000)} +0000`;
    const who = `${o.name.replace(/[<>\n]/g, '')} <${o.email.replace(/[<>\n]/g, '')}>`;
    const msg = Buffer.from(o.message);
    const parts: Buffer[] = [Buffer.from(`reset ${ref}\ncommit ${ref}\nauthor ${who} ${when}\ncommitter ${who} ${when}\ndata ${msg.length}\n`), msg, Buffer.from('\n')];
    if (o.parent) parts.push(Buffer.from(`from ${o.parent}\n`));
    if (o.merge) parts.push(Buffer.from(`merge ${o.merge}\n`));
    for (const [p, content] of [...o.changes].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (content === null) parts.push(Buffer.from(`D ${p}\n`));
      else parts.push(Buffer.from(`M 100644 inline ${p}\ndata ${content.length}\n`), content, Buffer.from('\n'));
    }
    parts.push(Buffer.from('done\n'));
    await this.run(['fast-import', '--quiet', '--force', '--done'], { input: Buffer.concat(parts) });
    const sha = await this.resolve(ref);
    if (!sha) throw new GitError(['fast-import'], 0, 'fast-import made no commit');
    return sha;
  }

  async fetch(url: string, timeoutMs: number): Promise<void> {
    await this.run(['fetch', '--quiet', '--prune', '--no-tags', '--no-write-fetch-head', url, `+refs/heads/*:refs/desk/remotes/*`], { timeoutMs });
  }

  /** Pushes a commit as the desk's branch; 'rejected' when the remote moved on meanwhile. */
  async push(url: string, commit: string, timeoutMs: number): Promise<'ok' | 'rejected'> {
    try {
      await this.run(['push', '--quiet', url, `${commit}:refs/heads/${DESK_BRANCH}`], { timeoutMs });
      return 'ok';
    } catch (e) {
      if (e instanceof GitError && /\[rejected\].*(non-fast-forward|fetch first)|\(fetch first\)|\(non-fast-forward\)/.test(e.stderr + e.message)) return 'rejected';
      throw e;
    }
  }
}

export interface TreeEntry { mode: string; type: string; sha: string; size: number }

/** The sha git gives a blob of these bytes (object format sha1), to skip writing what is there. */
export function blobSha(content: Buffer): string {
  return crypto.createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}
