import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, call, type InputOf, type OutputOf } from '../api/client';
import { announceLibraryChange } from '../app/events';
import { clearJournal, windowId, writeJournal } from './journal';

export type Article = OutputOf<'articles.get'>;
export type ArticlePatch = Omit<InputOf<'articles.save'>, 'id' | 'version'>;
export type SaveState =
  | { kind: 'saved' }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'failed'; reason: string; retrying: boolean }
  | { kind: 'conflict'; currentVersion: number; updatedAt: string };

const IDLE_MS = 1000;
const RETRY_MS = [2_000, 5_000, 10_000, 30_000];

export interface AutosaveOptions {
  article: Article;
  /** A save was acknowledged: `sent` is the patch it carried. */
  onSaved: (saved: Article, sent: ArticlePatch) => void;
  /** The library refused one field (a taken slug): the field is dropped from the save and reported. */
  onFieldError: (field: string, message: string) => void;
  /** A new article (id 0) was stored by its first change: from now on saves go to `created`. */
  onCreated?: (created: Article) => void;
}

/**
 * Autosave: changes gather in a pending patch, saved after about a second of idle typing, or at
 * once on flush (blur, close, reload, Ctrl+S). Every change is first journaled synchronously
 * (journal.ts). Each save names the version it edited; the version returned is the base of the
 * next. A failed save keeps the patch and retries with backoff (a validation failure waits for
 * the next change instead, since sending the same thing again cannot succeed); a refused field
 * is taken out so the rest still saves; a conflict stops saving until the editor chooses.
 * The state object only changes when its kind does, so typing does not re-render the page.
 */
export function useAutosave({ article, onSaved, onFieldError, onCreated }: AutosaveOptions) {
  const [state, setStateRaw] = useState<SaveState>({ kind: 'saved' });
  const stateRef = useRef(state);
  const setState = useCallback((next: SaveState) => {
    const cur = stateRef.current;
    if (cur.kind === next.kind && JSON.stringify(cur) === JSON.stringify(next)) return;
    stateRef.current = next;
    setStateRaw(next);
  }, []);

  const pending = useRef<ArticlePatch>({});
  const inflight = useRef<ArticlePatch | null>(null);
  const running = useRef<Promise<void> | null>(null);
  const version = useRef(article.version);
  const timer = useRef<number | undefined>(undefined);
  const attempts = useRef(0);
  const blocked = useRef(false);
  const callbacks = useRef({ onSaved, onFieldError, onCreated });
  callbacks.current = { onSaved, onFieldError, onCreated };
  // A new article has id 0 until its first change creates it; until then its journal is kept
  // under id 0 (offered back when a new article is opened again), then under the real id.
  const ident = useRef({ id: article.id, createdAt: article.createdAt });

  const unsaved = useCallback((): ArticlePatch => ({ ...(inflight.current ?? {}), ...pending.current }), []);
  const hasUnsaved = useCallback(() => Object.keys(unsaved()).length > 0, [unsaved]);

  const journal = useCallback(() => {
    const { id, createdAt } = ident.current;
    const patch = unsaved();
    if (Object.keys(patch).length === 0) clearJournal(id, createdAt);
    else writeJournal({ owner: windowId(), articleId: id, createdAt, baseVersion: version.current, changedAt: Date.now(), patch });
  }, [unsaved]);

  const saveNow = useCallback(async (): Promise<void> => {
    window.clearTimeout(timer.current);
    while (running.current) await running.current;
    if (blocked.current || Object.keys(pending.current).length === 0) return;
    const patch = pending.current;
    pending.current = {};
    inflight.current = patch;
    setState({ kind: 'saving' });
    const run = (async () => {
      try {
        const creating = ident.current.id === 0;
        const saved = creating
          ? await call('articles.create', patch)
          : await call('articles.save', { ...patch, id: ident.current.id, version: version.current });
        if (creating) {
          clearJournal(ident.current.id, ident.current.createdAt);
          ident.current = { id: saved.id, createdAt: saved.createdAt };
          callbacks.current.onCreated?.(saved);
        }
        version.current = saved.version;
        inflight.current = null;
        attempts.current = 0;
        journal();
        callbacks.current.onSaved(saved, patch);
        setState(Object.keys(pending.current).length ? { kind: 'dirty' } : { kind: 'saved' });
        announceLibraryChange();
      } catch (err) {
        inflight.current = null;
        pending.current = { ...patch, ...pending.current };
        const e = err instanceof ApiError ? err : null;
        const field = typeof e?.error.details?.field === 'string' ? e.error.details.field : null;
        if (e?.code === 'conflict') {
          blocked.current = true;
          setState({ kind: 'conflict', currentVersion: Number(e.error.details?.currentVersion ?? 0), updatedAt: String(e.error.details?.updatedAt ?? '') });
        } else if (e?.code === 'validation' && field && field in pending.current) {
          // One refused field (a slug another article holds): report it, save the rest.
          delete (pending.current as Record<string, unknown>)[field];
          callbacks.current.onFieldError(field, e.message);
          journal();
          if (Object.keys(pending.current).length) timer.current = window.setTimeout(() => void saveNow(), 0);
          else setState({ kind: 'saved' });
        } else if (e?.code === 'validation' || e?.code === 'not_found') {
          setState({ kind: 'failed', reason: (err as Error).message, retrying: false });
        } else {
          const delay = RETRY_MS[Math.min(attempts.current, RETRY_MS.length - 1)]!;
          attempts.current++;
          setState({ kind: 'failed', reason: (err as Error).message, retrying: true });
          timer.current = window.setTimeout(() => void saveNow(), delay);
        }
      }
    })();
    running.current = run;
    await run;
    running.current = null;
  }, [journal, setState]);

  const schedule = useCallback((ms = IDLE_MS) => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void saveNow(), ms);
  }, [saveNow]);

  const update = useCallback((patch: ArticlePatch) => {
    pending.current = { ...pending.current, ...patch };
    journal();
    if (blocked.current) return;
    if (stateRef.current.kind !== 'saving') setState({ kind: 'dirty' });
    // Also after a refused save: the next change is the moment to try again. A new article is
    // stored at its first change at once, so the journal (keyed by its id) covers the rest.
    schedule(ident.current.id === 0 ? 0 : IDLE_MS);
  }, [journal, schedule, setState]);

  /** After a conflict: continue from the library's version (keep mine). */
  const rebase = useCallback(async (newVersion: number) => {
    version.current = newVersion;
    blocked.current = false;
    attempts.current = 0;
    await saveNow();
  }, [saveNow]);

  /** Drop local changes and continue from `newVersion` (reload theirs, restore a revision). */
  const reset = useCallback((newVersion: number) => {
    window.clearTimeout(timer.current);
    pending.current = {};
    version.current = newVersion;
    blocked.current = false;
    attempts.current = 0;
    clearJournal(ident.current.id, ident.current.createdAt);
    setState({ kind: 'saved' });
  }, [setState]);

  useEffect(() => () => window.clearTimeout(timer.current), []);
  const storedId = useCallback(() => ident.current.id, []);

  return {
    state, update, saveNow, rebase, reset, hasUnsaved, unsaved,
    version: () => version.current,
    /** The article's id: 0 while a new article has not been stored yet. */
    id: storedId,
  };
}

export type Autosave = ReturnType<typeof useAutosave>;
