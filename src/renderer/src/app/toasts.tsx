import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';

/**
 * Short notices at the bottom of the window ("3 articles moved to the trash — Undo"). Announced
 * politely to screen readers; a notice with an action stays longer, and Ctrl+Z (outside text
 * fields) runs the newest undo.
 */
export interface ToastInput {
  message: string;
  action?: { label: string; run(): Promise<void> | void };
  tone?: 'info' | 'error';
  /** Milliseconds before it goes away; default 5 s, 10 s with an action. */
  timeoutMs?: number;
}

interface Toast extends ToastInput { id: number }

const ToastContext = createContext<(toast: ToastInput) => void>(() => {});

export const useToast = () => useContext(ToastContext);

export function ToastProvider({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Map<number, number>());

  const dismiss = useCallback((id: number) => {
    setToasts((list) => list.filter((x) => x.id !== id));
    const timer = timers.current.get(id);
    if (timer !== undefined) window.clearTimeout(timer);
    timers.current.delete(id);
  }, []);

  const show = useCallback((input: ToastInput) => {
    const id = nextId.current++;
    setToasts((list) => [...list.slice(-3), { ...input, id }]);
    timers.current.set(id, window.setTimeout(() => dismiss(id), input.timeoutMs ?? (input.action ? 10_000 : 5_000)));
  }, [dismiss]);

  const runAction = useCallback(async (toast: Toast) => {
    dismiss(toast.id);
    try {
      await toast.action?.run();
    } catch (err) {
      show({ message: (err as Error).message, tone: 'error' });
    }
  }, [dismiss, show]);

  // Ctrl+Z outside text fields undoes the newest undoable action.
  const latest = useRef<Toast | undefined>(undefined);
  latest.current = [...toasts].reverse().find((x) => x.action);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey || e.key.toLowerCase() !== 'z') return;
      const target = e.target as HTMLElement | null;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      if (!latest.current) return;
      e.preventDefault();
      void runAction(latest.current);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [runAction]);

  const value = useMemo(() => show, [show]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="toasts" role="status" aria-live="polite" data-testid="toasts">
        {toasts.map((toast) => (
          <div key={toast.id} className={`toast toast-${toast.tone ?? 'info'}`}>
            <span>{toast.message}</span>
            {toast.action && (
              <button type="button" onClick={() => void runAction(toast)}>{toast.action.label}</button>
            )}
            <button type="button" className="icon" aria-label={t('common.dismiss')} onClick={() => dismiss(toast.id)}>×</button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}
