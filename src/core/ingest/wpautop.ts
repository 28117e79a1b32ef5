/**
 * WordPress stores classic-editor posts as "HTML with blank lines for paragraphs" and lets
 * `wpautop()` add the <p> and <br> tags when it shows them. This is a port of the parts of
 * wp-includes/formatting.php `wpautop()` that change structure (block tags, double newlines,
 * single newlines, <pre> left alone), so an imported post gets the paragraphs its readers saw.
 *
 * Block-editor posts (`<!-- wp:paragraph -->` comments) already carry their tags; WordPress does
 * not run wpautop on them, and neither do we.
 */
const ALL_BLOCKS =
  '(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)';

export function isBlockEditorContent(content: string): boolean {
  return /<!--\s+wp:[a-z]/.test(content);
}

export function wpautop(input: string): string {
  if (!input.trim()) return '';
  let text = `${input.replace(/\r\n?/g, '\n')}\n`;

  // Leave <pre> blocks exactly as written.
  const pres: string[] = [];
  text = text.replace(/<pre[\s>][\s\S]*?<\/pre>/gi, (m) => `<pre wp-pre-tag-${pres.push(m) - 1}></pre>`);

  text = text.replace(/<br\s*\/?>\s*<br\s*\/?>/gi, '\n\n');
  text = text.replace(new RegExp(`(<${ALL_BLOCKS}[\\s/>])`, 'gi'), '\n\n$1');
  text = text.replace(new RegExp(`(</${ALL_BLOCKS}>)`, 'gi'), '$1\n\n');
  text = text.replace(/(<hr\s*?\/?>)/gi, '$1\n\n');
  // Newlines inside <option>, <object> and similar are layout of the source, not breaks.
  text = text.replace(/\s*<option/gi, '<option').replace(/<\/option>\s*/gi, '</option>');
  text = text.replace(/\n\n+/g, '\n\n');

  const paragraphs = text.split(/\n\s*\n/).filter((p) => p.trim() !== '');
  text = paragraphs.map((p) => `<p>${p.trim()}</p>\n`).join('');

  text = text.replace(/<p>\s*<\/p>/g, '');
  text = text.replace(/<p>([^<]+)<\/(div|address|form)>/gi, '<p>$1</p></$2>');
  text = text.replace(new RegExp(`<p>\\s*(</?${ALL_BLOCKS}[^>]*>)\\s*</p>`, 'gi'), '$1');
  text = text.replace(/<p>(<li.+?)<\/p>/gi, '$1');
  text = text.replace(/<p><blockquote([^>]*)>/gi, '<blockquote$1><p>');
  text = text.replace(/<\/blockquote><\/p>/gi, '</p></blockquote>');
  text = text.replace(new RegExp(`<p>\\s*(</?${ALL_BLOCKS}[^>]*>)`, 'gi'), '$1');
  text = text.replace(new RegExp(`(</?${ALL_BLOCKS}[^>]*>)\\s*</p>`, 'gi'), '$1');

  // Single newlines inside a paragraph are line breaks, except inside tags.
  text = text.replace(/<[^>]*>/g, (tag) => tag.replace(/\n/g, ' '));
  text = text.replace(/(<br\s*\/?>)?\s*\n/gi, (m, br) => (br ? m : '<br />\n'));
  text = text.replace(new RegExp(`(</?${ALL_BLOCKS}[^>]*>)\\s*<br />`, 'gi'), '$1');
  text = text.replace(/<br \/>(\s*<\/?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)/gi, '$1');
  text = text.replace(/\n<\/p>$/g, '</p>');

  return text.replace(/<pre wp-pre-tag-(\d+)><\/pre>/g, (_m, i: string) => pres[Number(i)] ?? '');
}

/**
 * `[caption]` is the one shortcode that is structure, not a plugin call: WordPress itself
 * renders it as a figure with a caption. It becomes <figure><img><figcaption>, so the image node
 * gets its caption. Every other shortcode ([gallery], [audio], [embed]...) stays as its text.
 */
export function captionShortcodesToFigures(content: string): string {
  return content.replace(/\[caption([^\]]*)\]([\s\S]*?)\[\/caption\]/g, (_m, attrs: string, inner: string) => {
    const media = /^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*<\/a>)?)/i.exec(inner);
    if (!media) return inner;
    const attrCaption = /\bcaption=(["'])([\s\S]*?)\1/i.exec(attrs)?.[2] ?? '';
    const caption = inner.slice(media[0].length).trim() || attrCaption;
    return `<figure>${media[1]}<figcaption>${caption}</figcaption></figure>`;
  });
}

/** The HTML a WordPress post body stands for: captions as figures, paragraphs where WordPress would put them. */
export function wordpressContentToHtml(content: string): string {
  const withFigures = captionShortcodesToFigures(content);
  return isBlockEditorContent(withFigures) ? withFigures : wpautop(withFigures);
}
