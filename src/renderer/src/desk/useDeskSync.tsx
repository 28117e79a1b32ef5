import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { call, ApiError, type ContractError, type OutputOf } from '../api/client';
import { announceLibraryChange } from '../app/events';
import { useToast } from '../app/toasts';
import { useI18n } from '../i18n/i18n';

export type DeskStatus = OutputOf<'desk.status'>;

interface DeskContext {
  status: DeskStatus | null;
  syncing: boolean;
  error: ContractError | null;
  refresh(): Promise<void>;
  sync(): Promise<void>;
}

const Context = createContext<DeskContext>({ status: null, syncing: false, error: null, refresh: async () => {}, sync: async () => {} });
export const useDesk = () => useContext(Context);

/** While the library is on a desk: sync every few minutes, and on Ctrl+Shift+Y from any page. */
const PERIOD_MS = 5 * 60 * 1000;

export function DeskProvider({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const toast = useToast();
  const [status, setStatus] = useState<DeskStatus | null>(null);
  const [syncing, setSyncing] = useState(false);
  const [error, setError] = useState<ContractError | null>(null);
  const running = useRef(false);

  const refresh = useCallback(async () => {
    try { setStatus(await call('desk.status', {})); } catch { /* shown by the view's next attempt */ }
  }, []);

  const run = useCallback(async (quiet: boolean) => {
    if (running.current) return;
    running.current = true;
    setSyncing(true);
    try {
      const r = await call('desk.sync', {});
      setError(null);
      if (r.pulled) announceLibraryChange();
      if (!quiet || r.conflicts.length) toast({ message: r.conflicts.length ? t('desk.syncedConflicts', { n: r.conflicts.length }) : t('desk.synced') });
    } catch (err) {
      const e = err instanceof ApiError ? err.error : { code: 'internal' as const, message: (err as Error).message };
      setError(e);
      const key = `desk.error.${String(e.details?.reason ?? 'other')}`;
      const text = t(key as never);
      if (!quiet) toast({ message: text === key ? t('desk.error.other') : text, tone: 'error' });
    } finally {
      running.current = false;
      setSyncing(false);
      await refresh();
    }
  }, [refresh, t, toast]);

  useEffect(() => { void refresh(); }, [refresh]);
  useEffect(() => {
    if (!status?.joined) return;
    const timer = setInterval(() => { if (document.visibilityState === 'visible') void run(true); }, PERIOD_MS);
    return () => clearInterval(timer);
  }, [status?.joined, run]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && e.code === 'KeyY' && status?.joined) {
        e.preventDefault();
        void run(false);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [status?.joined, run]);

  const value = useMemo(() => ({ status, syncing, error, refresh, sync: () => run(false) }), [status, syncing, error, refresh, run]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}
