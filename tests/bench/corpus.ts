/**
 * A deterministic corpus that looks like a real Chinese industry-news archive, for benchmarks
 * and for tests that need many articles (search, related articles, list pages).
 *
 *   import { generateCorpus, buildCorpusLibrary } from '../bench/corpus.js';
 *   for (const a of generateCorpus({ seed: 1, count: 1000 })) ...   // plain data, no library
 *   const { path, ms } = await buildCorpusLibrary(dir, 10_000, 1);     // a real library file
 *
 * Why it is built this way (DESIGN.md, "Benchmarks"): a corpus made by repeating one article is
 * degenerate, since every query then matches every article. So:
 * - the vocabulary is real: words segmented from the sample article page (with their real
 *   frequencies, which puts 的/项目/产业 at the head), then the word lists that ship in
 *   pinyin-pro's dictionary (some 4,000 real multi-character words, roughly frequency-ordered),
 *   drawn with a Zipfian law, so a few terms occur in most articles and most terms are rare;
 * - about a quarter of the sentences are real sentences of the sample page, verbatim;
 * - every article belongs to one `topic`; each topic has its own words, place names and entity
 *   names (e.g. `佛山智能装备产业园`), its own category and its own tags, so related-article
 *   precision can be measured against the label;
 * - dates spread over 2015–2025, lengths 500–5,000 characters (log-normal, median ≈ 1,300),
 *   a few articles mostly in English (words from the WordPress theme-unit-test sample) and
 *   English terms (5G, AI, LED...) sprinkled through Chinese text, digits and dates everywhere.
 * Same seed, same corpus, on every machine: nothing depends on time, locale or Math.random.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { openLibrary } from '../../src/core/db/open.js';
import { insertArticle } from '../../src/core/articles/articles.js';
import { createCategory } from '../../src/core/taxonomy/categories.js';
import { deferIndexing } from '../../src/core/search/indexer.js';
import { bodyFromParagraphs, type SerializedEditorState } from '../../src/core/content/lexical-json.js';
import type { Status } from '../../src/core/api/schemas.js';

export const SAMPLES_DIR = path.resolve(import.meta.dirname, '../../../shared/samples');

// ---------------------------------------------------------------------------------------------
// Seeded randomness

/** sfc32: small, fast, good enough statistically, and identical on every platform. */
export function makeRng(seed: number): () => number {
  let a = 0x9e3779b9 ^ seed, b = 0x243f6a88 ^ (seed * 31), c = 0xb7e15162, d = seed | 0;
  const next = () => {
    a |= 0; b |= 0; c |= 0; d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 20; i++) next();
  return next;
}

export class Random {
  readonly next: () => number;
  constructor(seed: number) { this.next = makeRng(seed); }
  int(min: number, max: number): number { return min + Math.floor(this.next() * (max - min + 1)); }
  pick<T>(items: readonly T[]): T { return items[Math.floor(this.next() * items.length)]!; }
  chance(p: number): boolean { return this.next() < p; }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = Math.max(1e-12, this.next());
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
}

/** Draws items with probability ∝ 1 / (rank + 1)^s: the shape of word frequencies in real text. */
export class Zipf<T> {
  private readonly cumulative: Float64Array;
  constructor(readonly items: readonly T[], s = 1.0) {
    this.cumulative = new Float64Array(items.length);
    let sum = 0;
    for (let i = 0; i < items.length; i++) this.cumulative[i] = sum += 1 / Math.pow(i + 1, s);
  }
  draw(rng: Random): T {
    const x = rng.next() * this.cumulative[this.cumulative.length - 1]!;
    let lo = 0, hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! < x) lo = mid + 1; else hi = mid;
    }
    return this.items[lo]!;
  }
}

// ---------------------------------------------------------------------------------------------
// Real text sources

export interface TextSources {
  /** Chinese words, most frequent first: sample-page words by count, then dictionary words. */
  words: string[];
  /** Real sentences of the sample page (each ends with its punctuation). */
  sentences: string[];
  /** English words of the WordPress sample, most frequent first. */
  englishWords: string[];
  /** The sample page's plain text (for tests that take substrings of real text). */
  sampleText: string;
}

let cachedSources: TextSources | undefined;

export function loadTextSources(): TextSources {
  if (cachedSources) return cachedSources;
  const sampleText = fs.readFileSync(path.join(SAMPLES_DIR, 'site-article-page.txt'), 'utf8');

  const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
  const counts = new Map<string, number>();
  for (const s of segmenter.segment(sampleText)) {
    if (s.isWordLike && /\p{Script=Han}/u.test(s.segment)) counts.set(s.segment, (counts.get(s.segment) ?? 0) + 1);
  }
  const sampleWords = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w);

  // pinyin-pro's phrase dictionaries: real words, listed roughly by frequency. Read as text so
  // we depend on the data, not on the library's internal module layout.
  const require = createRequire(import.meta.url);
  const dataDir = path.join(path.dirname(require.resolve('pinyin-pro/package.json')), 'dist/esm/data');
  const dictWords = (file: string) =>
    [...fs.readFileSync(path.join(dataDir, file), 'utf8').matchAll(/^\s+['"]?(\p{Script=Han}{2,})['"]?\s*:/gmu)].map((m) => m[1]!);
  const lists = ['dict2.mjs', 'dict3.mjs', 'dict4.mjs'].map(dictWords);
  const merged: string[] = [];
  for (let i = 0; lists.some((l) => i < l.length); i++) for (const l of lists) if (i < l.length) merged.push(l[i]!);
  const seen = new Set(sampleWords);
  const words = [...sampleWords, ...merged.filter((w) => !seen.has(w) && (seen.add(w), true))];

  const body = sampleText.split('\n').map((l) => l.trim()).filter((l) => [...l].length > 30);
  const sentences = body.flatMap((p) => p.match(/[^。！？]+[。！？]/gu) ?? []).map((s) => s.trim()).filter((s) => [...s].length >= 8);

  const wxr = fs.readFileSync(path.join(SAMPLES_DIR, 'wordpress-theme-unit-test.wxr.xml'), 'utf8');
  const english = new Map<string, number>();
  for (const m of wxr.matchAll(/<content:encoded><!\[CDATA\[([\s\S]*?)\]\]><\/content:encoded>/g)) {
    const text = m[1]!.replace(/<!--[\s\S]*?-->/g, ' ').replace(/<[^>]+>/g, ' ').replace(/&[a-z#0-9]+;/gi, ' ');
    for (const w of text.match(/[A-Za-z][a-z]{2,}/g) ?? []) english.set(w.toLowerCase(), (english.get(w.toLowerCase()) ?? 0) + 1);
  }
  const englishWords = [...english].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w);

  cachedSources = { words, sentences, englishWords, sampleText };
  return cachedSources;
}

// ---------------------------------------------------------------------------------------------
// The corpus model

/** Real place names of the kind the sample page talks about (Guangdong, Jiangxi...). */
const PLACES = [
  '广州', '深圳', '佛山', '东莞', '珠海', '中山', '惠州', '江门', '肇庆', '汕头', '汕尾', '湛江', '茂名',
  '清远', '韶关', '梅州', '河源', '阳江', '揭阳', '潮州', '云浮', '九江', '都昌', '博罗', '南昌', '赣州',
  '长沙', '武汉', '成都', '重庆', '杭州', '宁波', '苏州', '无锡', '合肥', '厦门', '福州', '南宁', '昆明', '西安',
];
const PARK_KINDS = ['产业园', '科技园', '工业园', '经济开发区', '高新区', '产业基地', '创新中心', '物流园'];
const SECTORS = [
  '新材料', '智能装备', '新能源', '人工智能', '生物医药', '预制菜', '电子信息', '数据中心', '临空经济', '现代农业',
  '汽车零部件', '半导体', '新媒体', '跨境电商', '纺织服装', '家具制造', '海洋经济', '文化旅游', '医疗器械', '储能',
];
const ENGLISH_TERMS = ['5G', 'AI', 'LED', 'GDP', 'IPO', 'ESG', 'PCB', 'OLED', 'SaaS', 'IoT', 'CEO', 'EV', 'R&D', 'Wi-Fi'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高', '欧阳', '杜', '葛', '邱'];
const GIVEN = ['宇蔚', '兴', '毅明', '舰', '晓红', '建国', '丽娜', '志强', '海燕', '文杰', '静', '伟', '敏', '磊', '婷', '超', '洋', '勇', '芳', '军'];
const TOP_CATEGORIES = ['广东产业信息', '产业园区', '招商引资', '政策解读', '企业动态', '行业研究', '区域经济', '人物访谈'];
const STATUSES: Array<[Status, number]> = [['published', 0.8], ['draft', 0.08], ['in_review', 0.05], ['ready', 0.04], ['archived', 0.03]];

export interface Topic {
  id: number;
  /** A readable label, e.g. `佛山·智能装备`. */
  name: string;
  place: string;
  sector: string;
  /** Words used mostly (not only) by this topic's articles. */
  words: string[];
  /** Named things this topic's articles talk about: `佛山智能装备产业园`. */
  entities: string[];
  categoryPath: string[];
  tags: string[];
}

export interface CorpusArticle {
  title: string;
  body: SerializedEditorState;
  /** The body's paragraphs as plain strings (what the body holds). */
  paragraphs: string[];
  status: Status;
  author: string;
  categoryPath: string[];
  tags: string[];
  publishedAt: string;
  /** Topic id: articles of one topic are the "related" ones. */
  topic: number;
}

export interface CorpusModel {
  topics: Topic[];
  /** Every category path the corpus uses (parents before children). */
  categoryPaths: string[][];
  authors: string[];
}

export interface CorpusOptions {
  seed: number;
  count: number;
  /** Topics in the corpus (default: 60). */
  topics?: number;
}

const MODEL_SALT = 0x5eed;

/** The fixed part of a corpus (topics, categories, authors): depends only on the seed. */
export function corpusModel(seed: number, topicCount = 60): CorpusModel {
  const rng = new Random(seed ^ MODEL_SALT);
  const { words } = loadTextSources();
  // The head of the list (the 300 most frequent words) is shared by everybody; the tail is
  // dealt out to topics, so each topic has words that mostly only its articles use.
  const tail = rng.shuffle(words.slice(300));
  const perTopic = Math.min(120, Math.floor(tail.length / topicCount));
  const subcats = new Map<string, string[]>();
  const topics: Topic[] = [];
  for (let t = 0; t < topicCount; t++) {
    const place = PLACES[(t * 7 + rng.int(0, PLACES.length - 1)) % PLACES.length]!;
    const sector = SECTORS[t % SECTORS.length]!;
    const topicWords = tail.slice(t * perTopic, (t + 1) * perTopic);
    const entities = [
      `${place}${sector}${rng.pick(PARK_KINDS)}`,
      `${place}${rng.pick(SURNAMES)}${rng.pick(['氏', '达', '华', '新', '泰'])}${sector}有限公司`,
      `${sector}${rng.pick(['产业联盟', '行业协会', '研究院'])}`,
    ];
    const top = TOP_CATEGORIES[t % TOP_CATEGORIES.length]!;
    const sub = `${place}${rng.pick(['', '地区', '专题'])}`;
    const list = subcats.get(top) ?? [];
    if (!list.includes(sub)) list.push(sub);
    subcats.set(top, list);
    // A third of the topics sit one level deeper, so `category:` has sub-categories to include.
    const categoryPath = t % 3 === 0 ? [top, sub, sector] : [top, sub];
    topics.push({
      id: t,
      name: `${place}·${sector}`,
      place,
      sector,
      words: topicWords,
      entities,
      categoryPath,
      tags: [sector, place, topicWords[0] ?? sector, topicWords[1] ?? place],
    });
  }
  const paths = new Map<string, string[]>();
  for (const t of topics) {
    for (let i = 1; i <= t.categoryPath.length; i++) paths.set(t.categoryPath.slice(0, i).join('\u0000'), t.categoryPath.slice(0, i));
  }
  const categoryPaths = [...paths.values()].sort((a, b) => a.length - b.length || a.join('/').localeCompare(b.join('/')));
  const authors: string[] = [];
  for (let i = 0; authors.length < 40; i++) {
    const name = `${SURNAMES[(i * 5) % SURNAMES.length]}${GIVEN[(i * 3 + Math.floor(i / 7)) % GIVEN.length]}`;
    if (!authors.includes(name)) authors.push(name);
  }
  return { topics, categoryPaths, authors };
}

const GENERAL_TAGS = ['热点', '政策', '投资', '签约', '开工', '招商', '数据', '专访'];
const START = Date.UTC(2015, 0, 1);
const END = Date.UTC(2025, 5, 30);

/**
 * The corpus, one article at a time (memory stays flat at 100,000 articles). Deterministic:
 * the same {seed, count, topics} always yields the same articles in the same order.
 */
export function* generateCorpus(options: CorpusOptions): Generator<CorpusArticle> {
  const model = corpusModel(options.seed, options.topics ?? 60);
  const src = loadTextSources();
  const rng = new Random(options.seed);
  const general = new Zipf(src.words, 1.0);
  const english = new Zipf(src.englishWords, 1.0);
  const topicZipf = new Zipf(model.topics, 0.7);
  const authorZipf = new Zipf(model.authors, 0.9);
  const topicWordZipf = model.topics.map((t) => new Zipf(t.words, 0.8));

  for (let i = 0; i < options.count; i++) {
    const topic = topicZipf.draw(rng);
    const englishArticle = rng.chance(0.04);
    const word = () => (rng.chance(0.3) ? topicWordZipf[topic.id]!.draw(rng) : general.draw(rng));
    const number = () => {
      switch (rng.int(0, 4)) {
        case 0: return `${rng.int(2015, 2025)}年`;
        case 1: return `${rng.int(1, 12)}月${rng.int(1, 28)}日`;
        case 2: return `${rng.int(1, 999)}亿元`;
        case 3: return `${rng.int(1, 99)}.${rng.int(0, 99)}%`;
        default: return `${rng.int(2, 500)}${rng.pick(['个', '家', '万平方米', '亩', '项'])}`;
      }
    };
    const chineseSentence = (): string => {
      if (rng.chance(0.25)) return rng.pick(src.sentences);
      const n = rng.int(6, 18);
      let s = rng.chance(0.35) ? rng.pick(topic.entities) : '';
      for (let k = 0; k < n; k++) {
        const r = rng.next();
        s += r < 0.06 ? number() : r < 0.09 ? rng.pick(ENGLISH_TERMS) : r < 0.13 ? rng.pick(topic.entities) : word();
        if (k < n - 1 && rng.chance(0.15)) s += rng.pick(['，', '，', '、', '：']);
      }
      return `${s}${rng.pick(['。', '。', '。', '！', '？', '；'])}`;
    };
    const englishSentence = (): string => {
      const n = rng.int(8, 22);
      const ws: string[] = [];
      for (let k = 0; k < n; k++) ws.push(rng.chance(0.05) ? rng.pick(ENGLISH_TERMS) : english.draw(rng));
      const s = ws.join(' ');
      return `${s[0]!.toUpperCase()}${s.slice(1)}${rng.pick(['.', '.', '.', '?', '!'])}`;
    };

    // Length: log-normal around 1,300 characters, kept within 500–5,000.
    const target = Math.round(Math.min(5000, Math.max(500, Math.exp(Math.log(1300) + 0.6 * rng.normal()))));
    const paragraphs: string[] = [];
    let length = 0;
    while (length < target) {
      let p = '';
      const plen = rng.int(80, 320);
      while ([...p].length < plen) p += englishArticle ? `${englishSentence()} ` : chineseSentence();
      p = p.trim();
      const chars = [...p];
      if (length + chars.length > 5000) p = chars.slice(0, 5000 - length).join('');
      paragraphs.push(p);
      length += [...p].length;
    }

    const title = englishArticle
      ? `${rng.pick(topic.entities)} ${englishSentence().slice(0, rng.int(20, 60)).trim()}`
      : [
          rng.chance(0.6) ? rng.pick(topic.entities) : topic.place,
          topicWordZipf[topic.id]!.draw(rng),
          rng.chance(0.3) ? number() : '',
          general.draw(rng),
          word(),
          rng.chance(0.1) ? rng.pick(ENGLISH_TERMS) : '',
          word(),
        ].join('');

    // Most articles sit in their topic's category; some are filed elsewhere (as in real archives).
    const categoryPath = rng.chance(0.9) ? topic.categoryPath : rng.pick(model.topics).categoryPath;
    const tags = new Set<string>();
    const nTags = rng.int(1, 4);
    while (tags.size < nTags) tags.add(rng.chance(0.8) ? rng.pick(topic.tags) : rng.pick(GENERAL_TAGS));
    let u = rng.next();
    let status: Status = 'published';
    for (const [s, p] of STATUSES) { if (u < p) { status = s; break; } u -= p; }
    // Archives grow: later years hold more articles (density rises linearly over time).
    const when = START + Math.sqrt(rng.next()) * (END - START);
    const publishedAt = new Date(Math.floor(when / 1000) * 1000).toISOString();

    yield {
      title: title.slice(0, 120),
      body: bodyFromParagraphs(paragraphs),
      paragraphs,
      status,
      author: authorZipf.draw(rng),
      categoryPath,
      tags: [...tags],
      publishedAt,
      topic: topic.id,
    };
  }
}

// ---------------------------------------------------------------------------------------------
// A real library file

export interface CorpusLibrary {
  path: string;
  count: number;
  seed: number;
  /** Wall time of the article import (creation, derived fields, revisions, search index). */
  importMs: number;
  /** Wall time of generating the articles in memory, included in importMs. */
  generateMs: number;
  /** Article id → topic id (ids are assigned in corpus order, starting at 1). */
  topicOf: Int32Array;
}

/**
 * Builds a library of `count` corpus articles at `<dir>/corpus-<count>-<seed>.sqlite` through
 * the core's own insertArticle (so derived fields, revisions and the search index are written
 * exactly as at save time) in batches with deferred indexing, as the importers write. No
 * 'optimize' afterwards, as the importers do none. (Measured: one segment would make phrase
 * queries about twice as fast, but what 'optimize' costs depends on the segments it starts
 * from and on the page cache, unpredictably: 18–22 s for this 100,000 library's ten segments;
 * at 20,000 articles, 40 s from nine segments with the 64 MB cache and 4.6 s with 1 GB, and
 * 256 s from fifty unmerged ones. FTS5's automatic merging keeps the segments few.)
 * An existing file is replaced.
 */
const IMPORT_BATCH = 2000;

export async function buildCorpusLibrary(dir: string, count: number, seed = 1, onProgress?: (done: number) => void): Promise<CorpusLibrary> {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `corpus-${count}-${seed}.sqlite`);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  const lib = await openLibrary(file);
  const { db } = lib;
  try {
    const model = corpusModel(seed);
    const categoryIds = new Map<string, number>();
    for (const p of model.categoryPaths) {
      const parentId = p.length > 1 ? categoryIds.get(p.slice(0, -1).join('\u0000'))! : null;
      const c = createCategory(db, { name: p[p.length - 1]!, parentId });
      categoryIds.set(p.join('\u0000'), c.id);
    }
    const topicOf = new Int32Array(count + 1).fill(-1);
    let generateMs = 0;
    const started = performance.now();
    const articles = generateCorpus({ seed, count });
    // Batches of IMPORT_BATCH articles, one transaction each, as an importer commits them: one
    // transaction for 100,000 articles grows a multi-gigabyte WAL, and every page read then
    // searches the WAL's whole index (measured: the import slowed to a crawl past 50,000).
    for (let start = 0; start < count; start += IMPORT_BATCH) deferIndexing(db, () => {
      for (let i = start; i < Math.min(count, start + IMPORT_BATCH); i++) {
        const g0 = performance.now();
        const a = articles.next().value as CorpusArticle;
        generateMs += performance.now() - g0;
        const id = insertArticle(db, {
          title: a.title,
          body: a.body,
          status: a.status,
          author: a.author,
          categoryId: categoryIds.get(a.categoryPath.join('\u0000')) ?? null,
          tags: a.tags,
          publishedAt: a.publishedAt,
        }, { createdAt: a.publishedAt, updatedAt: a.publishedAt });
        topicOf[id] = a.topic;
        if (onProgress && (i + 1) % 5000 === 0) onProgress(i + 1);
      }
    });
    // As an importer does after a large import: fresh planner statistics.
    db.exec('ANALYZE');
    const importMs = performance.now() - started;
    db.pragma('wal_checkpoint(TRUNCATE)');
    return { path: file, count, seed, importMs, generateMs, topicOf };
  } finally {
    lib.close();
  }
}
