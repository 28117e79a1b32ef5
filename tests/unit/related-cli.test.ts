import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLibrary, type TestLibrary } from './helpers.js';
import { bodyFromParagraphs } from '../../src/core/content/lexical-json.js';
import { bodyLinking } from './related-fixtures.js';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../bin/copydesk.mjs');

let lib: TestLibrary;
let file: string;
const id: Record<string, number> = {};

/** Runs the real CLI in a child process against the test library. */
async function copydesk(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, '--library', file, ...args], { encoding: 'utf8', timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

beforeAll(async () => {
  lib = await makeLibrary();
  file = lib.path;
  const add = async (key: string, title: string, text: string, extra: Record<string, unknown> = {}) => {
    id[key] = (await lib.ok('articles.create', { title, status: 'published', body: bodyFromParagraphs([text]), ...extra })).id;
  };
  await add('query', '都昌新材料及智能装备产业园项目调度会议', '都昌县召开新材料及智能装备产业园项目调度会议，邱舰要求加快项目建设。', { tags: ['新材料', '都昌'] });
  await add('listed', '都昌县委书记邱舰调度新材料产业园', '邱舰主持召开都昌新材料产业园项目调度会，了解项目进展。', { tags: ['都昌'] });
  await add('similar', '都昌新材料产业园项目签约195亿元', '都昌县在北京举行项目签约仪式，引进新材料及智能装备产业园项目。', { tags: ['新材料', '都昌'] });
  await add('other', '广东预制菜产业红火', '广东预制菜企业冷链配送网络完善。', { tags: ['预制菜'] });
  id.holder = (await lib.ok('articles.create', { title: '博罗智能装备产业园', status: 'published', body: bodyLinking('博罗智能装备产业园面积达到29.99平方公里。', [id.query!]) })).id;
  await lib.ok('related.add', { id: id.query!, targetId: id.listed! });
  lib.close();
}, 120_000);
afterAll(() => lib.dispose());

// Each call starts a Node process that compiles the core through tsx: seconds each on a busy machine.
const SLOW = 240_000;

describe('copydesk related', () => {
  it('ID --json prints links, backlinks and explained suggestions', async () => {
    const r = await copydesk('related', String(id.query), '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      links: Array<{ id: number; kind: string; state: string }>;
      backlinks: Array<{ id: number; kinds: string[] }>;
      suggestions: Array<{ id: number; slug: string; title: string; score: number; reasons: string[] }>;
      nearDuplicates: unknown[];
    };
    expect(out.links).toEqual([expect.objectContaining({ id: id.listed, kind: 'related', state: 'live' })]);
    expect(out.backlinks).toEqual([expect.objectContaining({ id: id.holder, kinds: ['text'] })]);
    expect(out.suggestions[0]).toMatchObject({ id: id.similar, title: '都昌新材料产业园项目签约195亿元', slug: expect.any(String) });
    for (const s of out.suggestions) {
      expect(typeof s.score).toBe('number');
      expect(s.reasons.length).toBeGreaterThan(0);
      for (const reason of s.reasons) expect(reason).toMatch(/^[a-z][a-z ]+(: .+)?$/);
    }
    expect(out.suggestions[0]!.reasons).toContain('shared tags: 新材料, 都昌');
    // The listed article is not suggested again.
    expect(out.suggestions.map((s) => s.id)).not.toContain(id.listed);
    expect(Array.isArray(out.nearDuplicates)).toBe(true);
  }, SLOW);

  it('changes the list: add at a place, both ways, reorder, remove; and warns before a delete', async () => {
    let r = await copydesk('related', 'add', String(id.query), String(id.other), '--at', '1', '--json');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { links: Array<{ id: number }> }).links.map((l) => l.id)).toEqual([id.other, id.listed]);

    r = await copydesk('related', 'add-both', String(id.query), String(id.similar));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`3. #${id.similar} 都昌新材料产业园项目签约195亿元`);
    expect(r.stdout).toContain('<->');

    r = await copydesk('related', 'order', String(id.query), String(id.similar), String(id.listed), String(id.other), '--json');
    expect((JSON.parse(r.stdout) as { links: Array<{ id: number }> }).links.map((l) => l.id)).toEqual([id.similar, id.listed, id.other]);

    r = await copydesk('related', 'impact', String(id.query));
    expect(r.stdout).toMatch(/removes 2 link\(s\) from 2 article\(s\)/);
    expect(r.stdout).toContain(`#${id.holder}`);

    r = await copydesk('related', 'remove-both', String(id.query), String(id.similar), '--json');
    expect((JSON.parse(r.stdout) as { links: Array<{ id: number }> }).links.map((l) => l.id)).toEqual([id.listed, id.other]);
    r = await copydesk('related', String(id.similar), '--json');
    expect((JSON.parse(r.stdout) as { links: unknown[] }).links).toEqual([]);
  }, SLOW);

  it('fails with a clear message and a non-zero exit for bad ids', async () => {
    const self = await copydesk('related', 'add', String(id.query), String(id.query));
    expect(self.code).toBe(1);
    expect(self.stderr).toMatch(/cannot be related to itself/);
    const usage = await copydesk('related', 'twelve');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/must be an article id/);
    const missing = await copydesk('related', '99999', '--json');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/99999.*(not_found)/);
  }, SLOW);
});
