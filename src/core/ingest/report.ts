import type { ImportKind } from './draft.js';
import type { ImportNote } from './import-notes.js';

export type ImportStatus = 'imported' | 'updated' | 'skipped' | 'failed';

/** One line of an import report: a file, or one item of a multi-article file (a WXR post). */
export interface ImportLine {
  file: string;
  item?: string;
  kind?: ImportKind;
  status: ImportStatus;
  /** Why it was skipped or failed. */
  reason?: ImportNote;
  /** What an editor may want to know about an imported article (dropped scripts, renamed slug...). */
  notes?: ImportNote[];
  articleId?: number;
  title?: string;
}

export interface ImportReport {
  counts: Record<ImportStatus, number>;
  items: ImportLine[];
  /** Related-article links written in this run (resolved slugs and titles). */
  relatedLinks: number;
}

export function emptyReport(): ImportReport {
  return { counts: { imported: 0, updated: 0, skipped: 0, failed: 0 }, items: [], relatedLinks: 0 };
}

export function addLine(report: ImportReport, line: ImportLine): void {
  report.items.push(line);
  report.counts[line.status]++;
}

export function mergeReports(into: ImportReport, from: ImportReport): void {
  for (const line of from.items) addLine(into, line);
  into.relatedLinks += from.relatedLinks;
}
