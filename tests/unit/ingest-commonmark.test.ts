/**
 * The Markdown import measured against the CommonMark spec's own examples (commonmark-spec
 * 0.31.2, the examples outside the raw-HTML sections): each example is imported as a file of
 * one Markdown archive, exported as an HTML fragment, and compared with the HTML the spec
 * expects, exactly and under the import's documented rules (markdown-import.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLibrary, type TestLibrary } from './helpers.js';
import { canonicalHtml } from './commonmark-compare.js';
import type { ImportReport } from '../../src/core/ingest/report.js';

interface SpecExample { markdown: string; html: string; section: string; number: number }

const RAW_HTML_SECTIONS = new Set(['HTML blocks', 'Raw HTML']);
const examples = (createRequire(import.meta.url)('commonmark-spec') as { tests: SpecExample[] }).tests
  .filter((t) => !RAW_HTML_SECTIONS.has(t.section))
  // The spec writes tabs as → in its examples.
  .map((t) => ({ ...t, markdown: t.markdown.replace(/→/g, '\t'), html: t.html.replace(/→/g, '\t') }));

interface Outcome { example: SpecExample; exact: boolean; underRules: boolean; reordered: boolean; notes: unknown[]; got: string; want: string }

/** The example's words in order, as one string: what must survive any import rule. */
function words(html: string): string {
  return canonicalHtml(html, { rules: true }).replace(/<[^>]*>/g, ' ').split(/\s+/).filter(Boolean).join(' ');
}

/** True when the words of `got` appear in `want` in another order (losses alone are not reorderings). */
function reordered(want: string, got: string): boolean {
  const w = words(want).split(' ');
  const g = words(got).split(' ');
  let j = 0;
  for (const word of g) {
    if (!word) continue;
    const k = w.indexOf(word, j);
    if (k < 0) {
      if (w.includes(word)) return true;
      continue;
    }
    j = k + 1;
  }
  return false;
}

describe('Markdown import against the CommonMark spec examples', () => {
  let lib: TestLibrary;
  const outcomes: Outcome[] = [];

  beforeAll(async () => {
    lib = await makeLibrary();
    const dir = path.join(lib.dir, 'spec');
    fs.mkdirSync(dir);
    for (const ex of examples) {
      fs.writeFileSync(path.join(dir, `example-${String(ex.number).padStart(3, '0')}.md`), `---\ntitle: Example ${ex.number}\n---\n${ex.markdown}`);
    }
    const report: ImportReport = await lib.ok('import.files', { paths: [dir] });
    for (const ex of examples) {
      const line = report.items.find((l) => l.file.endsWith(`example-${String(ex.number).padStart(3, '0')}.md`))!;
      expect(line.status, `example ${ex.number}: ${line.reason ?? ''}`).toBe('imported');
      const html = (await lib.ok('export.article', { id: line.articleId!, format: 'html' })).content;
      const got = canonicalHtml(html);
      outcomes.push({
        example: ex,
        exact: got === canonicalHtml(ex.html, { spec: true }),
        underRules: got === canonicalHtml(ex.html, { spec: true, rules: true }),
        reordered: reordered(ex.html, html),
        notes: line.notes ?? [],
        got,
        want: canonicalHtml(ex.html, { spec: true, rules: true }),
      });
    }
  }, 120_000);
  afterAll(() => lib?.dispose());

  it('keeps at least 95% of the examples under the documented rules', () => {
    const exact = outcomes.filter((o) => o.exact).length;
    const rules = outcomes.filter((o) => o.underRules).length;
    console.log(`CommonMark spec 0.31.2, ${outcomes.length} examples outside raw HTML: ${exact} exact, ${rules} (${(100 * rules / outcomes.length).toFixed(1)}%) under the import rules`);
    const misses = outcomes.filter((o) => !o.underRules);
    if (process.env.COMMONMARK_MISSES) {
      for (const o of misses) console.log(`#${o.example.number} ${o.example.section}\n  md:   ${JSON.stringify(o.example.markdown)}\n  want: ${o.want}\n  got:  ${o.got}\n  notes: ${JSON.stringify(o.notes)}`);
    }
    expect(outcomes).toHaveLength(588);
    expect(rules / outcomes.length).toBeGreaterThanOrEqual(0.95);
  });

  it('never changes the order of the text', () => {
    expect(outcomes.filter((o) => o.reordered).map((o) => o.example.number)).toEqual([]);
  });

  it('says in the report what it changed wherever the export differs from the spec', () => {
    expect(outcomes.filter((o) => !o.underRules && o.notes.length === 0).map((o) => o.example.number)).toEqual([]);
  });
});
