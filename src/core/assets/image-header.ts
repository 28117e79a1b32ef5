/**
 * What an uploaded image really is, read from its first bytes: the declared MIME type of a
 * pasted or dropped file is only a claim (a renamed .exe says image/png), so the library keeps
 * the type its magic bytes prove and the size its header states. Pure, no dependencies: the
 * four formats a web page can show everywhere are simple enough to read by hand.
 */
export const IMAGE_MIMES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export type ImageMime = (typeof IMAGE_MIMES)[number];

export interface ImageHeader {
  mime: ImageMime;
  /** null when the header does not say (a truncated file, an unusual JPEG). */
  width: number | null;
  height: number | null;
}

/** The format the bytes prove, or null when they are not one of the four. */
export function sniffImageMime(b: Uint8Array): ImageMime | null {
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) return 'image/png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 6 && ascii(b, 0, 6) in { GIF87a: 1, GIF89a: 1 }) return 'image/gif';
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'image/webp';
  return null;
}

export function readImageHeader(b: Uint8Array): ImageHeader | null {
  const mime = sniffImageMime(b);
  if (!mime) return null;
  const size = mime === 'image/png' ? pngSize(b) : mime === 'image/gif' ? gifSize(b) : mime === 'image/webp' ? webpSize(b) : jpegSize(b);
  return { mime, width: size?.[0] ?? null, height: size?.[1] ?? null };
}

type Size = [number, number] | null;

function ascii(b: Uint8Array, at: number, n: number): string {
  let s = '';
  for (let i = at; i < at + n && i < b.length; i++) s += String.fromCharCode(b[i]!);
  return s;
}
const u16be = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;
const u16le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);
const u24le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16);
const u32be = (b: Uint8Array, i: number) => ((b[i]! << 24) >>> 0) + ((b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!);

const positive = (w: number, h: number): Size => (w > 0 && h > 0 ? [w, h] : null);

/** PNG: the IHDR chunk comes first; width and height are big-endian at bytes 16 and 20. */
function pngSize(b: Uint8Array): Size {
  if (b.length < 24 || ascii(b, 12, 4) !== 'IHDR') return null;
  return positive(u32be(b, 16), u32be(b, 20));
}

/** GIF: the logical screen size, little-endian at bytes 6 and 8. */
function gifSize(b: Uint8Array): Size {
  if (b.length < 10) return null;
  return positive(u16le(b, 6), u16le(b, 8));
}

/** WebP: lossy (VP8), lossless (VP8L) or extended (VP8X) — each stores the size its own way. */
function webpSize(b: Uint8Array): Size {
  if (b.length < 30) return null;
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8 ') {
    // Frame tag (3 bytes) + start code 9d 01 2a, then 14-bit width and height.
    if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return null;
    return positive(u16le(b, 26) & 0x3fff, u16le(b, 28) & 0x3fff);
  }
  if (chunk === 'VP8L') {
    if (b[20] !== 0x2f) return null;
    const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
    return positive((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (chunk === 'VP8X') return positive(u24le(b, 24) + 1, u24le(b, 27) + 1);
  return null;
}

/**
 * JPEG: walk the marker segments to the first start-of-frame (SOF0–SOF15 except DHT C4, JPG C8
 * and DAC CC), whose payload holds height then width, big-endian.
 */
function jpegSize(b: Uint8Array): Size {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) { i++; continue; } // fill byte
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { i += 2; continue; } // no length
    if (marker === 0xd9 || marker === 0xda) return null; // end of image / start of scan before any frame
    const length = u16be(b, i + 2);
    if (length < 2) return null;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return positive(u16be(b, i + 7), u16be(b, i + 5));
    }
    i += 2 + length;
  }
  return null;
}
