import { useCallback, useEffect, useRef, useState } from 'react';
import { call, type OutputOf } from '../api/client';
import { announceLibraryChange, onLibraryChange } from '../app/events';

export type RelatedList = OutputOf<'related.list'>;
export type ListedArticle = RelatedList['links'][number];
export type InTextArticle = RelatedList['inText'][number];
export type Backlink = OutputOf<'related.backlinks'>['backlinks'][number];
export type Suggestions = OutputOf<'related.suggest'>;
export type Suggestion = Suggestions['suggestions'][number];
export type NearDuplicate = Suggestions['nearDuplicates'][number];

export interface RelatedData {
  list: RelatedList | null;
  backlinks: Backlink[] | null;
  suggestions: Suggestions | null;
  error: string | null;
}

const SUGGESTION_COUNT = 8;

/**
 * The related-articles data of one article, all through the contract: the curated list and
 * links in the text (`related.list`), "Linked from" (`related.backlinks`) and suggestions
 * (`related.suggest`). Every change answers with the whole list, which replaces ours; the
 * suggestions and backlinks are then read again, since an added article stops being a
 * suggestion and a reciprocal link shows up as a backlink.
 */
export function useRelated(articleId: number, publishedOnly: boolean) {
  const [data, setData] = useState<RelatedData>({ list: null, backlinks: null, suggestions: null, error: null });
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  const loadOthers = useCallback(async () => {
    try {
      const [b, s] = await Promise.all([
        call('related.backlinks', { id: articleId }),
        call('related.suggest', { id: articleId, limit: SUGGESTION_COUNT, publishedOnly }),
      ]);
      if (live.current) setData((d) => ({ ...d, backlinks: b.backlinks, suggestions: s, error: null }));
    } catch (err) {
      if (live.current) setData((d) => ({ ...d, error: (err as Error).message }));
    }
  }, [articleId, publishedOnly]);

  const reload = useCallback(async () => {
    try {
      const list = await call('related.list', { id: articleId });
      if (live.current) setData((d) => ({ ...d, list, error: null }));
    } catch (err) {
      if (live.current) setData((d) => ({ ...d, error: (err as Error).message }));
    }
    await loadOthers();
  }, [articleId, loadOthers]);

  useEffect(() => {
    void reload();
  }, [reload]);

  // A save of the body changes "In the text"; a trash or restore elsewhere changes the flags.
  useEffect(() => {
    let timer: number | undefined;
    const off = onLibraryChange(() => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void reload(), 400);
    });
    return () => {
      off();
      window.clearTimeout(timer);
    };
  }, [reload]);

  /** Applies the list a change answered with, then refreshes the rest. */
  const settle = useCallback((list: RelatedList, reciprocalChanged: boolean) => {
    if (live.current) setData((d) => ({ ...d, list }));
    void loadOthers();
    // Another article's list changed too: let other views (an open window, the library) know.
    if (reciprocalChanged) announceLibraryChange();
  }, [loadOthers]);

  /** Appends, or puts it at `position` (an undo of a removal puts it back where it was). */
  const add = useCallback(async (targetId: number, reciprocal: boolean, position?: number) => {
    settle(await call('related.add', { id: articleId, targetId, reciprocal, ...(position !== undefined ? { position } : {}) }), reciprocal);
  }, [articleId, settle]);

  const remove = useCallback(async (targetId: number, reciprocal: boolean) => {
    settle(await call('related.remove', { id: articleId, targetId, reciprocal }), reciprocal);
  }, [articleId, settle]);

  /**
   * Optimistic: the new order shows at once; a refusal puts the stored order back. Quick
   * Alt+↑ presses send several orders: only the answer to the newest one is applied, so an
   * older answer arriving late never undoes a later move on screen.
   */
  const reorderSeq = useRef(0);
  const reorder = useCallback(async (order: number[]) => {
    const seq = ++reorderSeq.current;
    const before = data.list;
    if (before) {
      const byId = new Map(before.links.map((l) => [l.id, l]));
      const links = order.map((id, position) => ({ ...byId.get(id)!, position }));
      setData((d) => ({ ...d, list: { ...before, links } }));
    }
    try {
      const list = await call('related.reorder', { id: articleId, order });
      if (live.current && seq === reorderSeq.current) setData((d) => ({ ...d, list }));
    } catch (err) {
      if (live.current && seq === reorderSeq.current) setData((d) => ({ ...d, list: before }));
      throw err;
    }
  }, [articleId, data.list]);

  return { ...data, reload, add, remove, reorder };
}
