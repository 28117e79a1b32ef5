import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../../src/server/cli/main.js';
import { tempDir } from './helpers.js';
import { makeBareRemote } from '../support/git-remote.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const code = await runCli(args, { out: (t) => { out += `${t}\n`; }, err: (t) => { err += `${t}\n`; } }, {});
  return { code, out, err };
}

describe('copydesk desk, ops and call', { timeout: 120_000 }, () => {
  let dir: string;
  beforeAll(() => { dir = tempDir('copydesk-desk-cli-'); });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('ops --json lists every operation with its input as JSON Schema', async () => {
    const r = await cli(['--library', path.join(dir, 'ops.sqlite'), 'ops', '--json']);
    expect(r.code).toBe(0);
    const ops = JSON.parse(r.out) as Array<{ name: string; summary: string; input: { type?: string; properties?: Record<string, unknown> } }>;
    const byName = new Map(ops.map((o) => [o.name, o]));
    expect(byName.get('desk.join')!.input).toMatchObject({ type: 'object', properties: { url: { type: 'string' } } });
    expect(byName.get('articles.create')!.input.properties).toHaveProperty('title');
    expect(byName.has('desk.sync') && byName.has('articles.list')).toBe(true);
  });

  it('call runs one operation through the dispatch: JSON in, JSON out, exit 1 with the contract\'s error', async () => {
    const lib = path.join(dir, 'call.sqlite');
    const made = await cli(['--library', lib, 'call', 'articles.create', '{"title":"Scripted"}']);
    expect(made.code).toBe(0);
    const id = (JSON.parse(made.out) as { id: number }).id;
    const missing = await cli(['--library', lib, 'call', 'articles.get', '{"id":9999}']);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.err)).toMatchObject({ code: 'not_found' });
    const bad = await cli(['--library', lib, 'call', 'articles.get', '{"id":"x"}']);
    expect(JSON.parse(bad.err)).toMatchObject({ code: 'validation' });
    // The input may come on stdin (a real process: stdin is the point).
    const piped = spawnSync(process.execPath, ['bin/copydesk.mjs', '--library', lib, 'call', 'articles.get', '-'], { cwd: ROOT, encoding: 'utf8', input: JSON.stringify({ id }) });
    expect(piped.status, piped.stderr).toBe(0);
    expect(JSON.parse(piped.stdout)).toMatchObject({ id, title: 'Scripted' });
  });

  it('desk join, sync --json, status --json and leave; a refusing remote exits non-zero with its reason', async () => {
    const url = makeBareRemote(dir);
    const a = path.join(dir, 'a.sqlite'), b = path.join(dir, 'b.sqlite');
    await cli(['--library', a, 'call', 'articles.create', '{"title":"From A"}']);
    const joined = await cli(['--library', a, 'desk', 'join', url, '--name', 'Editor A', '--email', 'a@example.org', '--json']);
    expect(joined.code, joined.err).toBe(0);
    expect(JSON.parse(joined.out)).toMatchObject({ pushed: expect.any(Number) });
    expect((await cli(['--library', b, 'desk', 'join', url, '--name', 'Editor B'])).out).toMatch(/Joined the desk/);
    const sync = await cli(['--library', b, 'desk', 'sync', '--json']);
    expect(sync.code).toBe(0);
    expect(Object.keys(JSON.parse(sync.out))).toEqual(expect.arrayContaining(['pulled', 'pushed', 'merged', 'conflicts']));
    const status = JSON.parse((await cli(['--library', b, 'desk', 'status', '--json'])).out);
    expect(status).toMatchObject({ remote: url, ahead: 0, behind: 0, conflicts: [] });
    expect(status.lastSync).toEqual(expect.any(String));

    fs.writeFileSync(path.join(url, 'hooks', 'pre-receive'), '#!/bin/sh\necho "pushes are closed" >&2\nexit 1\n', { mode: 0o755 });
    await cli(['--library', b, 'call', 'articles.create', '{"title":"From B"}']);
    const refused = await cli(['--library', b, 'desk', 'sync']);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('pushes are closed');
    fs.rmSync(path.join(url, 'hooks', 'pre-receive'));

    const left = await cli(['--library', b, 'desk', 'leave']);
    expect(left.out).toMatch(/Left the desk/);
    expect(JSON.parse((await cli(['--library', b, 'desk', 'status', '--json'])).out)).toMatchObject({ remote: null });
    expect(JSON.parse((await cli(['--library', b, 'call', 'articles.list', '{}'])).out).total).toBe(2);
  });
});
