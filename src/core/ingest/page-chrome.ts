/**
 * How an article page's parts read as text, shared by the plain-text capture and the HTML page
 * importers. Each test describes a *kind* of line found on news / industry sites (Chinese and
 * English), with the reason it works, rather than a string from one page:
 *
 * - a breadcrumb starts at "home" and separates levels with `>`-like marks;
 * - the meta line under the title is short and carries the date;
 * - a byline is a short credit line (`记者…/文`, `文/…`, `来源：…`) at the top or bottom of the body;
 * - chrome after the body announces itself: copyright / disclaimer statements, share prompts,
 *   previous / next links, the heading of a related list; a contact / call-to-action block is a
 *   run of short lines carrying phone numbers, WeChat ids or scan-the-QR-code instructions.
 */
import { parseLooseDate } from './dates.js';

const HOME = /^(?:首页|主页|网站首页|首頁|home|homepage|index)$/i;
const CRUMB_PREFIX = /^(?:当前位置|您的位置|你的位置|您现在的位置|你现在的位置|所在位置|位置|current location|you are here|location)\s*[:：]?\s*/i;
const CRUMB_SEPARATOR = /\s*(?:>|＞|›|»|→|\/|\||｜|>>|»)\s*/;
/** The breadcrumb's last level on many CMSs names the page type, not a category. */
const GENERIC_LEAF = /^(?:正文|正文内容|内容|详情|详细内容|内容详情|文章|文章详情|文章内容|正文页|阅读文章|浏览文章|新闻详情|article|content|post|details?)$/i;

/** Category names from a breadcrumb line, or null when the line is not a breadcrumb. */
export function parseBreadcrumb(line: string, title?: string): string[] | null {
  const text = line.trim();
  if (!text || text.length > 200) return null;
  const prefixed = CRUMB_PREFIX.test(text);
  const parts = text.replace(CRUMB_PREFIX, '').split(CRUMB_SEPARATOR).map((p) => p.trim()).filter(Boolean);
  if (parts.length < 2 && !(prefixed && parts.length >= 1)) return null;
  if (!prefixed && !HOME.test(parts[0] ?? '')) return null;
  return breadcrumbCategories(parts, title);
}

/** Drops "home", the page-type leaf and the article's own title from breadcrumb parts. */
export function breadcrumbCategories(parts: string[], title?: string): string[] {
  const out = [...parts];
  if (out.length && HOME.test(out[0]!)) out.shift();
  const last = out[out.length - 1];
  if (last !== undefined && (GENERIC_LEAF.test(last) || (title && sameText(last, title)))) out.pop();
  return out.filter((p) => p.length <= 100);
}

function sameText(a: string, b: string): boolean {
  const n = (s: string) => s.replace(/\s+/g, '').replace(/(?:\.\.\.|…)+$/, '');
  const x = n(a);
  const y = n(b);
  return x === y || (x.length >= 8 && y.startsWith(x));
}

const DATE_IN_TEXT = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?/;
const RELATIVE_TIME = /\d+\s*(?:秒|分钟|小时|天|周|星期|个月|月|年)前|刚刚|(?:an?|\d+)\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\s+ago/gi;
const VIEW_LABEL = /(?:浏览|阅读|点击|浏览量|阅读量|点击量|浏览次数|阅读数|热度|人气|views?|reads?|hits?)\s*[:：]?\s*(\d{1,9})\s*(?:次|人次|次浏览|次阅读)?/i;
const VIEW_SUFFIX = /(\d{1,9})\s*(?:次浏览|次阅读|人阅读|人浏览|次|views?|reads?)/i;
const AUTHOR_LABEL = /(?:作者|撰稿|发布者|发布人|责任编辑|编辑|\bby)\s*[:：/]?\s*([^\s|｜:：]{1,30})/i;
const SOURCE_LABEL = /(?:来源|出处|source)\s*[:：]\s*([^\s|｜]{1,40})/i;

export interface PageMeta {
  date: string | null;
  author: string;
  viewCount: number | null;
  source: string;
}

/**
 * The short line under the title: author, date, category, views, in the many shapes sites
 * write it, with or without labels (`admin1年前 (2024-09-27)广东产业信息56`, `作者：张三
 * 来源：本站 发布时间：2024-09-27 浏览：56次`). Null when the line carries no date.
 */
export function parseMetaLine(line: string, category?: string): PageMeta | null {
  const text = line.replace(/\s+/g, ' ').trim();
  if (!text || text.length > 200) return null;
  const dm = DATE_IN_TEXT.exec(text);
  if (!dm) return null;
  const [, y, mo, d, h, mi, s] = dm;
  const iso = parseLooseDate(`${y}-${pad(mo!)}-${pad(d!)}${h ? ` ${pad(h)}:${mi}${s ? `:${s}` : ''}` : ''}`);
  const before = text.slice(0, dm.index);
  const after = text.slice(dm.index + dm[0].length);

  let author = AUTHOR_LABEL.exec(text)?.[1] ?? '';
  const source = SOURCE_LABEL.exec(text)?.[1] ?? '';
  let viewCount: number | null = null;
  const labelled = VIEW_LABEL.exec(text) ?? VIEW_SUFFIX.exec(after);
  if (labelled) viewCount = Number(labelled[1]);

  if (!author) {
    // Unlabelled themes put the author first: whatever precedes the date, minus "3天前 (".
    const candidate = before.replace(RELATIVE_TIME, '').replace(/(?:发布于|发表于|发布时间|时间|日期|posted on|on)\s*[:：]?\s*$/i, '')
      .replace(/[(（[【\s|｜·•,，:：-]+$/u, '').replace(/^[\s|｜·•]+/u, '').trim();
    if (candidate && candidate.length <= 30 && !/\d{3,}/.test(candidate)) author = candidate;
  }
  if (viewCount === null) {
    // ...and the view count last, after the category: `(2024-09-27)广东产业信息56`.
    let rest = after.replace(/^[\s)）\]】]+/u, '');
    if (category && rest.includes(category)) rest = rest.replace(category, ' ');
    const trailing = /(?:^|[^\d])(\d{1,9})\s*$/.exec(rest);
    if (trailing) viewCount = Number(trailing[1]);
  }
  return { date: iso, author, viewCount, source };
}

const pad = (n: string) => n.padStart(2, '0');

const SENTENCE_END = /[。！？!?；;，,]$/u;

/**
 * A credit line: `欧阳兴、中国江西新闻网记者杜宇蔚/文`, `文/张三`, `记者 李四 摄`, `来源：新华社`.
 * Short, no sentence punctuation at the end, and shaped like a credit.
 */
export function isBylineLine(line: string): boolean {
  const text = line.trim();
  if (!text || text.length > 80 || SENTENCE_END.test(text)) return false;
  if (/[/／]\s*(?:文|图|摄|文图|图文|文\s*图)$/u.test(text)) return true;
  if (/^(?:文|图|文图|图文|撰文|撰稿|作者|来源|记者|通讯员|特约记者|编辑|责编|责任编辑|摄影|text|photo|words)\s*[/／｜|:：]/iu.test(text)) return true;
  if (/(?:记者|通讯员)/u.test(text) && text.length <= 50) return true;
  if (/^(?:by|written by)\s+\p{Lu}/u.test(text) && text.length <= 60) return true;
  return false;
}

export type ChromeKind = 'copyright' | 'share' | 'related' | 'pager' | 'tags' | 'contact' | 'controls';

const COPYRIGHT = /^(?:版权声明|版权所有|免责声明|声明[:：]|copyright\b|©|\(c\)\s|本文(?:由|系|来源|转载|为)|转载(?:请|须)注明|本站(?:所有|部分)?(?:文章|内容))/i;
const SHARE = /^(?:分享(?:给朋友|到|至|本文)?|share(?: this(?: article| post)?)?|分享文章)\s*[:：]?\s*$/i;
const SHARE_TARGETS = /^(?:(?:微信|微博|新浪微博|QQ|QQ空间|朋友圈|豆瓣|复制链接|facebook|twitter|linkedin|email)[\s,，、|]*)+$/i;
const RELATED = /^(?:相关文章|相关阅读|相关推荐|相关新闻|相关资讯|推荐阅读|延伸阅读|猜你喜欢|热门文章|热门推荐|最新文章|精彩推荐|related(?: posts| articles| stories| reading)?|you may also like|read more)\s*[:：]?\s*$/i;
const PAGER = /^(?:上一篇|下一篇|上一页|下一页|previous(?: post| article)?|next(?: post| article)?)\s*[:：]/i;
const TAGS = /^(?:标签|关键词|关键字|tags?|keywords?)\s*[:：]/i;
const CONTROLS = /^(?:字号|字体)\s*[:：]?\s*[大中小\s]+$|^(?:打印|关闭窗口|收藏|返回顶部|【?打印】?|【?关闭】?)(?:\s+\S{1,6})*$/u;
const PHONE = /(?:\+?86[-\s]?)?1[3-9]\d[-\s]?\d{4}[-\s]?\d{4}|\b400[-\s]?\d{3,4}[-\s]?\d{3,4}\b|\b0\d{2,3}[-\s]?\d{7,8}\b/;
/** Words that mark a contact line by themselves, and generic ones that need a `:` and a value. */
const CONTACT_WORDS = /微信号|公众号|扫一扫|扫码|长按|二维码|联系方式|联系我们|加微信|wechat|whatsapp|call us|contact us/i;
const CONTACT_FIELDS = /(?:微信|手机|电话|热线|联系人|QQ|邮箱|e-?mail|tel|phone)\s*[:：]\s*\S/i;

/**
 * The heading of *this article's* related list. Site-wide lists (热门文章, 最新文章) also end the
 * body, but their titles are not related to the article.
 */
const RELATED_TO_ARTICLE = /^(?:相关文章|相关阅读|相关推荐|相关新闻|相关资讯|推荐阅读|延伸阅读|related(?: posts| articles| stories| reading)?|you may also like)\s*[:：]?\s*$/i;

export function isRelatedHeading(line: string): boolean {
  return RELATED_TO_ARTICLE.test(line.trim());
}

/** What kind of site chrome a line is, if any. */
export function chromeKind(line: string): ChromeKind | null {
  const text = line.trim();
  if (!text) return null;
  if (COPYRIGHT.test(text)) return 'copyright';
  if (RELATED.test(text)) return 'related';
  if (PAGER.test(text)) return 'pager';
  if (TAGS.test(text) && text.length <= 200) return 'tags';
  if (text.length <= 40 && (SHARE.test(text) || SHARE_TARGETS.test(text))) return 'share';
  if (text.length <= 30 && CONTROLS.test(text)) return 'controls';
  if (text.length <= 100 && (PHONE.test(text) || CONTACT_WORDS.test(text) || CONTACT_FIELDS.test(text))) return 'contact';
  return null;
}

/** Chrome that ends the article body wherever it appears (a contact line alone does not: it may be content). */
export function endsBody(kind: ChromeKind | null): boolean {
  return kind === 'copyright' || kind === 'share' || kind === 'related' || kind === 'pager' || kind === 'tags';
}

/** Tag names from a `标签：A B C` / `Tags: a, b` line. */
export function parseTagsLine(line: string): string[] {
  const rest = line.replace(TAGS, '');
  return [...new Set(rest.split(/[\s,，、|｜;；]+/u).map((t) => t.trim()).filter((t) => t && t.length <= 60))];
}

/**
 * Trailing chrome that `endsBody` does not catch: the contact / call-to-action block. It is the
 * longest tail of at most eight lines that starts with a contact line and in which most lines
 * are contact lines (a request like "请说明您的需求…" sits between phone numbers); a very short
 * heading line right above it ("扫码关注") belongs to it. Returns how many lines to drop.
 */
export function trailingContactLines(lines: readonly string[]): number {
  const isContact = (l: string) => {
    const k = chromeKind(l);
    return k === 'contact' || k === 'controls' || k === 'share';
  };
  const nonBlank = lines.map((l, i) => ({ l: l.trim(), i })).filter((x) => x.l);
  let start = -1;
  let contacts = 0;
  for (let k = nonBlank.length - 1; k >= 0 && nonBlank.length - k <= 8; k--) {
    const line = nonBlank[k]!.l;
    if (isContact(line)) contacts++;
    const size = nonBlank.length - k;
    if (isContact(line) && contacts * 2 >= size) start = k;
  }
  if (start < 0) return 0;
  const above = nonBlank[start - 1];
  if (above && above.l.length <= 12 && !SENTENCE_END.test(above.l)) start--;
  return lines.length - nonBlank[start]!.i;
}

/** A related-list entry that is an excerpt, not a title: indented or cut with an ellipsis. */
export function isExcerptLine(rawLine: string): boolean {
  const text = rawLine.trim();
  return /^[\s\u3000\u00a0]{2,}/u.test(rawLine) || /(?:\.\.\.|…|……)$/u.test(text) || text.length > 100;
}
