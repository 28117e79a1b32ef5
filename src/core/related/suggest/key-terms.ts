/**
 * The words of an article that could say what it is about: Chinese segmented with
 * Intl.Segmenter (the ICU dictionary), English and alphanumeric words (5G, LED) as they are.
 *
 * ICU splits names it does not know into single characters (都|昌, 邱|舰, 博|罗), and names are
 * the most telling words of a news article, so a run of 2–4 single Han characters is joined back
 * into one term, breaking at the common function characters (在都昌 → 都昌). Other single
 * characters, numbers, dates and a few stop words are dropped: they match everything.
 */

// Made on first use: loading ICU's Chinese word dictionary is a large share of the start-up of
// every process that loads the core, most of which never suggest anything.
let segmenter: Intl.Segmenter | undefined;

/** CJK unified ideographs (and extension A): checked by code unit, cheaper than a regex per word. */
const isHan = (c: number) => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
const LATIN_WORD = /^(?=.*\p{L})[\p{L}\p{N}][\p{L}\p{N}&+.-]*$/u;

/** Single characters that glue sentences together rather than name things: they break a run. */
const BREAK_CHARS = new Set([...'的了在和是为及等将与或也就而被把对从向于以其之这那有个各该中上下到要又并但所已再由因让使给比很更最还只每此即则乃至如同着过来去说会能可年月日时号元']);

const STOP_WORDS = new Set([
  // Chinese function words and reporting verbs that ICU keeps whole.
  '我们', '他们', '她们', '你们', '以及', '进行', '一个', '这个', '那个', '没有', '可以', '因为', '所以', '但是',
  '如果', '已经', '还是', '通过', '对于', '关于', '其中', '表示', '目前', '今年', '去年', '明年', '一些', '这些',
  '那些', '这样', '同时', '此外', '另外', '记者', '一是', '二是', '三是', '不断', '相关', '方面', '情况', '工作',
  '自己', '什么', '怎么', '如何', '为了', '由于', '并且', '而且', '或者', '以上', '以下', '之一', '之后', '之前',
  // English.
  'the', 'and', 'for', 'with', 'that', 'this', 'from', 'are', 'was', 'were', 'has', 'have', 'had', 'not', 'but',
  'you', 'your', 'our', 'its', 'his', 'her', 'they', 'them', 'their', 'will', 'would', 'can', 'could', 'there',
  'here', 'what', 'when', 'which', 'who', 'how', 'all', 'any', 'more', 'most', 'some', 'such', 'than', 'then',
  'into', 'onto', 'about', 'also', 'been', 'being', 'one', 'two', 'out', 'per', 'via', 'use', 'used', 'may',
]);

export function isStopWord(term: string): boolean {
  return STOP_WORDS.has(term);
}

/** Calls `emit` for each term of `text`, in order (NFKC and lower case: full-width and case fold). */
export function forEachTerm(text: string, emit: (term: string) => void): void {
  const normal = text.normalize('NFKC').toLowerCase();
  let run = '';
  // A run of 2–4 is most often one name or idiom ICU does not know (邱舰, 头昏脑闷); a longer run
  // is several words, so its overlapping pairs are emitted and the library's counts decide.
  const flushRun = () => {
    if (run.length >= 2 && run.length <= 4) emit(run);
    else if (run.length > 4 && run.length <= 8) for (let i = 0; i + 2 <= run.length; i++) emit(run.slice(i, i + 2));
    run = '';
  };
  for (const s of (segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' })).segment(normal)) {
    if (!s.isWordLike) { flushRun(); continue; }
    const w = s.segment;
    if (isHan(w.charCodeAt(0))) {
      if (w.length === 1) {
        if (BREAK_CHARS.has(w)) flushRun();
        else run += w;
        continue;
      }
      flushRun();
      if (!STOP_WORDS.has(w)) emit(w);
      continue;
    }
    flushRun();
    if (w.length >= 2 && LATIN_WORD.test(w) && !STOP_WORDS.has(w)) emit(w);
  }
  flushRun();
}

/** Term frequencies of one text. */
export function termFrequencies(text: string, into = new Map<string, number>(), weight = 1): Map<string, number> {
  forEachTerm(text, (t) => into.set(t, (into.get(t) ?? 0) + weight));
  return into;
}

/**
 * Term counts of an article: title words count three times (a title is the author's own summary
 * of the piece), body words once. Long bodies are read up to `maxBodyChars`: the opening of a
 * news article carries its subject, and segmenting costs about 1.5 ms per 1,000 characters.
 */
export function articleTermCounts(title: string, plainText: string, maxBodyChars = 6_000): Map<string, number> {
  const counts = termFrequencies(title, new Map(), 3);
  return termFrequencies(plainText.length > maxBodyChars ? plainText.slice(0, maxBodyChars) : plainText, counts, 1);
}
