/**
 * Plain text → the paragraphs it holds. Every line with text is a paragraph; blank lines
 * (empty or only whitespace, the ideographic space included) separate paragraphs and never
 * become paragraphs themselves. A single newline is a paragraph break too, not a line break:
 * Chinese copy from web pages, WeChat and Word's plain text puts one paragraph on each line,
 * and hard-wrapped prose (the one case a line break would suit) is rare in what editors paste.
 * Leading indentation (two ideographic spaces by Chinese convention) is the stylesheet's job,
 * so it is dropped along with trailing whitespace.
 */
export function plainTextParagraphs(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r\n?|\n/)) {
    const trimmed = line.trim();
    if (trimmed) out.push(trimmed);
  }
  return out;
}
