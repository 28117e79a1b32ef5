import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, call, type InputOf, type OutputOf } from '../api/client';
import { announceLibraryChange } from '../app/events';

export type Article = OutputOf<'articles.get'>;
export type ArticlePatch = Omit<InputOf<'articles.save'>, 'id' | 'version'>;
export type SaveState =
  | { kind: 'saved' }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'failed'; reason: string }
  | { kind: 'conflict'; currentVersion: number };

const IDLE_MS = 1000;
const RETRY_MS = 3000;

/**
 * Autosave: changes accumulate in a pending patch, saved after about a second of idle typing
 * (or at once on flush: blur, close, navigation). Each save names the version it edited; the
 * version returned becomes the base of the next one. A failed save keeps the patch and retries;
 * a conflict stops autosaving until the editor chooses what to do.
 */
export function useAutosave(article: Article | null, onSaved: (a: Article) => void) {
  const [state, setState] = useState<SaveState>({ kind: 'saved' });
  const pending = useRef<ArticlePatch>({});
  const version = useRef<number>(article?.version ?? 0);
  const timer = useRef<number | undefined>(undefined);
  const inFlight = useRef<Promise<void> | null>(null);
  const blocked = useRef(false);
  const id = article?.id;

  useEffect(() => {
    version.current = article?.version ?? 0;
  }, [article?.id, article?.version]);

  const saveNow = useCallback(async (): Promise<void> => {
    window.clearTimeout(timer.current);
    if (inFlight.current) await inFlight.current;
    if (id === undefined || blocked.current || Object.keys(pending.current).length === 0) return;
    const patch = pending.current;
    pending.current = {};
    setState({ kind: 'saving' });
    const run = (async () => {
      try {
        const saved = await call('articles.save', { ...patch, id, version: version.current });
        version.current = saved.version;
        onSaved(saved);
        setState(Object.keys(pending.current).length ? { kind: 'dirty' } : { kind: 'saved' });
        announceLibraryChange();
      } catch (err) {
        pending.current = { ...patch, ...pending.current };
        if (err instanceof ApiError && err.code === 'conflict') {
          blocked.current = true;
          setState({ kind: 'conflict', currentVersion: Number(err.error.details?.currentVersion ?? 0) });
        } else {
          setState({ kind: 'failed', reason: (err as Error).message });
          timer.current = window.setTimeout(() => void saveNow(), RETRY_MS);
        }
      }
    })();
    inFlight.current = run;
    await run;
    inFlight.current = null;
    if (Object.keys(pending.current).length && !blocked.current) schedule();
  }, [id, onSaved]);

  const schedule = useCallback(() => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void saveNow(), IDLE_MS);
  }, [saveNow]);

  const update = useCallback((patch: ArticlePatch) => {
    pending.current = { ...pending.current, ...patch };
    if (!blocked.current) {
      setState((s) => (s.kind === 'saving' ? s : { kind: 'dirty' }));
      schedule();
    }
  }, [schedule]);

  /** After a conflict: continue from the library's version (used by "keep mine"). */
  const rebase = useCallback((newVersion: number) => {
    version.current = newVersion;
    blocked.current = false;
    void saveNow();
  }, [saveNow]);

  /** After a conflict: drop local changes (used by "reload theirs"). */
  const discard = useCallback(() => {
    pending.current = {};
    blocked.current = false;
    setState({ kind: 'saved' });
  }, []);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  return { state, update, saveNow, rebase, discard, hasPending: () => Object.keys(pending.current).length > 0 };
}
