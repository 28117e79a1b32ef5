/**
 * A picked file's bytes as text. Most files are UTF-8; pages saved from Chinese sites are often
 * GBK / GB2312 (declared in a <meta charset> or an XML declaration), so a file that is not valid
 * UTF-8 is decoded by what it declares, and by GB18030 (a superset of both) when it says nothing.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // not UTF-8: look for a declaration below
  }
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const declared = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1] ?? /<\?xml[^>]+encoding\s*=\s*["']([\w-]+)/i.exec(head)?.[1];
  if (declared && !/^utf-?8$/i.test(declared)) {
    try {
      return new TextDecoder(declared).decode(bytes);
    } catch {
      // an unknown label: fall through
    }
  }
  return new TextDecoder('gb18030').decode(bytes);
}
