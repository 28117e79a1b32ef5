import http from 'node:http';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { dispatch } from '../core/api/dispatch.js';
import type { CoreContext } from '../core/api/contract.js';
import { readAsset } from '../core/assets/store.js';

/**
 * Browser mode's transport: the same contract as Electron IPC, over loopback HTTP.
 *
 * Who may call: only a page that holds the secret token minted at launch (it arrives in the
 * printed URL and the page keeps it), sent in a custom header (which also forces a CORS
 * preflight that we never answer, so foreign pages cannot even send it). Host and Origin must
 * be our own loopback address, which defeats DNS rebinding. No CORS headers, ever.
 */
export interface ServerOptions {
  ctx: CoreContext;
  /** The built renderer (out/renderer). */
  staticDir: string;
  port?: number;
  token?: string;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes?: number;
}

export interface RunningServer {
  url: string;
  /** The URL a person opens: carries the token. */
  launchUrl: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

export const TOKEN_HEADER = 'x-copydesk-token';
const DEFAULT_MAX_BODY = 80 * 1024 * 1024;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The page's CSP in browser mode: the same policy the Electron window enforces. */
export const BROWSER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = options.token ?? crypto.randomBytes(24).toString('hex');
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const staticRoot = path.resolve(options.staticDir);
  let port = 0;

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'internal', message: String((err as Error)?.message ?? err) } });
      else res.destroy();
    });
  });

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    if (!allowedHosts().has(host)) return send(res, 403, problem('forbidden', 'Unknown Host: browser mode answers only on its loopback address.'));
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${host}`) {
      return send(res, 403, problem('forbidden', 'Requests from other origins are refused.'));
    }
    const url = new URL(req.url ?? '/', `http://${host}`);

    if (url.pathname === '/api/call') {
      if (req.method !== 'POST') return send(res, 405, problem('validation', 'Use POST.'));
      if (!tokenMatches(req.headers[TOKEN_HEADER], token)) return send(res, 401, problem('forbidden', 'Missing or wrong token: open the URL Copydesk printed at launch.'));
      const raw = await readBody(req, maxBody);
      if (raw === 'too-large') return send(res, 413, problem('validation', `Request larger than ${maxBody} bytes.`));
      let message: unknown;
      try {
        message = JSON.parse(raw.toString('utf8'));
      } catch {
        return send(res, 400, problem('validation', 'The request body is not valid JSON.'));
      }
      const { op, input } = (typeof message === 'object' && message !== null ? message : {}) as { op?: unknown; input?: unknown };
      if (typeof op !== 'string') return send(res, 400, problem('validation', 'The request needs an "op" string.'));
      return send(res, 200, await dispatch(options.ctx, op, input));
    }

    if (url.pathname.startsWith('/media/')) {
      if (!tokenMatches(url.searchParams.get('token') ?? undefined, token)) return send(res, 401, problem('forbidden', 'Missing or wrong token.'));
      return serveAsset(options.ctx, url.pathname.slice('/media/'.length), res);
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, problem('validation', 'Method not allowed.'));
    return serveStatic(staticRoot, url.pathname, res);
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      const base = `http://127.0.0.1:${port}`;
      resolve({
        url: base,
        launchUrl: `${base}/?token=${token}`,
        token,
        port,
        close: () => new Promise<void>((done) => { server.closeAllConnections(); server.close(() => done()); }),
      });
    });
  });
}

function tokenMatches(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

function readBody(req: http.IncomingMessage, max: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > max) {
      req.resume();
      return resolve('too-large');
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        req.removeAllListeners('data');
        req.resume();
        resolve('too-large');
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function problem(code: string, message: string) {
  return { ok: false, error: { code, message } };
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(json);
}

function serveAsset(ctx: CoreContext, hash: string, res: http.ServerResponse): void {
  if (!/^[0-9a-f]{64}$/.test(hash)) return send(res, 400, problem('validation', 'An asset is addressed by its sha256.'));
  const row = readAsset(ctx.db, hash);
  if (!row) return send(res, 404, problem('not_found', 'No such asset.'));
  res.writeHead(200, {
    'content-type': row.mime,
    'cache-control': 'private, max-age=31536000, immutable',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
  });
  res.end(row.data);
}

/** Files under the built renderer only; anything that is not a file there gets the app (SPA). */
function serveStatic(root: string, pathname: string, res: http.ServerResponse): void {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return send(res, 400, problem('validation', 'Malformed path.'));
  }
  const candidate = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  const inside = candidate === root || candidate.startsWith(root + path.sep);
  let file = inside && fs.existsSync(candidate) && fs.statSync(candidate).isFile() ? candidate : path.join(root, 'index.html');
  if (!fs.existsSync(file)) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('The renderer is not built yet: run `npm run build` (npm run web does it for you).');
    return;
  }
  file = fs.realpathSync(file);
  if (!file.startsWith(fs.realpathSync(root) + path.sep)) return send(res, 403, problem('forbidden', 'Outside the app.'));
  const headers: Record<string, string> = {
    'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
    'x-content-type-options': 'nosniff',
    'cache-control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=3600',
    'referrer-policy': 'no-referrer',
  };
  if (file.endsWith('.html')) {
    headers['content-security-policy'] = BROWSER_CSP;
    headers['x-frame-options'] = 'DENY';
  }
  res.writeHead(200, headers);
  fs.createReadStream(file).pipe(res);
}
