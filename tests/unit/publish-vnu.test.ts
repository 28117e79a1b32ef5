/**
 * Every exported page is valid HTML: the Nu HTML Checker (vnu-jar, the W3C validator) reports
 * no errors on the article pages, index pages and home page of a folder export of the fixture
 * library, of the WordPress theme unit test (imported, then exported with its drafts: real
 * posts whose bodies open with h3s, nest lists and tables, and hold every markup WordPress
 * writes), nor on the page of an article made entirely of hostile content. One Java process
 * checks all files (the JVM start is the slow part).
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLibrary, tempDir, SAMPLES_DIR, type TestLibrary } from './helpers.js';
import { buildHostileArticle, buildPublishFixture } from './publish-support.js';
import { exportToFolder } from '../../src/core/publish/folder-export.js';
import { PublishSource } from '../../src/core/publish/publish-source.js';
import { renderArticle } from '../../src/core/publish/render-article.js';
import { importPaths } from '../../src/core/ingest/index.js';
import { createArticle } from '../../src/core/articles/articles.js';

const VNU = path.resolve(import.meta.dirname, '../../node_modules/vnu-jar/build/dist/vnu.jar');
const javaOk = spawnSync('java', ['-version']).status === 0;
const why = !fs.existsSync(VNU) ? `skipped: ${VNU} is missing (npm ci installs vnu-jar)` : !javaOk ? 'skipped: no Java runtime on PATH (vnu needs Java 11+)' : '';
if (why) console.warn(`publish-vnu: ${why}`);

let fixture: TestLibrary;
let hostile: TestLibrary;
let wordpress: TestLibrary;
let dir: string;

beforeAll(async () => {
  fixture = await makeLibrary();
  hostile = await makeLibrary();
  wordpress = await makeLibrary();
  dir = tempDir('copydesk-vnu-');
});
afterAll(() => {
  fixture.dispose();
  hostile.dispose();
  wordpress.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!!why)('Nu HTML Checker', () => {
  it('reports zero errors on every exported page', async () => {
    buildPublishFixture(fixture.db);
    // A body whose headings open at h3 and skip levels, as many imported posts do.
    const heading = (tag: string, text: string) => ({ type: 'heading', version: 1, tag, children: [{ type: 'text', version: 1, text, format: 0 }] });
    createArticle(fixture.db, {
      title: 'Outline', slug: 'outline', status: 'published',
      body: { root: { type: 'root', children: [heading('h3', 'Opens at h3'), heading('h5', 'Skips to h5'), heading('h2', 'Back to h2'), heading('h6', 'Down to h6')] } },
    });
    const site = path.join(dir, 'site');
    await exportToFolder(fixture.db, { outDir: site, format: 'html', all: true });
    const id = buildHostileArticle(hostile.db);
    const hostilePage = path.join(dir, 'hostile.html');
    fs.writeFileSync(hostilePage, renderArticle(new PublishSource(hostile.db), id, 'page'));
    const hostileSite = path.join(dir, 'hostile-site');
    await exportToFolder(hostile.db, { outDir: hostileSite, format: 'html', all: true });
    await importPaths(wordpress.db, [path.join(SAMPLES_DIR, 'wordpress-theme-unit-test.wxr.xml')]);
    const wordpressSite = path.join(dir, 'wordpress-site');
    const wp = await exportToFolder(wordpress.db, { outDir: wordpressSite, format: 'html', all: true, includeDrafts: true });
    expect(wp.failed).toEqual([]);
    expect(wp.articles).toBeGreaterThan(30);

    // A canary the checker must flag, so a silent checker cannot pass the test.
    const canary = path.join(dir, 'canary-invalid.html');
    fs.writeFileSync(canary, '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"></head><body><p onclick=1><div></p></body></html>');
    const files = [canary, hostilePage, ...[site, hostileSite, wordpressSite].flatMap((root) => fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).map((f) => path.join(root, f)))];
    expect(files.length).toBeGreaterThanOrEqual(12 + wp.articles);
    // vnu prints its JSON report on stderr and exits 1 when it found errors.
    const run = spawnSync('java', ['-jar', VNU, '--format', 'json', ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const report = JSON.parse(run.stderr) as { messages: Array<{ type: string; subType?: string; url?: string; message: string; extract?: string }> };
    // Warnings count too ("The heading h3 … follows the heading h1, skipping 1 heading level"),
    // except the checker's guess at the language of the text, which is the content's, not ours.
    const errors = report.messages.filter((m) => m.type === 'error' || m.type === 'non-document-error'
      || (m.subType === 'warning' && !/appears to be written in/.test(m.message)));
    const isCanary = (e: { url?: string }) => (e.url ?? '').endsWith('canary-invalid.html');
    expect(errors.filter(isCanary).length, 'the checker flags the canary').toBeGreaterThan(0);
    expect(errors.filter((e) => !isCanary(e)).map((e) => `${e.url}: ${e.message} [${e.extract ?? ''}]`)).toEqual([]);
  }, 180_000);
});
