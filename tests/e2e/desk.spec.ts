import { test, expect, type AppServer } from './fixtures';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeBareRemote } from '../support/git-remote';
import { seriousViolations } from './axe';

/**
 * The desk view against a real bare repository: join from the form, see a colleague's article
 * come in with a sync (button and Ctrl+Shift+Y), decide an article both changed, and read
 * git's own words when the remote refuses a push. The colleague is a second library driven by
 * the real CLI.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');

function copydesk(library: string, args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/copydesk.mjs', '--library', library, ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}
async function peerCall(library: string, op: string, input: unknown): Promise<any> {
  const r = await copydesk(library, ['call', op, JSON.stringify(input)]);
  if (r.code !== 0) throw new Error(`${op}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}
async function ok(app: AppServer, op: string, input: unknown): Promise<any> {
  const r = await app.call(op, input);
  if (!r.ok) throw new Error(`${op}: ${r.error?.code} ${r.error?.message}`);
  return r.data;
}

test.describe('desk view', () => {
  test.describe.configure({ timeout: 180_000 });
  let dir: string;
  test.beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'copydesk-e2e-desk-')); });
  test.afterAll(async ({ app }) => {
    await app.call('desk.leave', {});
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('join, bring in a colleague\'s work, decide a shared article, and see a refused push', async ({ page, app }) => {
    const remote = makeBareRemote(dir);
    const peer = path.join(dir, 'peer.sqlite');
    await page.goto(`${app.launchUrl}#/desk`);
    await expect(page.getByTestId('desk-join')).toBeVisible();
    expect(await seriousViolations(page, '[data-testid=desk]')).toEqual([]);
    await page.getByLabel('Repository address').fill(remote);
    await page.getByLabel('Your name (on commits)').fill('Editor Wang');
    await page.getByLabel('Your email (on commits)').fill('wang@example.org');
    await page.getByRole('button', { name: 'Join desk' }).click();
    await expect(page.getByTestId('desk-remote')).toHaveText(remote);
    await expect(page.getByTestId('desk-ahead')).toHaveText('0');

    // A colleague joins (getting the library's articles) and files a piece.
    expect((await copydesk(peer, ['desk', 'join', remote, '--name', 'Editor Li', '--email', 'li@example.org'])).code).toBe(0);
    const piece = await peerCall(peer, 'articles.create', { title: '都昌产业园开工' });
    expect((await copydesk(peer, ['desk', 'sync'])).code).toBe(0);

    await page.keyboard.press('Control+Shift+Y');
    await expect(page.getByTestId('desk-incoming')).toContainText('都昌产业园开工');
    await expect(page.getByTestId('desk-last')).toContainText('From Editor Li');

    // Both retitle it differently: the library keeps its own, the colleague's waits in the history.
    const mine = (await ok(app, 'articles.list', { pageSize: 100 })).items.find((a: { title: string }) => a.title === '都昌产业园开工');
    await ok(app, 'articles.save', { id: mine.id, version: mine.version, title: '都昌产业园今日开工' });
    await peerCall(peer, 'articles.save', { id: piece.id, version: piece.version, title: '都昌产业园正式开工' });
    expect((await copydesk(peer, ['desk', 'sync'])).code).toBe(0);
    await page.getByTestId('desk-sync').click();
    const conflicts = page.getByTestId('desk-conflicts');
    await expect(conflicts.getByRole('link', { name: '都昌产业园今日开工' })).toBeVisible();
    const revisions = await ok(app, 'revisions.list', { articleId: mine.id });
    expect(revisions.find((r: { reason: string }) => r.reason === 'conflict')?.title).toBe('都昌产业园正式开工');
    await conflicts.getByRole('button', { name: 'Mark decided' }).click();
    await expect(conflicts).toContainText('No article needs a decision.');

    // The desk refuses the next push: git's own message is shown.
    fs.writeFileSync(path.join(remote, 'hooks', 'pre-receive'), '#!/bin/sh\necho "desk closed: ask the night editor" >&2\nexit 1\n', { mode: 0o755 });
    await page.getByTestId('desk-sync').click();
    await expect(page.getByTestId('desk-error')).toContainText('The desk refused your changes.');
    await expect(page.getByTestId('desk-error')).toContainText('desk closed: ask the night editor');
    expect(await seriousViolations(page, '[data-testid=desk]')).toEqual([]);
    fs.rmSync(path.join(remote, 'hooks', 'pre-receive'));
    await page.getByTestId('desk-sync').click();
    await expect(page.getByTestId('desk-error')).toHaveCount(0);
    await expect(page.getByTestId('desk-ahead')).toHaveText('0');
  });
});
