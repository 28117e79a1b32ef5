import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The house rules of the layout, enforced: you can tell from a file's path where it runs.
 * src/core runs everywhere (Electron main, CLI, server, tests), so it never imports Electron,
 * React or the DOM; the renderer reaches the core only through the contract (types only).
 */
const ROOT = path.resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /\.(ts|tsx|mts)$/.test(entry.name)) out.push(path.join(entry.parentPath, entry.name));
  }
  return out;
}

const importsOf = (file: string) =>
  [...fs.readFileSync(file, 'utf8').matchAll(/^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => ({
    typeOnly: Boolean(m[2]),
    spec: m[3]!,
  }));

describe('layout rules', () => {
  it('src/core never imports electron, react or the DOM', () => {
    const offenders = sources('src/core').flatMap((f) =>
      importsOf(f).filter((i) => /^(electron|react|react-dom|lexical|@lexical\/)/.test(i.spec)).map((i) => `${path.relative(ROOT, f)} -> ${i.spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('src/renderer imports nothing from src/core but types', () => {
    const offenders = sources('src/renderer').flatMap((f) =>
      importsOf(f).filter((i) => /(^|\/)core\//.test(i.spec) && !i.typeOnly).map((i) => `${path.relative(ROOT, f)} -> ${i.spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the preload imports no npm package', () => {
    const offenders = sources('src/preload').flatMap((f) =>
      importsOf(f).filter((i) => !i.typeOnly && !i.spec.startsWith('.') && i.spec !== 'electron').map((i) => `${path.relative(ROOT, f)} -> ${i.spec}`),
    );
    expect(offenders).toEqual([]);
  });
});
