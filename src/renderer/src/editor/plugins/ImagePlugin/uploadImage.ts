import { call } from '../../../api/client';
import type { ImagePayload } from '../../nodes/ImageNode';

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export const MAX_IMAGE_BYTES = 50 * 1024 * 1024;

export class ImageRejected extends Error {
  constructor(readonly reason: 'type' | 'size', readonly file: File) {
    super(reason);
  }
}

/**
 * Stores one picked, pasted or dropped image in the library (assets.put) and returns the node
 * payload. Type and size are checked here first so a person hears at once, without sending
 * 50 MB, and the core checks again (it trusts no caller): it sniffs the bytes and reads the size.
 */
export async function uploadImage(file: File): Promise<ImagePayload> {
  if (!(IMAGE_TYPES as readonly string[]).includes(file.type)) throw new ImageRejected('type', file);
  if (file.size > MAX_IMAGE_BYTES) throw new ImageRejected('size', file);
  const data = await toBase64(file);
  const stored = await call('assets.put', { data, mime: file.type as (typeof IMAGE_TYPES)[number], originalName: file.name.slice(0, 500) });
  return { sha256: stored.sha256, width: stored.width, height: stored.height, altText: '', caption: '', credit: '' };
}

function toBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('could not read the file'));
    reader.readAsDataURL(file);
  });
}
