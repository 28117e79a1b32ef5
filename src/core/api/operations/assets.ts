import { z } from 'zod';
import { defineOperation } from '../contract.js';
import { IMAGE_MIMES } from '../../assets/image-header.js';
import { MAX_ASSET_BYTES, putImageAsset } from '../../assets/store.js';
import { invalid } from '../../errors.js';

/** Base64 length of the largest accepted file, plus padding: longer input cannot be a valid image. */
const MAX_BASE64_CHARS = Math.ceil(MAX_ASSET_BYTES / 3) * 4 + 4;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export const assetOperations = {
  'assets.put': defineOperation({
    summary: 'Store an image (PNG, JPEG, GIF or WebP, at most 50 MB, base64) in the library; returns its sha256 and size.',
    input: z.strictObject({
      data: z.string().min(1, 'the image data is empty')
        .max(MAX_BASE64_CHARS, `images up to ${MAX_ASSET_BYTES / 1024 / 1024} MB can be stored; reduce this one and try again`),
      mime: z.enum(IMAGE_MIMES, { error: 'only PNG, JPEG, GIF and WebP images can be stored' }),
      originalName: z.string().max(500).default(''),
    }),
    output: z.object({ sha256: z.string(), width: z.int().nullable(), height: z.int().nullable(), mime: z.enum(IMAGE_MIMES), byteSize: z.int() }),
    handler: ({ db }, { data, mime, originalName }) => {
      if (!BASE64.test(data)) throw invalid('The image data is not valid base64.', { field: 'data' });
      const bytes = Buffer.from(data, 'base64');
      const { sha256, width, height, mime: stored, byteSize } = putImageAsset(db, bytes, mime, originalName);
      return { sha256, width, height, mime: stored, byteSize };
    },
  }),
};
