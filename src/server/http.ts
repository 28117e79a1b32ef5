import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { dispatch } from '../core/api/dispatch.js';
import type { CoreContext } from '../core/api/contract.js';
import { createSession, newToken, secretsMatch, tokenProblem, type Session } from './session.js';
import { createBodyReader } from './body.js';
import { mediaAnswer } from './media.js';

export { TOKEN_HEADER, PAGE_HEADER } from './session.js';

/**
 * Browser mode's transport: the same contract as Electron IPC, over loopback HTTP.
 *
 * Who may call: whoever holds the secret token minted at launch (it arrives in the printed URL;
 * the first page load trades it for an HttpOnly session cookie, see session.ts). Host and Origin
 * must be our own loopback address, which defeats DNS rebinding. No CORS headers, ever.
 */
export interface ServerOptions {
  ctx: CoreContext;
  /** The built renderer (out/renderer). */
  staticDir: string;
  port?: number;
  /** At least MIN_TOKEN_LENGTH printable characters; a fresh random one when absent. */
  token?: string;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes?: number;
  /** Bytes of all request bodies being handled at once; beyond it, 503. */
  maxInFlightBytes?: number;
}

export interface RunningServer {
  url: string;
  /** The URL a person opens: carries the token. */
  launchUrl: string;
  token: string;
  port: number;
  /** Bytes of request bodies being handled now (for tests of the memory bound). */
  readonly inFlightBytes: number;
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY = 80 * 1024 * 1024;
/** Two of the largest bodies at once. */
const DEFAULT_MAX_IN_FLIGHT = 2 * DEFAULT_MAX_BODY;

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
  const token = options.token ?? newToken();
  const weak = tokenProblem(token);
  if (weak) return Promise.reject(new Error(`Browser mode needs a secret token that guards it: ${weak}.`));
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const bodies = createBodyReader(maxBody, options.maxInFlightBytes ?? Math.max(DEFAULT_MAX_IN_FLIGHT, 2 * maxBody));
  const staticRoot = path.resolve(options.staticDir);
  let port = 0;
  let session: Session;

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
      if (!session.authorizesCall(req)) return send(res, 401, problem('forbidden', 'Not signed in: open the URL Copydesk printed at launch (it carries the token).'));
      const read = await bodies.read(req);
      if (read === 'too-large') return send(res, 413, problem('validation', `Request larger than ${maxBody} bytes.`));
      if (read === 'busy') return send(res, 503, problem('conflict', 'The server is busy reading other large requests; try again in a moment.'), { 'retry-after': '1' });
      try {
        let message: unknown;
        try {
          message = JSON.parse(read.text());
        } catch {
          return send(res, 400, problem('validation', 'The request body is not valid JSON.'));
        }
        const { op, input } = (typeof message === 'object' && message !== null ? message : {}) as { op?: unknown; input?: unknown };
        if (typeof op !== 'string') return send(res, 400, problem('validation', 'The request needs an "op" string.'));
        return send(res, 200, await dispatch(options.ctx, op, input));
      } finally {
        read.done();
      }
    }

    if (url.pathname.startsWith('/media/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, problem('validation', 'Method not allowed.'));
      if (!session.authorizesMedia(req)) return send(res, 401, problem('forbidden', 'Not signed in: open the URL Copydesk printed at launch.'));
      const answer = mediaAnswer(options.ctx, url.pathname.slice('/media/'.length));
      if (answer.status !== 200) return send(res, answer.status, problem(answer.code, answer.message));
      res.writeHead(200, answer.headers);
      res.end(req.method === 'HEAD' ? undefined : answer.body);
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, problem('validation', 'Method not allowed.'));
    const launchToken = url.searchParams.get('token');
    if (launchToken !== null) return signIn(res, url, launchToken);
    return serveStatic(staticRoot, url.pathname, res);
  }

  /**
   * The launch URL: trade its token for the session cookie and send the browser to the same
   * address without it (the fragment, an article's route, survives the redirect), so the token
   * never reaches the history, the page's own URL or anything the page links to.
   */
  function signIn(res: http.ServerResponse, url: URL, given: string): void {
    if (!secretsMatch(given, token)) {
      res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', 'x-content-type-options': 'nosniff' });
      res.end('This link does not carry the token of the Copydesk running here. Open the URL Copydesk printed when it started.');
      return;
    }
    url.searchParams.delete('token');
    res.writeHead(303, {
      location: `${url.pathname}${url.search}`,
      'set-cookie': session.setCookie,
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    });
    res.end();
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      session = createSession(token, port);
      const base = `http://127.0.0.1:${port}`;
      resolve({
        url: base,
        launchUrl: `${base}/?token=${token}`,
        token,
        port,
        get inFlightBytes() {
          return bodies.inFlight;
        },
        close: () => new Promise<void>((done) => { server.closeAllConnections(); server.close(() => done()); }),
      });
    });
  });
}

function problem(code: string, message: string) {
  return { ok: false, error: { code, message } };
}

function send(res: http.ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...extra,
  });
  res.end(json);
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
