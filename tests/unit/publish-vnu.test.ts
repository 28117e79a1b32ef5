/**
 * Every exported page is valid HTML: the Nu HTML Checker (vnu-jar, the W3C validator) reports
 * no errors on the article pages, index pages and home page of a folder export of the fixture
 * library, nor on the page of an article made entirely of hostile content. One Java process
 * checks all files (the JVM start is the slow part).
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLibrary, tempDir, type TestLibrary } from './helpers.js';
import { buildHostileArticle, buildPublishFixture } from './publish-support.js';
import { exportToFolder } from '../../src/core/publish/folder-export.js';
import { PublishSource } from '../../src/core/publish/publish-source.js';
import { renderArticle } from '../../src/core/publish/render-article.js';

const VNU = path.resolve(import.meta.dirname, '../../node_modules/vnu-jar/build/dist/vnu.jar');
const javaOk = spawnSync('java', ['-version']).status === 0;
const why = !fs.existsSync(VNU) ? `skipped: ${VNU} is missing (npm ci installs vnu-jar)` : !javaOk ? 'skipped: no Java runtime on PATH (vnu needs Java 11+)' : '';
if (why) console.warn(`publish-vnu: ${why}`);

let fixture: TestLibrary;
let hostile: TestLibrary;
let dir: string;

beforeAll(async () => {
  fixture = await makeLibrary();
  hostile = await makeLibrary();
  dir = tempDir('copydesk-vnu-');
});
afterAll(() => {
  fixture.dispose();
  hostile.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!!why)('Nu HTML Checker', () => {
  it('reports zero errors on every exported page', async () => {
    buildPublishFixture(fixture.db);
    const site = path.join(dir, 'site');
    await exportToFolder(fixture.db, { outDir: site, format: 'html', all: true });
    const id = buildHostileArticle(hostile.db);
    const hostilePage = path.join(dir, 'hostile.html');
    fs.writeFileSync(hostilePage, renderArticle(new PublishSource(hostile.db), id, 'page'));
    const hostileSite = path.join(dir, 'hostile-site');
    await exportToFolder(hostile.db, { outDir: hostileSite, format: 'html', all: true });

    // A canary the checker must flag, so a silent checker cannot pass the test.
    const canary = path.join(dir, 'canary-invalid.html');
    fs.writeFileSync(canary, '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"></head><body><p onclick=1><div></p></body></html>');
    const files = [canary, hostilePage, ...[site, hostileSite].flatMap((root) => fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).map((f) => path.join(root, f)))];
    expect(files.length).toBeGreaterThanOrEqual(12);
    // vnu prints its JSON report on stderr and exits 1 when it found errors.
    const run = spawnSync('java', ['-jar', VNU, '--format', 'json', '--errors-only', ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const report = JSON.parse(run.stderr) as { messages: Array<{ type: string; url?: string; message: string; extract?: string }> };
    const errors = report.messages.filter((m) => m.type === 'error' || m.type === 'non-document-error');
    const isCanary = (e: { url?: string }) => (e.url ?? '').endsWith('canary-invalid.html');
    expect(errors.filter(isCanary).length, 'the checker flags the canary').toBeGreaterThan(0);
    expect(errors.filter((e) => !isCanary(e)).map((e) => `${e.url}: ${e.message} [${e.extract ?? ''}]`)).toEqual([]);
  }, 180_000);
});
