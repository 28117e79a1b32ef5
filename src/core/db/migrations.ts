import type { Database } from 'better-sqlite3';
import { SCHEMA_V1 } from './schema-v1.js';
import { migrateToSearchIndex } from '../search/schema.js';
import { SCHEMA_V3 } from './schema-v3.js';
import { migrateToDesk } from './schema-v4-desk.js';
import { SCHEMA_V5 } from './schema-v5.js';

/**
 * Ordered schema steps. Step N takes a library from user_version N-1 to N inside one
 * transaction together with the user_version bump, so a crash mid-step leaves version N-1
 * intact. Append only: released steps never change, since libraries made by them exist.
 */
export interface Migration {
  version: number;
  description: string;
  up: (db: Database) => void;
}

export const migrations: readonly Migration[] = [
  { version: 1, description: 'initial data model', up: (db) => db.exec(SCHEMA_V1) },
  { version: 2, description: 'full-text search index (filled from existing articles)', up: migrateToSearchIndex },
  { version: 3, description: 'indexes for the library list', up: (db) => db.exec(SCHEMA_V3) },
  { version: 4, description: 'desk: global ids (uid), desk state and change log', up: migrateToDesk },
  { version: 5, description: 'slugs follow the title until set by hand or published', up: (db) => db.exec(SCHEMA_V5) },
];

export const LATEST_SCHEMA_VERSION = migrations[migrations.length - 1]!.version;

export function runMigrations(db: Database, from: number, to = LATEST_SCHEMA_VERSION): void {
  for (const step of migrations) {
    if (step.version <= from || step.version > to) continue;
    db.transaction(() => {
      step.up(db);
      db.pragma(`user_version = ${step.version}`);
    }).immediate();
  }
}
