import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLibrary, type Library } from '../../src/core/db/open.js';
import { dispatch } from '../../src/core/api/dispatch.js';
import type { CoreContext, Result } from '../../src/core/api/contract.js';
import type { InputOf, OutputOf } from '../../src/core/api/dispatch.js';
import type { OperationName } from '../../src/core/api/operations/index.js';

/** A fresh folder under the OS temp dir, removed by the caller's afterEach via cleanup(). */
export function tempDir(prefix = 'copydesk-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface TestLibrary extends Library {
  dir: string;
  ctx: CoreContext;
  /** Calls the contract exactly as a transport would, and returns the data or throws. */
  ok<N extends OperationName>(name: N, input: InputOf<N>): Promise<OutputOf<N>>;
  /** Calls the contract and returns the raw result (for error cases). */
  raw(name: string, input: unknown): Promise<Result<unknown>>;
  dispose(): void;
}

/** A real library file in a temp folder: tests never mock the database. */
export async function makeLibrary(): Promise<TestLibrary> {
  const dir = tempDir();
  const lib = await openLibrary(path.join(dir, 'library.sqlite'));
  const ctx: CoreContext = { db: lib.db, libraryPath: lib.path };
  return {
    ...lib,
    dir,
    ctx,
    async ok(name, input) {
      const r = await dispatch(ctx, name, input);
      if (!r.ok) throw new Error(`${name} failed: ${r.error.code}: ${r.error.message}`);
      return r.data as never;
    },
    raw: (name, input) => dispatch(ctx, name, input),
    dispose() {
      try { lib.close(); } catch { /* already closed */ }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const SAMPLES_DIR = path.resolve(import.meta.dirname, '../../../shared/samples');
export const sampleArticlePage = (): string => fs.readFileSync(path.join(SAMPLES_DIR, 'site-article-page.txt'), 'utf8');
