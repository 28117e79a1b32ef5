// Packages the CLI bundle loads on first use rather than at start: their start-up work (pinyin
// dictionaries, parsers, Traditional→Simplified tables) is paid only by the commands that use
// them, so `copydesk stats` does not build a pinyin dictionary. Each entry names the exports
// the sources import; the build fails if a source imports one not listed here, or if a listed
// one is not a function (only functions and classes can stand in for themselves until loaded).
//
// kind 'function': callable or constructible, loaded at the first call.
// kind 'instance': a default-exported class constructed at module top level; the instance
// itself is a stand-in that constructs the real one at its first use.
import path from 'node:path';
import { createRequire } from 'node:module';

export const LAZY_PACKAGES = {
  'pinyin-pro': { kind: 'function', names: ['pinyin', 'addDict'] },
  'opencc-js/t2cn': { kind: 'function', names: ['Converter'] },
  htmlparser2: { kind: 'function', names: ['parseDocument', 'Parser'] },
  yaml: { kind: 'function', names: ['parse', 'stringify'] },
  'markdown-it': { kind: 'instance', names: ['default'] },
};

const REAL = 'copydesk-real:';

/** @param {string} root the project root: packages resolve from there, as the sources' do */
export function lazyPackagesPlugin(root) {
  const require = createRequire(path.join(root, 'package.json'));
  return {
    name: 'copydesk:lazy-packages',
    setup(build) {
      const filter = new RegExp(`^(${Object.keys(LAZY_PACKAGES).map((s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
      build.onResolve({ filter }, (args) => (args.pluginData?.real ? undefined : { path: args.path, namespace: 'copydesk-lazy' }));
      build.onResolve({ filter: new RegExp(`^${REAL}`) }, async (args) => {
        const spec = args.path.slice(REAL.length);
        const r = await build.resolve(spec, { kind: 'require-call', resolveDir: args.resolveDir, pluginData: { real: true } });
        return { path: r.path, errors: r.errors };
      });
      build.onLoad({ filter: /.*/, namespace: 'copydesk-lazy' }, (args) => {
        const spec = args.path;
        const { kind, names } = LAZY_PACKAGES[spec];
        const real = require(spec);
        for (const n of names) {
          const v = n === 'default' ? (real.default ?? real) : real[n];
          if (typeof v !== 'function') throw new Error(`lazy package ${spec}: export ${n} is ${typeof v}, not a function`);
        }
        const lines = [`let m; const load = () => (m ??= require(${JSON.stringify(REAL + spec)}));`];
        if (kind === 'function') {
          for (const n of names) {
            lines.push(`export function ${n}(...a) { const f = load().${n}; return new.target ? Reflect.construct(f, a) : f(...a); }`);
          }
        } else {
          lines.push(
            'export default function LazyInstance(...a) {',
            '  let real;',
            '  const get = () => (real ??= Reflect.construct(load().default ?? load(), a));',
            '  return new Proxy({}, {',
            '    get: (_, k) => { const v = get()[k]; return typeof v === "function" ? v.bind(get()) : v; },',
            '    set: (_, k, v) => { get()[k] = v; return true; },',
            '    has: (_, k) => k in get(),',
            '  });',
            '}',
          );
        }
        return { contents: lines.join('\n'), loader: 'js', resolveDir: root };
      });
    },
  };
}
