// The Electron shell's security decisions, tested as plain functions in Node (no Electron binary):
// window preferences, the CSP, navigation / window.open / permission guards, the IPC sender
// check with a real library behind it, and the asset protocol against hostile URLs.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mainWindowOptions, secureWebPreferences } from '../../src/main/window-options.js';
import { RENDERER_CSP, RENDERER_CSP_HEADER, RENDERER_CSP_DIRECTIVES, devCspDirectives, parseCsp, serializeCsp } from '../../src/main/security/csp.js';
import { decidePermission, decideWindowOpen, isAllowedNavigation, safeExternalUrl } from '../../src/main/security/navigation.js';
import { devRenderer, fileRenderer, isAppUrl, rendererUrl } from '../../src/main/security/renderer-location.js';
import { isTrustedSender } from '../../src/main/security/sender.js';
import { createCoreCallHandler } from '../../src/main/ipc/core-call.js';
import { createHostCallHandler, type HostServices } from '../../src/main/ipc/host-call.js';
import { createAssetHandler, parseAssetUrl } from '../../src/main/asset-protocol.js';
import { makeLibrary, type TestLibrary } from './helpers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const INDEX_HTML = path.join(ROOT, 'out', 'renderer', 'index.html');
const APP = fileRenderer(INDEX_HTML);
const APP_URL = pathToFileURL(INDEX_HTML).href;

describe('window web preferences', () => {
  it('isolate the page, sandbox it and give it no Node, webviews or insecure content', () => {
    const options = mainWindowOptions({ preloadPath: '/app/out/preload/index.cjs', bounds: { width: 1000, height: 700 }, devTools: false });
    const prefs = options.webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      devTools: false,
    });
    expect(prefs.disableBlinkFeatures).toContain('Auxclick');
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    expect(options.show).toBe(false);
  });

  it('only devTools follows the caller; the security settings never do', () => {
    const dev = secureWebPreferences('/p.cjs', { devTools: true });
    const prod = secureWebPreferences('/p.cjs', { devTools: false });
    expect(dev.devTools).toBe(true);
    const { devTools: _a, ...devRest } = dev;
    const { devTools: _b, ...prodRest } = prod;
    expect(devRest).toEqual(prodRest);
  });

  it('the main process restates the critical preferences at the BrowserWindow call site', () => {
    const src = fs.readFileSync(path.join(ROOT, 'src/main/windows.ts'), 'utf8');
    const call = src.slice(src.indexOf('new BrowserWindow('));
    for (const line of ['contextIsolation: true', 'sandbox: true', 'nodeIntegration: false', 'webSecurity: true']) expect(call).toContain(line);
  });
});

describe('content security policy', () => {
  const remote = /https?:|wss?:|\*|\/\//;

  function assertStrict(policy: string, label: string) {
    const csp = parseCsp(policy);
    expect(csp.get('default-src'), label).toEqual(["'self'"]);
    const scripts = csp.get('script-src') ?? csp.get('default-src')!;
    expect(scripts, label).not.toContain("'unsafe-inline'");
    expect(scripts, label).not.toContain("'unsafe-eval'");
    expect(scripts.some((s) => s.startsWith("'nonce-") || s.startsWith("'sha")), label).toBe(false);
    expect(csp.get('object-src'), label).toEqual(["'none'"]);
    expect(csp.get('base-uri'), label).toEqual(["'none'"]);
    for (const [name, sources] of csp) {
      for (const source of sources) expect(remote.test(source), `${label}: ${name} allows a remote origin: ${source}`).toBe(false);
    }
  }

  it('the policy is default-src self, no inline or eval script, no remote origin anywhere', () => {
    assertStrict(RENDERER_CSP, 'meta policy');
    assertStrict(RENDERER_CSP_HEADER, 'header policy');
    expect(parseCsp(RENDERER_CSP_HEADER).get('frame-ancestors')).toEqual(["'none'"]);
    // frame-ancestors is ignored in <meta> and browsers warn: keep it out of the meta form.
    expect(parseCsp(RENDERER_CSP).has('frame-ancestors')).toBe(false);
    expect(parseCsp(RENDERER_CSP).get('img-src')).toContain('copydesk-asset:');
  });

  it('serialises and parses back to the same directives', () => {
    const parsed = parseCsp(serializeCsp(RENDERER_CSP_DIRECTIVES));
    expect(Object.fromEntries(parsed)).toEqual(Object.fromEntries(Object.entries(RENDERER_CSP_DIRECTIVES).map(([k, v]) => [k, [...v]])));
  });

  it('the dev-server policy loosens only what Vite needs, and only for its own loopback origin', () => {
    const dev = parseCsp(serializeCsp(devCspDirectives('http://localhost:5173')));
    expect(dev.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
    expect(dev.get('default-src')).toEqual(["'self'"]);
    expect(dev.get('object-src')).toEqual(["'none'"]);
  });

  it('the built renderer page carries a strict CSP meta (when out/ is built)', (ctx) => {
    if (!fs.existsSync(INDEX_HTML)) {
      console.log('skipped: out/renderer/index.html is not built (run `npm run build`)');
      ctx.skip();
    }
    const html = fs.readFileSync(INDEX_HTML, 'utf8');
    const metas = [...html.matchAll(/<meta\s+[^>]*http-equiv=["']Content-Security-Policy["'][^>]*>/gi)];
    expect(metas.length, 'the built page declares a CSP').toBeGreaterThan(0);
    for (const [tag] of metas) {
      const content = /content=(["'])([\s\S]*?)\1/i.exec(tag)?.[2] ?? '';
      assertStrict(content, 'built index.html');
    }
    // Nothing inline to need 'unsafe-inline' for scripts: every script is an external file.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>\s*\S/i);
  });
});

describe('navigation, new windows and permissions', () => {
  it('the window may stay on its own page (any hash route), nothing else', () => {
    expect(isAllowedNavigation(APP_URL, APP)).toBe(true);
    expect(isAllowedNavigation(`${APP_URL}#/article/12`, APP)).toBe(true);
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:4780/',
      'file:///etc/passwd',
      pathToFileURL(path.join(ROOT, 'out', 'renderer', 'other.html')).href,
      pathToFileURL(path.join(ROOT, 'out', 'renderer', 'index.html.evil')).href,
      `${APP_URL}/../../../../etc/passwd`,
      'file://evil.example/' + INDEX_HTML,
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'copydesk-asset://' + 'a'.repeat(64),
      'chrome://settings',
      'about:blank',
      'not a url',
    ]) {
      expect(isAllowedNavigation(url, APP), url).toBe(false);
    }
  });

  it('a dev-server page is allowed only on its own loopback origin', () => {
    const dev = devRenderer('http://localhost:5173/');
    expect(isAllowedNavigation('http://localhost:5173/#/article/3', dev)).toBe(true);
    expect(isAllowedNavigation('http://localhost:5174/', dev)).toBe(false);
    expect(isAllowedNavigation('http://localhost.evil.com:5173/', dev)).toBe(false);
    expect(isAllowedNavigation('http://user:pw@localhost:5173/', dev)).toBe(false);
    expect(() => devRenderer('http://example.com:5173/')).toThrow(/loopback/);
    expect(() => devRenderer('file:///tmp/index.html')).toThrow(/http/);
    expect(rendererUrl(dev, '/article/3')).toBe('http://localhost:5173/#/article/3');
  });

  it('window.open is always denied; plain http(s) links go to the system browser', () => {
    expect(decideWindowOpen('https://example.com/a?b=1')).toEqual({ action: 'deny', openExternal: 'https://example.com/a?b=1' });
    expect(decideWindowOpen('http://example.com')).toEqual({ action: 'deny', openExternal: 'http://example.com/' });
    for (const url of [
      APP_URL,
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,hi',
      'smb://server/share',
      'ms-msdt:/id PCWDiagnostic',
      'https://user:password@example.com/',
      'https://' + 'a'.repeat(3000) + '.com/',
      '',
      'about:blank',
    ]) {
      expect(decideWindowOpen(url), url).toEqual({ action: 'deny' });
    }
  });

  it('safeExternalUrl accepts only http(s) and never throws on any input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl(), fc.constant(null), fc.integer()), (input) => {
        const out = safeExternalUrl(input);
        if (out !== null) expect(/^https?:\/\//.test(out)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('every permission is denied', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal', 'fullscreen', 'hid', 'serial', 'usb', 'unknown']) {
      expect(decidePermission(p), p).toBe(false);
    }
  });
});

describe('IPC: contract calls over the real core', () => {
  let lib: TestLibrary;
  beforeEach(async () => {
    lib = await makeLibrary();
  });
  afterEach(() => lib.dispose());

  const ours = { senderFrame: { url: `${APP_URL}#/`, parent: null } };
  const handler = () => createCoreCallHandler({ context: () => lib.ctx, location: APP });

  it('our own page gets real results', async () => {
    const call = handler();
    const created = await call(ours, { op: 'articles.create', input: { title: 'From the window' } });
    expect(created.ok).toBe(true);
    const listed = await call(ours, { op: 'articles.list', input: {} });
    expect(listed).toMatchObject({ ok: true });
    expect(JSON.stringify(listed)).toContain('From the window');
  });

  it('a foreign, destroyed or sub-frame sender is refused and nothing is written', async () => {
    const call = handler();
    const before = await lib.ok('library.stats', {});
    for (const event of [
      { senderFrame: { url: 'https://evil.example/', parent: null } },
      { senderFrame: { url: 'file:///tmp/evil.html', parent: null } },
      { senderFrame: { url: APP_URL, parent: { url: APP_URL } } },
      { senderFrame: null },
      {} as never,
      null as never,
    ]) {
      const r = await call(event, { op: 'articles.create', input: { title: 'injected' } });
      expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await lib.ok('library.stats', {})).toEqual(before);
  });

  it('unknown operations, malformed payloads and bad input come back as error values, never throws', async () => {
    const call = handler();
    expect(await call(ours, { op: 'fs.readFile', input: { path: '/etc/passwd' } })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await call(ours, { op: '__proto__', input: {} })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await call(ours, { op: 'constructor', input: {} })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    for (const payload of [null, undefined, 42, 'articles.list', [], { input: {} }, { op: 7 }]) {
      expect(await call(ours, payload)).toMatchObject({ ok: false, error: { code: 'validation' } });
    }
    expect(await call(ours, { op: 'articles.get', input: { id: 'x' } })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await call(ours, { op: 'articles.get', input: { id: 999_999 } })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('with no library open, calls get a clear error value', async () => {
    const call = createCoreCallHandler({ context: () => null, location: APP });
    expect(await call(ours, { op: 'articles.list', input: {} })).toMatchObject({ ok: false, error: { code: 'unsupported_library' } });
  });

  it('isTrustedSender compares the parsed URL, not a prefix', () => {
    expect(isTrustedSender({ url: APP_URL, parent: null }, APP)).toBe(true);
    expect(isTrustedSender({ url: APP_URL + '.html', parent: null }, APP)).toBe(false);
    expect(isTrustedSender({ url: APP_URL.replace('index.html', 'index%2ehtml'), parent: null }, APP)).toBe(isAppUrl(APP_URL.replace('index.html', 'index%2ehtml'), APP));
    expect(isTrustedSender({ url: APP_URL + '?x=1', parent: null }, APP)).toBe(true);
  });
});

describe('IPC: host actions', () => {
  const ours = { senderFrame: { url: APP_URL, parent: null } };
  function services(log: string[]): HostServices {
    return {
      'library.current': () => ({ path: '/x/library.sqlite', recent: [] }),
      'library.openDialog': () => ({ opened: false }),
      'library.createDialog': () => ({ opened: false }),
      'library.openRecent': ({ path: p }) => {
        log.push(`openRecent ${p}`);
        return { opened: true, path: p };
      },
      'window.openArticle': ({ id }) => {
        log.push(`openArticle ${id}`);
        return { opened: true };
      },
      'window.setEdited': () => ({}),
      'window.flushed': () => ({}),
      'file.saveAs': ({ suggestedName }) => {
        log.push(`saveAs ${suggestedName}`);
        return { saved: false };
      },
      'file.open': () => ({ files: [] }),
      'folder.pick': () => ({}),
    };
  }

  it('only allow-listed actions with valid input reach the shell', async () => {
    const log: string[] = [];
    const host = createHostCallHandler({ services: services(log), location: APP });
    expect(await host(ours, { action: 'window.openArticle', input: { id: 3 } })).toEqual({ ok: true, data: { opened: true } });
    expect(await host(ours, { action: 'shell.openPath', input: { path: '/' } })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await host(ours, { action: 'toString', input: {} })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await host(ours, { action: 'window.openArticle', input: { id: -1 } })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await host(ours, { action: 'window.openArticle', input: { id: 1, url: 'https://evil' } })).toMatchObject({ ok: false, error: { code: 'validation' } });
    for (const name of ['../../.bashrc', '/etc/passwd', 'a/b.html', 'a\\b.html', '..', 'x\0.html', '']) {
      expect(await host(ours, { action: 'file.saveAs', input: { suggestedName: name, content: 'x' } }), name).toMatchObject({ ok: false, error: { code: 'validation' } });
    }
    expect(await host(ours, { action: 'file.saveAs', input: { suggestedName: 'article.html', content: 'x', path: '/tmp/x' } })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await host(ours, { action: 'file.saveAs', input: { suggestedName: 'article.html', content: new Uint8Array([1, 2]) } })).toMatchObject({ ok: true });
    expect(log).toEqual(['openArticle 3', 'saveAs article.html']);
  });

  it('a foreign sender is refused before any action runs', async () => {
    const log: string[] = [];
    const host = createHostCallHandler({ services: services(log), location: APP });
    const r = await host({ senderFrame: { url: 'https://evil.example/', parent: null } }, { action: 'library.openRecent', input: { path: '/x' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(log).toEqual([]);
  });

  it('a failing action comes back as an error value', async () => {
    const failing = { ...services([]), 'library.openRecent': () => { throw new Error('disk on fire'); } } as HostServices;
    const host = createHostCallHandler({ services: failing, location: APP });
    expect(await host(ours, { action: 'library.openRecent', input: { path: '/x' } })).toEqual({ ok: false, error: { code: 'internal', message: 'disk on fire' } });
  });
});

describe('asset protocol', () => {
  let lib: TestLibrary;
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4a30000000049454e44ae426082', 'hex');
  let pngHash: string;
  let svgHash: string;
  let otherHash: string;

  beforeEach(async () => {
    lib = await makeLibrary();
    const insert = lib.db.prepare('INSERT INTO assets (sha256, mime, byte_size, data, created_at) VALUES (?, ?, ?, ?, ?)');
    const { createHash } = await import('node:crypto');
    const add = (data: Buffer, mime: string) => {
      const hash = createHash('sha256').update(data).digest('hex');
      insert.run(hash, mime, data.byteLength, data, new Date().toISOString());
      return hash;
    };
    pngHash = add(png, 'image/png');
    svgHash = add(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'image/svg+xml');
    otherHash = add(Buffer.from('<html><script>alert(1)</script></html>'), 'text/html');
  });
  afterEach(() => lib.dispose());

  it('serves a stored image by its hash, with nosniff and immutable caching', async () => {
    const handle = createAssetHandler(() => lib.db);
    for (const url of [`copydesk-asset://${pngHash}`, `copydesk-asset://${pngHash}/`, `copydesk-asset://${pngHash.toUpperCase()}/`]) {
      const res = handle({ url });
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(Buffer.from(await res.arrayBuffer())).toEqual(png);
    }
    expect(handle({ url: `copydesk-asset://${'0'.repeat(64)}` }).status).toBe(404);
  });

  it('an SVG cannot run script as a document; a non-image is a download, never rendered', () => {
    const handle = createAssetHandler(() => lib.db);
    const svg = handle({ url: `copydesk-asset://${svgHash}` });
    expect(svg.headers.get('content-security-policy')).toMatch(/default-src 'none'.*sandbox/);
    const html = handle({ url: `copydesk-asset://${otherHash}` });
    expect(html.headers.get('content-type')).toBe('application/octet-stream');
    expect(html.headers.get('content-disposition')).toBe('attachment');
  });

  it('hostile URLs are refused before the library is touched', () => {
    let lookups = 0;
    const handle = createAssetHandler(() => {
      lookups += 1;
      return lib.db;
    });
    const hostile = [
      'copydesk-asset://../../etc/passwd',
      'copydesk-asset:///etc/passwd',
      'copydesk-asset://' + pngHash + '/../../etc/passwd',
      'copydesk-asset://' + pngHash + '/..',
      'copydesk-asset://%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      'copydesk-asset://' + pngHash + '%2f..%2f..%2fetc%2fpasswd',
      'copydesk-asset://' + pngHash + '%00',
      'copydesk-asset://' + pngHash + '\0',
      'copydesk-asset://..%5c..%5cwindows%5cwin.ini',
      'copydesk-asset://C:\\Windows\\win.ini',
      'copydesk-asset://' + pngHash.slice(0, 63),
      'copydesk-asset://' + pngHash + '0',
      'copydesk-asset://' + 'g'.repeat(64),
      'copydesk-asset://' + pngHash + '?download=1',
      'copydesk-asset://' + pngHash + '/x.png',
      'copydesk-asset://user@' + pngHash,
      'copydesk-asset://' + pngHash + ':80',
      'file:///etc/passwd',
      'https://example.com/' + pngHash,
      '',
      ' copydesk-asset://' + pngHash,
    ];
    for (const url of hostile) {
      expect(parseAssetUrl(url), url).toBeNull();
      expect(handle({ url }).status, url).toBe(400);
    }
    for (const notAString of [undefined, null, 42, {}, []]) expect(parseAssetUrl(notAString)).toBeNull();
    expect(handle({ url: `copydesk-asset://${pngHash}`, method: 'POST' }).status).toBe(405);
    expect(lookups).toBe(0);
  });

  it('any string either names exactly one 64-hex hash or is refused', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (tail) => {
        const parsed = parseAssetUrl(`copydesk-asset://${tail}`);
        if (parsed !== null) expect(parsed).toMatch(/^[0-9a-f]{64}$/);
      }),
      { numRuns: 1000 },
    );
  });

  it('with no library open the protocol answers 503', () => {
    expect(createAssetHandler(() => null)({ url: `copydesk-asset://${pngHash}` }).status).toBe(503);
  });
});
