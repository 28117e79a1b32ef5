import type { Translate } from '../i18n/i18n';
import { requestBulkExport } from '../publish/events';

/**
 * Bulk export of the selected articles (issue 6): opens the export dialog (format, folder,
 * progress, result), which lives with the publish actions in the shell. Wiring it is this file only.
 */
export function exportAvailable(): boolean {
  return true;
}

/** Opens the dialog; it reports the outcome itself, so there is no message for a toast. */
export async function bulkExport(ids: number[], _t: Translate): Promise<string> {
  requestBulkExport(ids);
  return '';
}
