/**
 * What an import report says, as codes and parameters: the renderer phrases them in the
 * interface's language (src/renderer/src/i18n/messages-import.ts), the CLI in English through
 * `importNoteText`. A note is something an editor may want to know about an imported article;
 * a reason says why a line was skipped or failed. Both share one shape and one list of codes.
 */
export type ImportNoteParams = Record<string, string | number>;

export interface ImportNote {
  code: ImportNoteCode;
  params?: ImportNoteParams;
}

/** The English sentence of each code; `{name}` stands for a parameter. */
const ENGLISH = {
  // Why a line was skipped or failed.
  'missing': 'no such file or folder (or it cannot be read)',
  'special-file': 'not a regular file or folder (a device, pipe or socket): not read',
  'not-importable': 'not a file type Copydesk imports (Markdown, HTML, text, WordPress WXR)',
  'too-large': 'the file is {mb} MB; files over {max} MB are not imported',
  'not-wxr': 'this XML file is not a WordPress export (WXR)',
  'unchanged': 'unchanged since the last import',
  'in-trash': 'the matching article is in the trash; restore it to import this file again',
  'same-identity': 'another item of this import has the same source identity; this one was left out',
  'no-article-text': 'no article text was found on this page',
  'body-not-storable': 'the converted body is not storable: {problem}',
  'front-matter-toml': 'TOML front matter (+++) is not supported; convert it to YAML (---)',
  'front-matter-unclosed': 'the front matter starts with --- but is never closed by another --- line',
  'front-matter-yaml': 'the front matter is not valid YAML: {detail}',
  'front-matter-not-mapping': 'the front matter must be a YAML mapping (key: value lines)',
  'batch-failed': 'the batch holding this article was not saved: {message}',
  'wxr-page': 'a page, not an article: pages are not imported',
  'wxr-attachment': 'a media attachment: its file is not imported (posts keep its address)',
  'wxr-nav-item': 'a navigation menu item',
  'wxr-revision': 'an old revision of a post',
  'wxr-block': 'a reusable block',
  'wxr-template': 'a theme template',
  'wxr-template-part': 'a theme template part',
  'wxr-navigation': 'a navigation menu',
  'wxr-theme-styles': 'theme styles',
  'wxr-custom-css': 'custom CSS',
  'wxr-post-type': 'post type "{type}" is not imported',
  'wxr-trash': 'in WordPress\'s trash',
  'wxr-auto-draft': 'an empty auto-draft',
  'wxr-status': 'status "{status}" is not imported',
  'error': '{message}',
  // Notes on an imported article.
  'encoding-declared': 'read as {encoding}, as the file declares',
  'encoding-gb18030': 'not valid UTF-8: read as GB18030 (GBK), the usual encoding of older Chinese pages',
  'date-not-understood': 'the {field} "{value}" was not understood and was left empty',
  'status-unknown': 'the status "{status}" is not one Copydesk knows; imported as a draft',
  'wxr-password': 'password-protected on WordPress: imported as a draft (the password is not kept)',
  'slug-invalid': 'the slug "{slug}" is not a valid slug; one was made from the title',
  'slug-matched': 'matched the library\'s article with the slug "{slug}" (#{id})',
  'slug-in-import': 'the slug "{slug}" belongs to another file of this import; this article got a numbered slug',
  'slug-taken': 'the slug "{slug}" is taken; this article got a numbered slug',
  'secondary-cut': 'only the first {kept} of {total} secondary categories were kept',
  'field-cut': 'the {field} was cut to {max} characters',
  'tag-too-long': 'the tag "{tag}…" is longer than {max} characters and was left out',
  'tags-cut': 'only the first {max} tags were kept',
  'chrome': 'left out as site chrome: {part}',
  'chrome-count': 'left out as site chrome: {part} ({n})',
  'dropped': 'left out: {n} {element}',
  'unsafe-urls': '{n} link(s) or image address(es) refused (unsafe or relative); their text was kept',
  'images-without-source': '{n} image(s) without a usable address; alt text kept where present',
  'hidden': '{n} hidden element(s) left out',
  'list-splits': '{n} block(s) inside list items (code, quote, rule) placed between parts of the list',
  'item-paragraphs': '{n} list item(s) with several paragraphs kept them as lines',
  'headings-flattened': '{n} heading(s) inside list items kept as lines',
  'images-moved': '{n} image(s) inside a paragraph placed after it',
  'empty-dropped': '{n} empty quote(s) left out',
  'image-not-found': 'the image {src} is not a file of the import (give the site\'s static folder for site paths); its alt text was kept',
  'image-not-stored': 'the image {src} is not a PNG, JPEG, GIF or WebP image the library can store; its alt text was kept',
} as const;

export type ImportNoteCode = keyof typeof ENGLISH;
export const IMPORT_NOTE_CODES = Object.keys(ENGLISH) as ImportNoteCode[];

/** Parts of a page left out as site chrome (`chrome` / `chrome-count` notes), in English. */
const CHROME_PARTS: Record<string, string> = {
  navigation: 'site navigation', breadcrumb: 'breadcrumb', meta: 'meta line', contact: 'contact block',
  related: 'related list', copyright: 'copyright statement', share: 'share prompt', pager: 'previous / next links',
  tags: 'tag line', controls: 'page controls', 'after-body': 'blocks after the body',
};

export function importNote(code: ImportNoteCode, params?: ImportNoteParams): ImportNote {
  return params ? { code, params } : { code };
}

/** The English sentence of a note, for the CLI. */
export function importNoteText(note: ImportNote): string {
  const template: string = ENGLISH[note.code] ?? note.code;
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = note.params?.[key];
    if (value === undefined) return '';
    return key === 'part' ? (CHROME_PARTS[String(value)] ?? String(value)) : String(value);
  });
}

/** Thrown by an importer for a file it cannot import: the line's reason is this note. */
export class ImportFailure extends Error {
  constructor(readonly note: ImportNote) {
    super(importNoteText(note));
  }
}

/** The reason of a failed line: the importer's own note, or the error's message. */
export function failureNote(err: unknown): ImportNote {
  if (err instanceof ImportFailure) return err.note;
  return importNote('error', { message: err instanceof Error ? err.message : String(err) });
}
