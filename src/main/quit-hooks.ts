/**
 * Work to run once when the app quits, after every window has flushed and closed but while the
 * library is still open: the hook point for the automatic backup on quit (issue 7's trust work
 * registers it here). Each hook gets a bounded time; a failing hook is reported, not fatal.
 */
export interface QuitContext {
  libraryPath: string;
  db: import('better-sqlite3').Database;
}

export type QuitHook = (ctx: QuitContext) => Promise<void> | void;

const hooks: Array<{ name: string; run: QuitHook }> = [];

export function onQuit(name: string, run: QuitHook): void {
  hooks.push({ name, run });
}

export async function runQuitHooks(ctx: QuitContext, timeoutMs = 15_000, log: (msg: string) => void = console.error): Promise<void> {
  for (const hook of hooks) {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        Promise.resolve().then(() => hook.run(ctx)),
        new Promise<void>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
    } catch (err) {
      log(`Copydesk: quit hook "${hook.name}" failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      clearTimeout(timer);
    }
  }
}
