import type { Translate } from '../i18n/i18n';

/**
 * Bulk export of the selected articles (issue 6). The core's export operation is still being
 * built; until it is in the contract the action stays visible but disabled, with a tooltip that
 * says why. Wiring it is this file only.
 */
export function exportAvailable(): boolean {
  return false;
}

export async function bulkExport(_ids: number[], t: Translate): Promise<string> {
  throw new Error(t('bulk.exportUnavailable'));
}
