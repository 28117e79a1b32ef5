import { TEXT_FORMAT } from '../content/node-types.js';

/**
 * What a `style` attribute means for the text it wraps. Styles are never kept, but Word,
 * WeChat and Google Docs express bold and italic only through them (span soup with
 * `font-weight:700`), so their meaning is read before they are dropped. Google Docs also wraps
 * whole documents in `<b style="font-weight:normal">`, which must *not* make everything bold.
 */
export interface StyleMeaning {
  /** Formats the style turns on. */
  add: number;
  /** Formats the style explicitly turns off (font-weight:normal, font-style:normal). */
  remove: number;
  /** display:none, visibility:hidden, mso-hide:all: invisible on the source page. */
  hidden: boolean;
  /** Word's list marker spans (`mso-list:Ignore`): the bullet glyph, not content. */
  wordListMarker: boolean;
  /** `mso-list: l0 level2 lfo1` on a paragraph: a Word list item at that level. */
  wordListLevel: number | null;
}

const NONE: StyleMeaning = { add: 0, remove: 0, hidden: false, wordListMarker: false, wordListLevel: null };

export function readStyle(style: string | undefined): StyleMeaning {
  if (!style) return NONE;
  const out: StyleMeaning = { ...NONE };
  for (const decl of style.split(';')) {
    const colon = decl.indexOf(':');
    if (colon < 0) continue;
    const prop = decl.slice(0, colon).trim().toLowerCase();
    const value = decl.slice(colon + 1).trim().toLowerCase().replace(/\s*!important$/, '');
    switch (prop) {
      case 'font-weight':
        if (/^(bold|bolder|[6-9]00)$/.test(value)) out.add |= TEXT_FORMAT.bold;
        else if (/^(normal|lighter|[1-5]00)$/.test(value)) out.remove |= TEXT_FORMAT.bold;
        break;
      case 'font-style':
        if (/^(italic|oblique)/.test(value)) out.add |= TEXT_FORMAT.italic;
        else if (value === 'normal') out.remove |= TEXT_FORMAT.italic;
        break;
      case 'text-decoration':
      case 'text-decoration-line':
        if (value.includes('underline')) out.add |= TEXT_FORMAT.underline;
        if (value.includes('line-through')) out.add |= TEXT_FORMAT.strikethrough;
        break;
      case 'display':
        if (value === 'none') out.hidden = true;
        break;
      case 'visibility':
        if (value === 'hidden' || value === 'collapse') out.hidden = true;
        break;
      case 'mso-hide':
        if (value === 'all') out.hidden = true;
        break;
      case 'mso-list': {
        if (value === 'ignore') out.wordListMarker = true;
        else {
          const level = /level(\d+)/.exec(value);
          if (level) out.wordListLevel = Math.min(9, Math.max(1, Number(level[1])));
        }
        break;
      }
      default:
        break;
    }
  }
  return out;
}
