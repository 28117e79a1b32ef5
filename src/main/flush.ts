import { randomUUID } from 'node:crypto';

/**
 * The close handshake: before a window with unsaved work closes (or the library changes under
 * it), the shell asks the page to save and waits for its answer, but only for a bounded time,
 * so a hung page can never keep the app from quitting.
 */
export type FlushOutcome = 'flushed' | 'timeout';

export class FlushCoordinator {
  private pending = new Map<string, (outcome: FlushOutcome) => void>();

  /**
   * Sends `window.flush` through `send` and resolves when the page acknowledges or after
   * `timeoutMs`. `send` failing (the page is gone) counts as nothing to wait for.
   */
  request(send: (requestId: string) => void, timeoutMs: number): Promise<FlushOutcome> {
    const requestId = randomUUID();
    return new Promise<FlushOutcome>((resolve) => {
      const timer = setTimeout(() => finish('timeout'), timeoutMs);
      const finish = (outcome: FlushOutcome) => {
        if (!this.pending.delete(requestId)) return;
        clearTimeout(timer);
        resolve(outcome);
      };
      this.pending.set(requestId, finish);
      try {
        send(requestId);
      } catch {
        finish('timeout');
      }
    });
  }

  /** The page's answer; unknown or repeated ids are ignored. Returns whether it matched. */
  acknowledge(requestId: string): boolean {
    const finish = this.pending.get(requestId);
    if (!finish) return false;
    finish('flushed');
    return true;
  }

  get waiting(): number {
    return this.pending.size;
  }
}
