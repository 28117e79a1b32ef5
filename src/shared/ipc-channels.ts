/**
 * The only IPC channel names the preload and the main process use. Kept in one dependency-free
 * file so both sides (and the tests) agree; the preload bundles it, so it must stay import-free.
 */
export const IPC_CHANNELS = {
  /** renderer -> main (invoke): one contract call {op, input}; answered with a Result value. */
  call: 'copydesk:call',
  /** renderer -> main (invoke): one host-only action {action, input}; answered with a Result. */
  host: 'copydesk:host',
  /** main -> renderer (send): a menu or window command, one way. */
  menu: 'copydesk:menu',
} as const;

export type IpcChannel = (typeof IPC_CHANNELS)[keyof typeof IPC_CHANNELS];
