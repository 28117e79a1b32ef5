import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeLibrary, type TestLibrary } from './helpers.js';
import { readImageHeader } from '../../src/core/assets/image-header.js';
import { makePng } from '../support/png.js';


const gif = (w: number, h: number) => Buffer.from([...Buffer.from('GIF89a'), w & 0xff, w >> 8, h & 0xff, h >> 8, 0, 0, 0, 0x3b]);

/** Minimal JPEG header: SOI, an APP0 segment to skip, then SOF0 with the size. */
const jpeg = (w: number, h: number) => Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0,
  0xff, 0xc0, 0x00, 0x11, 0x08, h >> 8, h & 0xff, w >> 8, w & 0xff, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1,
  0xff, 0xd9,
]);

const webpVp8x = (w: number, h: number) => {
  const b = Buffer.alloc(30);
  b.write('RIFF', 0); b.writeUInt32LE(22, 4); b.write('WEBP', 8); b.write('VP8X', 12); b.writeUInt32LE(10, 16);
  b.writeUIntLE(w - 1, 24, 3); b.writeUIntLE(h - 1, 27, 3);
  return b;
};

describe('image headers', () => {
  it('reads the size of PNG, GIF, JPEG and WebP from their headers', () => {
    expect(readImageHeader(makePng(640, 480))).toEqual({ mime: 'image/png', width: 640, height: 480 });
    expect(readImageHeader(gif(32, 16))).toEqual({ mime: 'image/gif', width: 32, height: 16 });
    expect(readImageHeader(jpeg(1920, 1080))).toEqual({ mime: 'image/jpeg', width: 1920, height: 1080 });
    expect(readImageHeader(webpVp8x(800, 600))).toEqual({ mime: 'image/webp', width: 800, height: 600 });
  });

  it('recognises nothing else', () => {
    expect(readImageHeader(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(readImageHeader(Buffer.from('MZ\x90\x00'))).toBeNull();
    expect(readImageHeader(Buffer.alloc(0))).toBeNull();
  });
});

describe('assets.put', () => {
  let lib: TestLibrary;
  beforeEach(async () => { lib = await makeLibrary(); });
  afterEach(() => lib.dispose());

  it('stores an image once by content hash, with its size', async () => {
    const png = makePng(3, 2);
    const a = await lib.ok('assets.put', { data: png.toString('base64'), mime: 'image/png', originalName: 'chart.png' });
    expect(a).toMatchObject({ width: 3, height: 2, mime: 'image/png', byteSize: png.length });
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    const again = await lib.ok('assets.put', { data: png.toString('base64'), mime: 'image/png', originalName: 'copy.png' });
    expect(again.sha256).toBe(a.sha256);
    const rows = lib.db.prepare('SELECT sha256, mime, width, height, original_name, length(data) AS n FROM assets').all();
    expect(rows).toEqual([{ sha256: a.sha256, mime: 'image/png', width: 3, height: 2, original_name: 'chart.png', n: png.length }]);
    // The article can now use it as its cover.
    const art = await lib.ok('articles.create', { title: 'cover', coverAsset: a.sha256 });
    expect(art.coverAsset).toBe(a.sha256);
  });

  it('refuses other types, lying files, bad base64 and oversized files, storing nothing', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ data: Buffer.from('<svg/>').toString('base64'), mime: 'image/svg+xml' }, /PNG, JPEG, GIF and WebP/],
      [{ data: Buffer.from('MZ not an image').toString('base64'), mime: 'image/png' }, /not a PNG, JPEG, GIF or WebP/],
      [{ data: gif(1, 1).toString('base64'), mime: 'image/png', originalName: 'x.png' }, /claims to be image\/png but its contents are image\/gif/],
      [{ data: 'not base64!!', mime: 'image/png' }, /not valid base64/],
      [{ data: 'A'.repeat(Math.ceil((50 * 1024 * 1024) / 3) * 4 + 8), mime: 'image/png' }, /up to 50 MB/],
    ];
    for (const [input, message] of cases) {
      const r = await lib.raw('assets.put', input);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('validation');
        expect(r.error.message).toMatch(message);
      }
    }
    expect(lib.db.prepare('SELECT count(*) AS n FROM assets').get()).toEqual({ n: 0 });
  });

  it('refuses a file just over 50 MB after decoding, with its size in the message', async () => {
    const big = Buffer.alloc(50 * 1024 * 1024 + 1);
    makePng(1, 1).copy(big);
    const r = await lib.raw('assets.put', { data: big.toString('base64'), mime: 'image/png' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/50\.0 MB; images up to 50 MB/);
  });
});
