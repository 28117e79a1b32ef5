import type { Translate } from '../i18n/i18n';
import { messages, type MessageKey } from '../i18n/messages';

/** A report note or reason as the core sends it: a code and its parameters (src/core/ingest/import-notes.ts). */
export interface ImportNoteData {
  code: string;
  params?: Record<string, string | number>;
}

const known = (key: string): key is MessageKey => key in messages.en;

/** A note in the interface's language; a code this build does not know shows as the code. */
export function phraseImportNote(note: ImportNoteData, t: Translate): string {
  const key = `importNote.${note.code}`;
  if (!known(key)) return note.code;
  const params: Record<string, string | number> = { ...note.params };
  // Chrome parts and field names are codes too.
  for (const [name, prefix] of [['part', 'importChrome.'], ['field', 'importField.']] as const) {
    const value = params[name];
    if (typeof value === 'string' && known(prefix + value)) params[name] = t((prefix + value) as MessageKey);
  }
  return t(key, params);
}
