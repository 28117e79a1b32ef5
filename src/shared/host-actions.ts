import { z } from 'zod';

/**
 * Host-only actions: things only the desktop shell can do (native dialogs, windows, the list of
 * recent libraries). A small allow-list separate from the core contract, each with a strict
 * input schema, validated in the main process before anything happens. Browser mode offers the
 * same actions in the page by other means.
 *
 * No action takes a file path for writing or reading from the renderer: the user picks the file
 * in a native dialog, so a compromised page cannot name a path. The one path the renderer may
 * name (opening a recent library) must already be on the recent list kept by the main process.
 */

/** A little under Chromium's default IPC message ceiling; exports larger than this go through the core. */
export const HOST_LIMITS = {
  fileBytes: 64 * 1024 * 1024,
  fileName: 255,
  filterName: 100,
  extensions: 20,
  path: 4096,
} as const;

const FileFilter = z.strictObject({
  name: z.string().min(1).max(HOST_LIMITS.filterName),
  extensions: z
    .array(z.string().regex(/^(\*|[A-Za-z0-9]{1,16})$/, 'an extension is 1–16 letters or digits without a dot, or "*"'))
    .min(1)
    .max(HOST_LIMITS.extensions),
});

/** A file name only: no separators, no `..`, no NUL. The folder is the user's choice in the dialog. */
export const SuggestedFileName = z
  .string()
  .min(1)
  .max(HOST_LIMITS.fileName)
  .refine((n) => !/[\\/\0]/.test(n) && n !== '.' && n !== '..', 'a suggested file name cannot contain "/", "\\" or NUL, nor be "." or ".."');

const RequestId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a request id is 1–64 letters, digits, "_" or "-"');

const LibraryRef = z.strictObject({ path: z.string(), name: z.string() });

export const hostActions = {
  /** The library this window is showing, and the recent list (for an "Open Recent" menu in the page). */
  'library.current': {
    input: z.strictObject({}),
    output: z.strictObject({ path: z.string(), recent: z.array(LibraryRef) }),
  },
  /** Native open dialog for another library; switches to it when the user picks one. */
  'library.openDialog': {
    input: z.strictObject({}),
    output: z.strictObject({ opened: z.boolean(), path: z.string().optional() }),
  },
  /** Native save dialog for a new, empty library; switches to it. */
  'library.createDialog': {
    input: z.strictObject({}),
    output: z.strictObject({ opened: z.boolean(), path: z.string().optional() }),
  },
  /** Switch to a library on the recent list (any other path is refused). */
  'library.openRecent': {
    input: z.strictObject({ path: z.string().min(1).max(HOST_LIMITS.path) }),
    output: z.strictObject({ opened: z.boolean(), path: z.string().optional() }),
  },
  /** Open one article in a window of its own (same renderer, `#/article/ID`). */
  'window.openArticle': {
    input: z.strictObject({ id: z.int().positive().max(Number.MAX_SAFE_INTEGER) }),
    output: z.strictObject({ opened: z.literal(true) }),
  },
  /** The page tells the shell whether it holds unsaved work (drives the flush on close). */
  'window.setEdited': {
    input: z.strictObject({ edited: z.boolean() }),
    output: z.strictObject({}),
  },
  /** The page's answer to a `window.flush` command: its unsaved work is saved (or given up). */
  'window.flushed': {
    input: z.strictObject({ requestId: RequestId }),
    output: z.strictObject({}),
  },
  /** Native save dialog, then write the given content to the file the user chose. */
  'file.saveAs': {
    input: z.strictObject({
      suggestedName: SuggestedFileName,
      content: z.union([
        z.string().max(HOST_LIMITS.fileBytes, `content is limited to ${HOST_LIMITS.fileBytes} characters`),
        z.instanceof(Uint8Array).refine((b) => b.byteLength <= HOST_LIMITS.fileBytes, `content is limited to ${HOST_LIMITS.fileBytes} bytes`),
      ]),
      filters: z.array(FileFilter).max(10).optional(),
    }),
    output: z.strictObject({ saved: z.boolean(), path: z.string().optional(), bytes: z.int().optional() }),
  },
  /** Native open dialog; returns the chosen files' names and bytes (never a path to read later). */
  'file.open': {
    input: z.strictObject({
      filters: z.array(FileFilter).max(10).optional(),
      multiple: z.boolean().optional(),
    }),
    output: z.strictObject({
      files: z.array(z.strictObject({ name: z.string(), bytes: z.int(), content: z.instanceof(Uint8Array) })),
    }),
  },
  /**
   * Native folder picker, for a bulk export's destination. Returns the folder the user chose;
   * the page passes it on to the core's export.folder, which writes only inside it.
   */
  'folder.pick': {
    input: z.strictObject({ title: z.string().max(200).optional() }),
    output: z.strictObject({ path: z.string().optional() }),
  },
} as const;

export type HostActions = typeof hostActions;
export type HostActionName = keyof HostActions;
export type HostInput<A extends HostActionName> = z.input<HostActions[A]['input']>;
export type HostOutput<A extends HostActionName> = z.output<HostActions[A]['output']>;

export function isHostActionName(name: unknown): name is HostActionName {
  return typeof name === 'string' && Object.hasOwn(hostActions, name);
}
