import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { call, type InputOf, type OutputOf } from '../api/client';

export type Settings = OutputOf<'settings.get'>;
export type SettingsPatch = InputOf<'settings.set'>;

interface SettingsContextValue {
  settings: Settings;
  /** Saves through the contract; the whole app (language, theme) follows as soon as it returns. */
  update(patch: SettingsPatch): Promise<Settings>;
}

const SettingsContext = createContext<SettingsContextValue | null>(null);

export function SettingsProvider({ initial, children }: { initial: Settings; children: ReactNode }) {
  const [settings, setSettings] = useState(initial);
  const update = useCallback(async (patch: SettingsPatch) => {
    const next = await call('settings.set', patch);
    setSettings(next);
    return next;
  }, []);
  const value = useMemo(() => ({ settings, update }), [settings, update]);
  return <SettingsContext.Provider value={value}>{children}</SettingsContext.Provider>;
}

export function useSettings(): SettingsContextValue {
  const value = useContext(SettingsContext);
  if (!value) throw new Error('useSettings outside SettingsProvider');
  return value;
}
