import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { BulkExportDialog } from './BulkExportDialog';
import { ImportDialog } from './ImportDialog';
import { onBulkExportRequest } from './events';

/**
 * The top bar's "Import…" button, and the home of the two long-running dialogs: import, and
 * the bulk export the library's selection asks for (see events.ts). Lives in the shell so a
 * dialog survives moving between the library and an article.
 */
export function PublishActions() {
  const { t } = useI18n();
  const [importing, setImporting] = useState(false);
  const [exportIds, setExportIds] = useState<number[] | null>(null);

  useEffect(() => onBulkExportRequest((ids) => setExportIds(ids)), []);

  return (
    <>
      <button type="button" onClick={() => setImporting(true)} data-testid="import-open">{t('import.action')}</button>
      {importing && <ImportDialog onClose={() => setImporting(false)} />}
      {exportIds && <BulkExportDialog ids={exportIds} onClose={() => setExportIds(null)} />}
    </>
  );
}
