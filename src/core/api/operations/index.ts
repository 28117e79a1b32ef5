import { articleOperations } from './articles.js';
import { revisionOperations } from './revisions.js';
import { taxonomyOperations } from './taxonomy.js';
import { libraryOperations } from './library.js';
import { assetOperations } from './assets.js';
import { relatedOperations } from './related.js';
import { backupOperations } from './backup.js';
import { searchOperations } from './search.js';
import { ingestOperations } from './ingest.js';
import { publishOperations } from './publish.js';
import { deskOperations } from './desk.js';

/**
 * The contract: every operation any transport may call. Its keys are the allow-list: Electron
 * IPC, the HTTP server and the CLI refuse any other name.
 */
export const operations = {
  ...libraryOperations,
  ...assetOperations,
  ...articleOperations,
  ...revisionOperations,
  ...taxonomyOperations,
  ...relatedOperations,
  ...backupOperations,
  ...searchOperations,
  ...ingestOperations,
  ...publishOperations,
  ...deskOperations,
};

export type Operations = typeof operations;
export type OperationName = keyof Operations;
