import type { MessageRef } from '../errors.js';

const STATUS = /^(draft|in_review|ready|published|archived) → (draft|in_review|ready|published|archived)$/;
const RESTORE = /^before restoring revision #(\d+)$/;

/**
 * The label the core itself wrote on a revision (a status change, the snapshot before a
 * restore), as a message the UI phrases in its language. The English label stays in the
 * library for the CLI; a label an editor typed is their text and gets no note.
 */
export function revisionNote(reason: string, label: string): MessageRef | undefined {
  if (reason === 'status') {
    const m = STATUS.exec(label);
    if (m) return { key: 'revision.status', params: { from: m[1]!, to: m[2]! } };
  }
  if (reason === 'restore') {
    const m = RESTORE.exec(label);
    if (m) return { key: 'revision.beforeRestore', params: { id: m[1]! } };
  }
  return undefined;
}
