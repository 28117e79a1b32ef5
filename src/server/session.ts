import crypto from 'node:crypto';
import type http from 'node:http';

/**
 * Who may use browser mode. The launch token (printed once, in the URL a person opens) is traded
 * at the first page load for an HttpOnly, SameSite=Strict session cookie, and the page is
 * redirected to the same address without the token, so the token stays out of the browser's
 * history, its cache keys and every URL the app makes (media, article tabs). Scripts and tests
 * may still send the token itself in the `x-copydesk-token` header.
 */
export const TOKEN_HEADER = 'x-copydesk-token';
/**
 * Sent by the app's own fetches along with the cookie. A custom header cannot be sent
 * cross-origin without a CORS preflight, which this server never answers, so a page elsewhere
 * cannot ride on the cookie even where the browser would attach it.
 */
export const PAGE_HEADER = 'x-copydesk-page';
export const MIN_TOKEN_LENGTH = 32;

/** Why a token given by the user cannot guard the server, or null when it can. */
export function tokenProblem(token: string): string | null {
  if (token.length === 0) return 'the token is empty';
  if (/[^\x21-\x7e]/.test(token)) return 'the token may hold only printable ASCII characters without spaces';
  if (token.length < MIN_TOKEN_LENGTH) return `the token is ${token.length} characters long; it needs at least ${MIN_TOKEN_LENGTH}`;
  return null;
}

export function newToken(): string {
  return crypto.randomBytes(24).toString('hex');
}

export function secretsMatch(given: string | string[] | undefined | null, secret: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

export interface Session {
  /** The cookie's name carries the port: cookies are not told apart by port, instances are. */
  cookieName: string;
  /** Set-Cookie value for a browser that showed the launch token. */
  setCookie: string;
  /** A request from the app's page (cookie + page header) or a tool (token header). */
  authorizesCall(req: http.IncomingMessage): boolean;
  /** A request the browser makes by itself (an <img>): the cookie alone. */
  authorizesMedia(req: http.IncomingMessage): boolean;
}

export function createSession(token: string, port: number): Session {
  const secret = crypto.randomBytes(32).toString('base64url');
  const cookieName = `copydesk-session-${port}`;
  const hasCookie = (req: http.IncomingMessage) => secretsMatch(readCookie(req.headers.cookie, cookieName), secret);
  const hasToken = (req: http.IncomingMessage) => secretsMatch(req.headers[TOKEN_HEADER], token);
  return {
    cookieName,
    setCookie: `${cookieName}=${secret}; Path=/; HttpOnly; SameSite=Strict`,
    authorizesCall: (req) => hasToken(req) || (req.headers[PAGE_HEADER] === '1' && hasCookie(req)),
    authorizesMedia: (req) => hasToken(req) || hasCookie(req),
  };
}

function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
