/**
 * Import report notes and reasons are codes with parameters: the interface phrases every code in
 * both of its languages, the CLI in English, and a real import (the WordPress sample, an article
 * page, a Markdown file) sends nothing else.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLibrary, sampleArticlePage, SAMPLES_DIR, type TestLibrary } from './helpers.js';
import { IMPORT_NOTE_CODES, importNoteText } from '../../src/core/ingest/import-notes.js';
import { makeTranslate } from '../../src/renderer/src/i18n/i18n';
import { phraseImportNote } from '../../src/renderer/src/publish/importNotes';
import type { ImportReport } from '../../src/core/ingest/report.js';

const WXR = path.join(SAMPLES_DIR, 'wordpress-theme-unit-test.wxr.xml');
const zh = makeTranslate('zh-CN');
const en = makeTranslate('en');

describe('import notes as codes', () => {
  let lib: TestLibrary;
  const reports: ImportReport[] = [];

  beforeAll(async () => {
    lib = await makeLibrary();
    if (fs.existsSync(WXR)) reports.push(await lib.ok('import.content', { name: 'wordpress.xml', content: fs.readFileSync(WXR, 'utf8') }));
    reports.push(await lib.ok('import.content', { name: 'page.txt', content: sampleArticlePage() }));
    reports.push(await lib.ok('import.content', { name: 'post.md', content: '---\ntitle: T\ndate: someday\nstatus: weird\n---\n- a\n\n  ```\n  code\n  ```\n<script>x</script>\n' }));
  }, 120_000);
  afterAll(() => lib.dispose());

  it('has a Chinese and an English phrase for every code', () => {
    for (const code of IMPORT_NOTE_CODES) {
      expect(phraseImportNote({ code }, zh), code).not.toBe(code);
      expect(phraseImportNote({ code }, en), code).not.toBe(code);
    }
  });

  it('sends only codes the interface knows, and phrases them in Chinese without English sentences', () => {
    const lines = reports.flatMap((r) => r.items);
    const notes = lines.flatMap((l) => [...(l.reason ? [l.reason] : []), ...(l.notes ?? [])]);
    expect(notes.length).toBeGreaterThan(100);
    for (const note of notes) {
      expect(IMPORT_NOTE_CODES).toContain(note.code);
      const text = phraseImportNote(note, zh);
      // Parameters may be the source's own words (a tag name, a slug); the sentence is Chinese.
      const withoutParams = Object.values(note.params ?? {}).reduce<string>((s, v) => s.split(String(v)).join(''), text);
      expect(withoutParams, JSON.stringify(note)).not.toMatch(/[A-Za-z]{3,}\s+[A-Za-z]{3,}/);
    }
    const page = reports.flatMap((r) => r.items).find((l) => l.file === 'page.txt')!;
    expect(page.notes!.map((n) => phraseImportNote(n, zh))).toContain('作为网站框架略去：面包屑导航');
    const wxrPage = lines.find((l) => l.reason?.code === 'wxr-page');
    if (fs.existsSync(WXR)) expect(phraseImportNote(wxrPage!.reason!, zh)).toBe('这是页面，不是文章：页面不导入');
  });

  it('phrases them in English for the CLI', () => {
    expect(importNoteText({ code: 'wxr-page' })).toBe('a page, not an article: pages are not imported');
    expect(importNoteText({ code: 'chrome', params: { part: 'breadcrumb' } })).toBe('left out as site chrome: breadcrumb');
    expect(importNoteText({ code: 'dropped', params: { n: 2, element: 'video' } })).toBe('left out: 2 video');
  });
});
