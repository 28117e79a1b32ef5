import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import { startServer, TOKEN_HEADER, type RunningServer } from '../../src/server/http.js';
import { makeLibrary, tempDir, type TestLibrary } from './helpers.js';

/** Raw HTTP, so tests can forge Host and Origin headers the way a hostile page or rebinding DNS would. */
function request(port: number, opts: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer }) {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
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

const TOKEN = 'secret-token-0123456789abcdef0123456789';

describe('browser-mode server', () => {
  let lib: TestLibrary;
  let server: RunningServer;
  let host: string;
  const staticDir = tempDir('copydesk-static-');

  beforeAll(async () => {
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>app</title>');
    fs.writeFileSync(path.join(staticDir, 'app.js'), 'console.log(1)');
    lib = await makeLibrary();
    server = await startServer({ ctx: lib.ctx, staticDir, token: TOKEN, maxBodyBytes: 1024 * 1024 });
    host = `127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server.close();
    lib.dispose();
    fs.rmSync(staticDir, { recursive: true, force: true });
  });

  const good = () => ({ host, 'content-type': 'application/json', [TOKEN_HEADER]: TOKEN });

  it('listens on loopback only', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.launchUrl).toContain(`token=${TOKEN}`);
  });

  it('answers a contract call with the token', async () => {
    const r = await request(server.port, { headers: good(), body: JSON.stringify({ op: 'library.stats', input: {} }) });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, data: { articles: 0 } });
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a missing or wrong token with 401', async () => {
    const body = JSON.stringify({ op: 'articles.create', input: { title: 'x' } });
    const missing = await request(server.port, { headers: { host, 'content-type': 'application/json' }, body });
    const wrong = await request(server.port, { headers: { ...good(), [TOKEN_HEADER]: `${TOKEN.slice(0, -1)}m` }, body });
    expect(missing.status).toBe(401);
    expect(wrong.status).toBe(401);
    const stats = await lib.ok('library.stats', {});
    expect(stats.articles).toBe(0);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin with 403', async () => {
    const body = JSON.stringify({ op: 'library.stats', input: {} });
    const rebinding = await request(server.port, { headers: { ...good(), host: `evil.example:${server.port}` }, body });
    const origin = await request(server.port, { headers: { ...good(), origin: 'http://evil.example' }, body });
    const staticRebinding = await request(server.port, { method: 'GET', path: '/', headers: { host: 'evil.example' } });
    expect(rebinding.status).toBe(403);
    expect(origin.status).toBe(403);
    expect(staticRebinding.status).toBe(403);
  });

  it('answers malformed bodies with 400 and never crashes', async () => {
    for (const body of ['{not json', '', 'null', '[]', '"op"', JSON.stringify({ op: 42 }), '\u0000\u0001']) {
      const r = await request(server.port, { headers: good(), body });
      expect(r.status, body).toBe(400);
      expect(JSON.parse(r.body).ok).toBe(false);
    }
    const alive = await request(server.port, { headers: good(), body: JSON.stringify({ op: 'library.stats' }) });
    expect(alive.status).toBe(200);
  });

  it('limits the request size with 413', async () => {
    const big = JSON.stringify({ op: 'articles.create', input: { title: 'x'.repeat(2 * 1024 * 1024) } });
    const r = await request(server.port, { headers: good(), body: big });
    expect(r.status).toBe(413);
  });

  it('returns contract errors as values: unknown operation and bad input', async () => {
    const unknown = JSON.parse((await request(server.port, { headers: good(), body: JSON.stringify({ op: 'fs.readFile', input: {} }) })).body);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const bad = JSON.parse((await request(server.port, { headers: good(), body: JSON.stringify({ op: 'articles.get', input: { id: 'one' } }) })).body);
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(bad.error.message).toMatch(/id/);
  });

  it('serves the app with a strict CSP and never a file outside it', async () => {
    const index = await request(server.port, { method: 'GET', path: '/', headers: { host } });
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers['content-security-policy']).not.toContain('unsafe-eval');
    for (const p of ['/../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd', '/app.js/../../x']) {
      const r = await request(server.port, { method: 'GET', path: p, headers: { host } });
      expect(r.body, p).not.toContain('root:');
    }
    const js = await request(server.port, { method: 'GET', path: '/app.js', headers: { host } });
    expect(js.body).toBe('console.log(1)');
  });

  it('serves assets by hash only, with the token', async () => {
    const noToken = await request(server.port, { method: 'GET', path: `/media/${'a'.repeat(64)}`, headers: { host } });
    expect(noToken.status).toBe(401);
    const badHash = await request(server.port, { method: 'GET', path: '/media/..%2f..%2fetc%2fpasswd', headers: { host, [TOKEN_HEADER]: TOKEN } });
    expect(badHash.status).toBe(400);
  });
});
