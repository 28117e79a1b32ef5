/**
 * Reads a WordPress eXtended RSS export (WXR 1.1 / 1.2) with htmlparser2's streaming parser in
 * XML mode (CDATA aware), keeping only the fields Copydesk uses. One pass and no DOM tree: a
 * large site export costs little more than its own strings.
 */
import { Parser } from 'htmlparser2';

export interface WxrAuthor {
  login: string;
  displayName: string;
}

export interface WxrCategory {
  slug: string;
  parentSlug: string;
  name: string;
  description: string;
}

export interface WxrItemTerm {
  domain: string;
  slug: string;
  name: string;
}

export interface WxrItem {
  title: string;
  link: string;
  guid: string;
  creator: string;
  content: string;
  excerpt: string;
  postId: string;
  postDate: string;
  postDateGmt: string;
  postModifiedGmt: string;
  postName: string;
  status: string;
  postType: string;
  password: string;
  isSticky: boolean;
  attachmentUrl: string;
  terms: WxrItemTerm[];
  meta: Record<string, string>;
}

export interface WxrDocument {
  title: string;
  link: string;
  wxrVersion: string;
  authors: WxrAuthor[];
  categories: WxrCategory[];
  items: WxrItem[];
}

/** Item fields we read, by element name (the namespace prefixes WordPress always writes). */
const ITEM_FIELDS: Record<string, keyof WxrItem> = {
  title: 'title', link: 'link', guid: 'guid', 'dc:creator': 'creator', 'content:encoded': 'content',
  'excerpt:encoded': 'excerpt', 'wp:post_id': 'postId', 'wp:post_date': 'postDate',
  'wp:post_date_gmt': 'postDateGmt', 'wp:post_modified_gmt': 'postModifiedGmt', 'wp:post_name': 'postName',
  'wp:status': 'status', 'wp:post_type': 'postType', 'wp:post_password': 'password',
  'wp:attachment_url': 'attachmentUrl',
};

function emptyItem(): WxrItem {
  return {
    title: '', link: '', guid: '', creator: '', content: '', excerpt: '', postId: '', postDate: '',
    postDateGmt: '', postModifiedGmt: '', postName: '', status: '', postType: '', password: '',
    isSticky: false, attachmentUrl: '', terms: [], meta: {},
  };
}

export class NotWxrError extends Error {}

export function readWxr(xml: string): WxrDocument {
  const doc: WxrDocument = { title: '', link: '', wxrVersion: '', authors: [], categories: [], items: [] };
  const stack: string[] = [];
  let text = '';
  let item: WxrItem | null = null;
  let itemDepth = 0;
  let term: WxrItemTerm | null = null;
  let metaKey = '';
  let metaValue = '';
  let author: Record<string, string> | null = null;
  let category: Record<string, string> | null = null;
  let sawRss = false;

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        stack.push(name);
        text = '';
        if (name === 'rss') sawRss = true;
        if (name === 'item') {
          item = emptyItem();
          itemDepth = stack.length;
        } else if (item && name === 'category' && stack.length === itemDepth + 1) {
          term = { domain: attribs.domain ?? 'category', slug: attribs.nicename ?? '', name: '' };
        } else if (!item && name === 'wp:author') author = {};
        else if (!item && name === 'wp:category') category = {};
      },
      ontext(data) {
        text += data;
      },
      onclosetag(name) {
        const depth = stack.length;
        stack.pop();
        const value = text.trim();
        if (item) {
          if (name === 'item') {
            doc.items.push(item);
            item = null;
          } else if (depth === itemDepth + 1) {
            const field = ITEM_FIELDS[name];
            if (field) (item as unknown as Record<string, string>)[field] = name === 'content:encoded' || name === 'excerpt:encoded' ? text : value;
            else if (name === 'wp:is_sticky') item.isSticky = value === '1';
            else if (name === 'category' && term) {
              term.name = value;
              item.terms.push(term);
              term = null;
            } else if (name === 'wp:postmeta') {
              if (metaKey) item.meta[metaKey] = metaValue;
              metaKey = '';
              metaValue = '';
            }
          } else if (depth === itemDepth + 2 && stack[stack.length - 1] === 'wp:postmeta') {
            if (name === 'wp:meta_key') metaKey = value;
            else if (name === 'wp:meta_value') metaValue = value;
          }
        } else if (author && name === 'wp:author') {
          if (author.login) doc.authors.push({ login: author.login, displayName: author.display || author.login });
          author = null;
        } else if (author) {
          if (name === 'wp:author_login') author.login = value;
          else if (name === 'wp:author_display_name') author.display = value;
        } else if (category && name === 'wp:category') {
          if (category.slug) {
            doc.categories.push({ slug: category.slug, parentSlug: category.parent ?? '', name: category.name || category.slug, description: category.description ?? '' });
          }
          category = null;
        } else if (category) {
          if (name === 'wp:category_nicename') category.slug = value;
          else if (name === 'wp:category_parent') category.parent = value;
          else if (name === 'wp:cat_name') category.name = value;
          else if (name === 'wp:category_description') category.description = value;
        } else if (depth === 3 && stack[1] === 'channel') {
          if (name === 'title') doc.title = value;
          else if (name === 'link') doc.link = value;
          else if (name === 'wp:wxr_version') doc.wxrVersion = value;
        }
        text = '';
      },
    },
    { xmlMode: true, decodeEntities: true, recognizeCDATA: true },
  );
  parser.write(xml);
  parser.end();
  if (!sawRss || !doc.wxrVersion) {
    throw new NotWxrError('This is not a WordPress export (WXR): no <rss> with a <wp:wxr_version> was found.');
  }
  return doc;
}
