import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * One schema step of the local database. Same shape as the migrations runner's `Migration` (storage core,
 * built in parallel): kept here only until the two branches are merged, then this file goes and the import
 * points at `../migrations`.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}
