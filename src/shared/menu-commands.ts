/**
 * Commands the main process sends to a renderer over the one-way menu channel
 * (`window.copydesk.onMenuCommand`). Types only: the renderer switches on `command`.
 */
export type MenuCommand =
  /** File › New Article: create an article and open it in this window. */
  | { command: 'article.new' }
  /** File › Open Article in New Window: the page answers with host('window.openArticle', {id}). */
  | { command: 'article.openInNewWindow' }
  /**
   * The window is about to close (or the library is about to change) while the page said it
   * holds unsaved work: save it now, then answer host('window.flushed', {requestId}). The shell
   * waits a bounded time and closes anyway.
   */
  | { command: 'window.flush'; requestId: string };

export type MenuCommandName = MenuCommand['command'];
