import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import crypto from 'node:crypto';
import { startServer, TOKEN_HEADER, PAGE_HEADER, type RunningServer } from '../../src/server/http.js';
import { makeLibrary, tempDir, type TestLibrary } from './helpers.js';
import { makePng } from '../support/png.js';

/**
 * Issue 16 against a real server on a free port over a real library: the launch token traded for
 * a cookie, /media's types, the bound on bodies read at once, deep JSON, weak tokens.
 */
interface Answer {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

function request(port: number, opts: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: opts.method ?? 'POST', path: opts.path ?? '/api/call', headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

const TOKEN = crypto.randomBytes(24).toString('hex');

describe('browser mode on a shared machine', () => {
  let lib: TestLibrary;
  let server: RunningServer;
  let host: string;
  const staticDir = tempDir('copydesk-static-');
  const MAX_BODY = 1024 * 1024;
  const MAX_IN_FLIGHT = 2 * MAX_BODY;

  beforeAll(async () => {
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>app</title>');
    lib = await makeLibrary();
    server = await startServer({ ctx: lib.ctx, staticDir, token: TOKEN, maxBodyBytes: MAX_BODY, maxInFlightBytes: MAX_IN_FLIGHT });
    host = `127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server.close();
    lib.dispose();
    fs.rmSync(staticDir, { recursive: true, force: true });
  });

  const withToken = () => ({ host, 'content-type': 'application/json', [TOKEN_HEADER]: TOKEN });
  const stats = JSON.stringify({ op: 'library.stats', input: {} });

  async function signIn(pathAndQuery = `/?token=${TOKEN}`): Promise<{ cookie: string; answer: Answer }> {
    const answer = await request(server.port, { method: 'GET', path: pathAndQuery, headers: { host } });
    const setCookie = answer.headers['set-cookie']?.[0] ?? '';
    return { cookie: setCookie.split(';')[0]!, answer };
  }

  describe('16.1 weak tokens', () => {
    it('refuses to start with an empty or short token', async () => {
      for (const token of ['', 'short', 'x'.repeat(31), `${'y'.repeat(40)} z`]) {
        const started = await startServer({ ctx: lib.ctx, staticDir, token, port: 0 }).then(
          async (s) => {
            await s.close();
            return true;
          },
          (err: Error) => err.message,
        );
        expect(started, JSON.stringify(token)).toMatch(/token/);
      }
    });
  });

  describe('16.4 the launch token becomes a session cookie', () => {
    it('trades the token for an HttpOnly SameSite=Strict cookie and redirects to the URL without it', async () => {
      const { cookie, answer } = await signIn(`/?token=${TOKEN}`);
      expect(answer.status).toBe(303);
      expect(answer.headers.location).toBe('/');
      const setCookie = answer.headers['set-cookie']![0]!;
      expect(setCookie).toMatch(/HttpOnly/);
      expect(setCookie).toMatch(/SameSite=Strict/);
      expect(setCookie).toMatch(/Path=\//);
      expect(setCookie).not.toContain(TOKEN);
      expect(cookie).toMatch(new RegExp(`^copydesk-session-${server.port}=`));
      expect(answer.headers['cache-control']).toBe('no-store');

      // Other query parameters stay; only the token goes.
      const other = await signIn(`/index.html?lang=zh&token=${TOKEN}`);
      expect(other.answer.headers.location).toBe('/index.html?lang=zh');
    });

    it('refuses a wrong launch token without setting a cookie', async () => {
      const { answer } = await signIn(`/?token=${TOKEN.slice(0, -1)}0`);
      expect(answer.status).toBe(401);
      expect(answer.headers['set-cookie']).toBeUndefined();
    });

    it('admits the app page with the cookie and its page header, and nothing with the cookie alone', async () => {
      const { cookie } = await signIn();
      const page = await request(server.port, { headers: { host, 'content-type': 'application/json', cookie, [PAGE_HEADER]: '1' }, body: stats });
      expect(page.status).toBe(200);
      expect(JSON.parse(page.body)).toMatchObject({ ok: true });
      const cookieOnly = await request(server.port, { headers: { host, 'content-type': 'application/json', cookie }, body: stats });
      expect(cookieOnly.status).toBe(401);
      const forged = await request(server.port, { headers: { host, 'content-type': 'application/json', cookie: `copydesk-session-${server.port}=${'A'.repeat(43)}`, [PAGE_HEADER]: '1' }, body: stats });
      expect(forged.status).toBe(401);
      // Host and Origin are still checked with a good cookie.
      const foreign = await request(server.port, { headers: { host, origin: 'http://evil.example', 'content-type': 'application/json', cookie, [PAGE_HEADER]: '1' }, body: stats });
      expect(foreign.status).toBe(403);
    });

    it('serves media to the cookie, without the token in the URL; the token in the URL no longer opens it', async () => {
      const png = makePng(3, 2);
      const asset = await lib.ok('assets.put', { data: png.toString('base64'), mime: 'image/png', originalName: 'x.png' });
      const { cookie } = await signIn();
      const img = await request(server.port, { method: 'GET', path: `/media/${asset.sha256}`, headers: { host, cookie } });
      expect(img.status).toBe(200);
      expect(img.headers['content-type']).toBe('image/png');
      const byUrl = await request(server.port, { method: 'GET', path: `/media/${asset.sha256}?token=${TOKEN}`, headers: { host } });
      expect(byUrl.status).toBe(401);
    });
  });

  describe('16.5 /media serves images only', () => {
    function storeRaw(mime: string, data: Buffer): string {
      const sha = crypto.createHash('sha256').update(data).update(mime).digest('hex');
      lib.db.prepare('INSERT INTO assets (sha256, mime, byte_size, data, created_at) VALUES (?, ?, ?, ?, ?)').run(sha, mime, data.length, data, new Date().toISOString());
      return sha;
    }
    // The token in the URL too, as the old server wanted it: it is ignored now.
    const get = (sha: string) => request(server.port, { method: 'GET', path: `/media/${sha}?token=${TOKEN}`, headers: { host, [TOKEN_HEADER]: TOKEN } });

    it('serves a row claiming text/javascript as an opaque download, never as script', async () => {
      const r = await get(storeRaw('text/javascript', Buffer.from('alert(document.domain)')));
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe('application/octet-stream');
      expect(r.headers['content-disposition']).toBe('attachment');
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['cross-origin-resource-policy']).toBe('same-origin');
    });

    it('serves an image by the type its bytes prove, with CORP and nosniff', async () => {
      const png = makePng(4, 4);
      for (const claimed of ['image/png', 'image/svg+xml', 'text/html']) {
        const r = await get(storeRaw(claimed, png));
        expect(r.headers['content-type'], claimed).toBe('image/png');
        expect(r.headers['cross-origin-resource-policy']).toBe('same-origin');
        expect(r.headers['x-content-type-options']).toBe('nosniff');
      }
      const svg = await get(storeRaw('image/svg+xml', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')));
      expect(svg.headers['content-type']).toBe('application/octet-stream');
    });

    it('refuses cleanly a stored type with a newline in it', async () => {
      const r = await get(storeRaw('image/png\r\nx-injected: 1', makePng(2, 2)));
      expect(r.status).toBe(422);
      expect(r.headers['x-injected']).toBeUndefined();
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'io' } });
      const alive = await request(server.port, { headers: withToken(), body: stats });
      expect(alive.status).toBe(200);
    });
  });

  describe('16.6 bodies read at once are bounded', () => {
    /** A contract call of exactly `size` bytes (its unknown field makes it a validation error). */
    function paddedBody(size: number): Buffer {
      const empty = JSON.stringify({ op: 'library.stats', input: {}, pad: '' }).length;
      return Buffer.from(JSON.stringify({ op: 'library.stats', input: {}, pad: 'x'.repeat(size - empty) }));
    }

    /** A request whose headers the server has taken (it sent 100 Continue) and whose body waits. */
    function holdOpen(size: number): Promise<{ finish(): Promise<Answer> }> {
      return new Promise((resolve, reject) => {
        const body = paddedBody(size);
        let answered: (a: Answer) => void;
        const answer = new Promise<Answer>((r) => (answered = r));
        const req = http.request({ host: '127.0.0.1', port: server.port, method: 'POST', path: '/api/call', headers: { ...withToken(), 'content-length': String(body.length), expect: '100-continue' } }, (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => answered({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
        });
        req.on('error', reject);
        req.on('continue', () => resolve({ finish: () => (req.end(body), answer) }));
        req.flushHeaders();
      });
    }

    it('answers 503 beyond the bound, and takes requests again once the others are done', async () => {
      const size = Math.floor(MAX_BODY * 0.9);
      const first = await holdOpen(size);
      const second = await holdOpen(size);
      expect(server.inFlightBytes).toBe(2 * size);
      const third = await request(server.port, { headers: withToken(), body: paddedBody(size) });
      expect(third.status).toBe(503);
      expect(JSON.parse(third.body).ok).toBe(false);
      expect(third.headers['retry-after']).toBe('1');

      // The held bodies arrive, are parsed (an unknown field: a validation error), and let go.
      expect((await first.finish()).status).toBe(200);
      expect((await second.finish()).status).toBe(200);
      expect(server.inFlightBytes).toBe(0);
      const again = await request(server.port, { headers: withToken(), body: paddedBody(size) });
      expect(again.status).toBe(200);
      expect(server.inFlightBytes).toBe(0);
    });

    it('bounds a body sent without a length too, as it grows', async () => {
      const held = await holdOpen(Math.floor(MAX_BODY * 0.9));
      const second = await holdOpen(Math.floor(MAX_BODY * 0.9));
      const chunked = await new Promise<Answer>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port: server.port, method: 'POST', path: '/api/call', headers: { ...withToken(), 'transfer-encoding': 'chunked' } }, (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
        });
        req.on('error', reject);
        req.end(paddedBody(MAX_BODY / 2));
      });
      expect(chunked.status).toBe(503);
      expect((await held.finish()).status).toBe(200);
      expect((await second.finish()).status).toBe(200);
      expect(server.inFlightBytes).toBe(0);
    });
  });

  describe('16.7 deep JSON', () => {
    it('answers JSON nested 6,000 deep with the validation error naming the limit', async () => {
      const deep = '['.repeat(6000) + '1' + ']'.repeat(6000);
      for (const input of [`{"title":"x","meta":{"a":${deep}}}`, `{"title":"x","body":${deep}}`, deep]) {
        const r = await request(server.port, { headers: withToken(), body: `{"op":"articles.create","input":${input}}` });
        expect(r.status).toBe(200);
        const result = JSON.parse(r.body);
        expect(result).toMatchObject({ ok: false, error: { code: 'validation' } });
        expect(result.error.message).toMatch(/nested deeper than 256 levels/);
        expect(result.error.message).not.toMatch(/call stack/);
      }
      expect((await lib.ok('library.stats', {})).articles).toBe(0);
    });
  });
});
