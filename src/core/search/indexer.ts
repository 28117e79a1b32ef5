import type { Database } from 'better-sqlite3';

/**
 * Keeps the full-text index in step with the articles table. Called inside the same transaction
 * as every save, trash, restore and delete, so the index can never disagree with the library.
 * The index itself arrives with the search capability (schema step 2).
 */
export function indexArticle(_db: Database, _articleId: number): void {}

export function unindexArticle(_db: Database, _articleId: number): void {}
