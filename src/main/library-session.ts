import { openLibrary, type Library } from '../core/db/open.js';
import type { CoreContext } from '../core/api/contract.js';
import { seedWelcomeContent } from '../core/samples/welcome.js';
import { tidyBetweenSaves } from '../core/db/between-saves.js';
import { warmUp } from '../core/api/warm-up.js';

/**
 * The one library the app has open. Switching opens the new file first and only then closes the
 * old one, so a refused file (not a library, too new, damaged) leaves the app where it was.
 */
export class LibrarySession {
  private library: Library | null = null;
  private stopTidying: () => void = () => {};

  constructor(private readonly options: { nativeBinding?: string }) {}

  get context(): CoreContext | null {
    return this.library ? { db: this.library.db, libraryPath: this.library.path } : null;
  }

  get path(): string | null {
    return this.library?.path ?? null;
  }

  /**
   * `seedIfNew`: a library the app creates on its own (first run, or `--library` naming a new
   * file) starts with the welcome articles; one the user creates with File › New Library… starts
   * empty, as asked.
   */
  async open(file: string, { seedIfNew = true }: { seedIfNew?: boolean } = {}): Promise<Library> {
    const next = await openLibrary(file, { nativeBinding: this.options.nativeBinding });
    if (next.created && seedIfNew) {
      try {
        seedWelcomeContent(next.db);
      } catch (err) {
        next.close();
        throw err;
      }
    }
    const previous = this.library;
    this.stopTidying();
    this.library = next;
    this.stopTidying = tidyBetweenSaves(next.db);
    warmUp({ db: next.db, libraryPath: next.path });
    previous?.close();
    return next;
  }

  close(): void {
    const lib = this.library;
    this.library = null;
    this.stopTidying();
    lib?.close();
  }
}
