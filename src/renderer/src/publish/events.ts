/**
 * The library's bulk bar asks for an export of its selection; the dialog lives with the
 * publish actions in the top bar. An in-page event keeps the two from knowing each other.
 */
const OPEN_BULK_EXPORT = 'copydesk:open-bulk-export';

export function requestBulkExport(ids: number[]): void {
  window.dispatchEvent(new CustomEvent<{ ids: number[] }>(OPEN_BULK_EXPORT, { detail: { ids } }));
}

export function onBulkExportRequest(listener: (ids: number[]) => void): () => void {
  const handler = (e: Event) => listener((e as CustomEvent<{ ids: number[] }>).detail.ids);
  window.addEventListener(OPEN_BULK_EXPORT, handler);
  return () => window.removeEventListener(OPEN_BULK_EXPORT, handler);
}
