/**
 * Dates as sources write them, to the ISO-8601 UTC strings the library stores.
 *
 * A date without an offset (`2024-09-27`, `2024-09-27 10:00`, `2024年9月27日`) is read as UTC:
 * the sources we import carry no reliable time zone (Hugo and Jekyll also default to UTC), and
 * reading it as UTC keeps the written calendar date whatever machine runs the import.
 */
const ISO_LIKE =
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2}|UTC|GMT)?$/i;
const CHINESE = /^(\d{4})年(\d{1,2})月(\d{1,2})日?(?:\s*(\d{1,2})[:：时](\d{2})(?:[:：分](\d{2})秒?)?)?$/;

export function parseLooseDate(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value === 'number') {
    // Unix time in seconds or milliseconds (some static-site generators write these).
    if (!Number.isFinite(value) || value <= 0) return null;
    const ms = value < 1e11 ? value * 1000 : value;
    return validIso(new Date(ms));
  }
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const m = ISO_LIKE.exec(text);
  if (m) {
    const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', zone] = m;
    const ms = Number(`0.${frac}`) * 1000;
    const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Math.round(ms));
    if (!sameCalendar(utc, Number(y), Number(mo), Number(d))) return null;
    let offsetMin = 0;
    if (zone && /^[+-]/.test(zone)) {
      const z = zone.replace(':', '');
      offsetMin = (z.startsWith('-') ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5)));
    }
    return validIso(new Date(utc - offsetMin * 60_000));
  }
  const c = CHINESE.exec(text);
  if (c) {
    const [, y, mo, d, h = '0', mi = '0', s = '0'] = c;
    const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
    return sameCalendar(utc, Number(y), Number(mo), Number(d)) ? validIso(new Date(utc)) : null;
  }
  return null;
}

/** WordPress writes `0000-00-00 00:00:00` for "no date" (unpublished drafts). */
export function wordpressDate(gmt: string, local: string): string | null {
  for (const candidate of [gmt, local]) {
    if (candidate && !candidate.startsWith('0000')) {
      const iso = parseLooseDate(candidate);
      if (iso) return iso;
    }
  }
  return null;
}

function sameCalendar(utc: number, y: number, m: number, d: number): boolean {
  const date = new Date(utc);
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function validIso(date: Date): string | null {
  const t = date.getTime();
  // Years 1000-9999: anything else is a typo, and would not sort as text.
  return Number.isNaN(t) || date.getUTCFullYear() < 1000 || date.getUTCFullYear() > 9999 ? null : date.toISOString();
}
