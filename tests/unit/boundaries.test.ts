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

const importsOf = (file: string) => {
  const text = fs.readFileSync(file, 'utf8');
  return [
    ...[...text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => ({
      typeOnly: Boolean(m[2]),
      spec: m[3]!,
    })),
    // Dynamic import() loads code just the same (the editor loads pinyin-pro lazily this way).
    ...[...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => ({ typeOnly: false, spec: m[1]! })),
  ];
};

/**
 * Core modules the renderer may run, not just type against. The copy-desk checks, counts,
 * excerpt and plain-text rules must be the same in the editor (live, as the editor types) and in
 * the core (at save, in exports): one implementation, imported by both, instead of a copy that
 * drifts. That is safe only for modules that are pure data-in, data-out: src/core/content/ and
 * the slug function with its word list (its only library is pinyin-pro; its Database import is a type). Each is
 * checked below, with everything it imports in turn, to reach no Node built-in, no SQLite, no
 * Electron and no other part of the core.
 */
const RENDERER_RUNTIME_CORE = [/^src\/core\/content\/[^/]+\.ts$/, /^src\/core\/articles\/(?:slug|polyphone-words)\.ts$/];
const PURE_NPM = new Set(['pinyin-pro']);

function resolveRelative(from: string, spec: string): string {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, base.replace(/\.js$/, '.ts'), `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`${path.relative(ROOT, from)} imports ${spec}, which does not resolve`);
}

/** Runtime imports reachable from a core module that break purity, as "file -> spec" lines. */
function impurities(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const rel = path.relative(ROOT, file);
  if (!RENDERER_RUNTIME_CORE.some((r) => r.test(rel))) return [`${rel} is not one of the pure core modules the renderer may run`];
  return importsOf(file).filter((i) => !i.typeOnly).flatMap((i) => {
    if (i.spec.startsWith('.')) return impurities(resolveRelative(file, i.spec), seen);
    return PURE_NPM.has(i.spec) ? [] : [`${rel} -> ${i.spec}`];
  });
}

describe('layout rules', () => {
  it('src/core never imports electron, react or the DOM', () => {
    const offenders = sources('src/core').flatMap((f) =>
      importsOf(f).filter((i) => /^(electron|react|react-dom|lexical|@lexical\/)/.test(i.spec)).map((i) => `${path.relative(ROOT, f)} -> ${i.spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('src/renderer imports nothing from src/core but types, and the pure content modules', () => {
    const offenders = sources('src/renderer').flatMap((f) =>
      importsOf(f).filter((i) => /(^|\/)core\//.test(i.spec) && !i.typeOnly).flatMap((i) => {
        const target = resolveRelative(f, i.spec);
        return impurities(target).map((why) => `${path.relative(ROOT, f)} -> ${i.spec}: ${why}`);
      }),
    );
    expect(offenders).toEqual([]);
  });

  it('the purity check itself catches a core module that reaches SQLite or Node', () => {
    expect(impurities(path.join(ROOT, 'src/core/articles/articles.ts'))).not.toEqual([]);
    expect(impurities(path.join(ROOT, 'src/core/assets/store.ts'))).not.toEqual([]);
    expect(impurities(path.join(ROOT, 'src/core/content/checks.ts'))).toEqual([]);
  });

  it('the preload imports no npm package', () => {
    const offenders = sources('src/preload').flatMap((f) =>
      importsOf(f).filter((i) => !i.typeOnly && !i.spec.startsWith('.') && i.spec !== 'electron').map((i) => `${path.relative(ROOT, f)} -> ${i.spec}`),
    );
    expect(offenders).toEqual([]);
  });
});
