import { useState } from 'react';
import { announceLibraryChange } from '../app/events';
import { useToast } from '../app/toasts';

/**
 * How the category and tag managers run a change: the last error is cleared; on success every
 * list in the window refreshes and a toast says what was done; a failure keeps its message for
 * the manager to show. `change` resolves to whether it succeeded.
 */
export function useTaxonomyChange() {
  const toast = useToast();
  const [error, setError] = useState<string | null>(null);
  const change = async (run: () => Promise<unknown>, done: string): Promise<boolean> => {
    setError(null);
    try {
      await run();
      announceLibraryChange();
      toast({ message: done });
      return true;
    } catch (err) {
      setError((err as Error).message);
      return false;
    }
  };
  return { change, error, setError };
}
