/**
 * What must be right before an article goes to the site, checked when it moves to ready or
 * published: a title, some body, a slug chosen for it (not the `article`/`article-N` placeholder
 * of an untitled article), and no related or linked article that the site will not have. Pure:
 * the caller (the core's `articles.publishChecks`, the editor, the CLI) supplies the link states.
 */
import { walk, type SerializedEditorState } from './lexical-json.js';
import { blocksOf } from './plain-text.js';

export const PUBLISH_CHECK_KINDS = ['no-title', 'empty-body', 'placeholder-slug', 'unpublished-related', 'unpublished-link'] as const;
export type PublishCheckKind = typeof PUBLISH_CHECK_KINDS[number];

export interface PublishFinding {
  kind: PublishCheckKind;
  /** Values for the message: the slug, a linked article's id, title and state. */
  params: Record<string, string | number>;
  /** The finding in plain English, for the CLI; the UI phrases it from kind + params. */
  message: string;
}

/** A related or linked article the site would not show: not published, trashed, or deleted. */
export interface OffSiteLink {
  targetId: number;
  title: string;
  state: 'unpublished' | 'trashed' | 'missing';
  via: ReadonlyArray<'related' | 'text'>;
}

export interface PublishCheckInput {
  title: string;
  slug: string;
  body: SerializedEditorState;
  links: readonly OffSiteLink[];
}

/** The slug the core gives an article that had no title when it was made. */
export function isPlaceholderSlug(slug: string): boolean {
  return /^article(?:-\d+)?$/.test(slug);
}

/** Text in some block, or an image: a rule or empty paragraphs alone are no body. */
function hasBody(body: SerializedEditorState): boolean {
  if (blocksOf(body).length > 0) return true;
  for (const n of walk(body.root)) if (n.type === 'image') return true;
  return false;
}

export function publishChecks(input: PublishCheckInput): PublishFinding[] {
  const out: PublishFinding[] = [];
  if (input.title.trim() === '') out.push({ kind: 'no-title', params: {}, message: 'The article has no title.' });
  if (!hasBody(input.body)) out.push({ kind: 'empty-body', params: {}, message: 'The article has no text.' });
  if (isPlaceholderSlug(input.slug)) {
    out.push({ kind: 'placeholder-slug', params: { slug: input.slug }, message: `The slug "${input.slug}" is a placeholder; its page would be ${input.slug}.html.` });
  }
  for (const link of input.links) {
    const name = link.title || `#${link.targetId}`;
    const params = { id: link.targetId, title: link.title, state: link.state };
    if (link.via.includes('related')) {
      out.push({ kind: 'unpublished-related', params, message: `The related article "${name}" is ${stateText(link.state)}: the site will not list it.` });
    }
    if (link.via.includes('text')) {
      out.push({ kind: 'unpublished-link', params, message: `The text links to "${name}", which is ${stateText(link.state)}: the link would lead nowhere.` });
    }
  }
  return out;
}

function stateText(state: OffSiteLink['state']): string {
  return state === 'unpublished' ? 'not published' : state === 'trashed' ? 'in the trash' : 'deleted';
}
