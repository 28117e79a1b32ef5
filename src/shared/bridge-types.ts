/**
 * The type of `window.copydesk`, the client the Electron preload exposes to the renderer.
 * Types only (nothing here exists at run time), so the renderer can import it freely. In
 * browser mode `window.copydesk` is absent and the renderer talks HTTP to the same contract.
 */
import type { Result } from '../core/api/contract.js';
import type { InputOf, OutputOf } from '../core/api/dispatch.js';
import type { OperationName } from '../core/api/operations/index.js';
import type { HostActionName, HostInput, HostOutput } from './host-actions.js';
import type { MenuCommand } from './menu-commands.js';

export type { MenuCommand, MenuCommandName } from './menu-commands.js';
export type { HostActionName, HostInput, HostOutput } from './host-actions.js';

export interface CopydeskBridge {
  /** One contract call; never rejects for a contract failure: it resolves to `{ok: false, error}`. */
  call<N extends OperationName>(op: N, input: InputOf<N>): Promise<Result<OutputOf<N>>>;
  /** One host-only action (dialogs, windows, recent libraries); also resolves to a Result. */
  host<A extends HostActionName>(action: A, input: HostInput<A>): Promise<Result<HostOutput<A>>>;
  /** Subscribe to menu / window commands; returns the unsubscribe function. */
  onMenuCommand(callback: (command: MenuCommand) => void): () => void;
  /** `process.platform` of the shell ('darwin', 'linux', 'win32'), for labels and shortcuts. */
  readonly platform: string;
}

declare global {
  interface Window {
    /** Present under Electron only. */
    copydesk?: CopydeskBridge;
  }
}
