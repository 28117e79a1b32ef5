import { ApiError, call } from '../../api/client';
import type { LinkTargetState } from '../../../../core/content/checks';

const TTL_MS = 15_000;
const cache = new Map<number, { state: LinkTargetState; at: number }>();

/**
 * The state of the articles the text links to (live, unpublished, trashed, deleted), for the
 * broken-link check. Read with articles.get per target, cached for fifteen seconds (and dropped when the checks tab is opened): a body links
 * to a handful of articles, and the check runs as the editor types. (The related-articles
 * area's integrity functions answer the same question for stored bodies; the editor asks about
 * the links in the text being typed, saved or not.)
 */
export async function linkStates(ids: number[]): Promise<Map<number, LinkTargetState>> {
  const now = Date.now();
  const out = new Map<number, LinkTargetState>();
  await Promise.all(ids.slice(0, 200).map(async (id) => {
    const hit = cache.get(id);
    if (hit && now - hit.at < TTL_MS) {
      out.set(id, hit.state);
      return;
    }
    let state: LinkTargetState;
    try {
      const a = await call('articles.get', { id });
      state = a.deletedAt ? 'trashed' : a.status === 'published' ? 'live' : 'unpublished';
    } catch (err) {
      if (!(err instanceof ApiError && err.code === 'not_found')) return; // unknown: not judged
      state = 'missing';
    }
    cache.set(id, { state, at: now });
    out.set(id, state);
  }));
  return out;
}

export function forgetLinkStates(): void {
  cache.clear();
}
