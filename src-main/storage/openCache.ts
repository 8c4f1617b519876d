/**
 * The cache policy in one place (bootstrap calls this once): an encrypted file when the OS keychain works;
 * otherwise either refuse (no PHI on disk without a keychain) or, when the site allows it, memory only.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CacheUnavailable, CacheUnreadable } from './CacheErrors';
import { getOrCreateCacheKey, readCacheKey } from './cacheKey';
import { type CarelineDatabase, openEncryptedDatabase, openMemoryDatabase } from './EncryptedDatabase';
import type { Keychain } from './keychain';
import { migrate } from './migrations';

export type CachePolicy = 'encrypted-only' | 'allow-memory-only';

export interface OpenCacheOptions {
  /** The per-user data directory; created (0700) if missing. */
  readonly dir: string;
  readonly keychain: Keychain;
  readonly policy: CachePolicy;
}

export interface OpenedCache {
  readonly database: CarelineDatabase;
  readonly mode: 'encrypted' | 'memory-only';
  /** For the status line; null when all is well. */
  readonly message: string | null;
  /** Keychain probe and read + open + migrate, in milliseconds. */
  readonly openMs: number;
  /** True when this start generated the cache key (first run, or after the cache was wiped). */
  readonly keyCreated: boolean;
}

export const CACHE_FILE_NAME = 'careline-cache.db';

export function cacheFilePath(dir: string): string {
  return join(dir, CACHE_FILE_NAME);
}

/**
 * Throws CacheUnavailable (keychain missing under 'encrypted-only'), CacheUnreadable (wrong key, damaged file,
 * key lost while the file exists: offer wipeAndResync) or CacheFromNewerVersion.
 */
export async function openCache(options: OpenCacheOptions): Promise<OpenedCache> {
  const started = performance.now();
  const availability = await options.keychain.isAvailable();
  if (!availability.ok) {
    if (options.policy === 'encrypted-only') throw new CacheUnavailable(availability.reason);
    const database = openMemoryDatabase();
    migrate(database.db);
    return {
      database,
      mode: 'memory-only',
      message: `Memory-only mode: nothing is kept on this computer after Careline closes. ${availability.reason}`,
      openMs: performance.now() - started,
      keyCreated: false,
    };
  }

  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  const path = cacheFilePath(options.dir);
  const fileExists = existsSync(path) && statSync(path).size > 0;
  let key: Buffer;
  let keyCreated = false;
  if (fileExists) {
    // Never create a key for an existing file: that would make the file unreadable for good.
    const existing = await readCacheKey(options.keychain);
    if (!existing) throw new CacheUnreadable('missing-key', path);
    key = existing;
  } else {
    ({ key, created: keyCreated } = await getOrCreateCacheKey(options.keychain));
  }

  const database = openEncryptedDatabase({ path, key });
  try {
    migrate(database.db);
  } catch (error) {
    database.close();
    throw error;
  }
  return { database, mode: 'encrypted', message: null, openMs: performance.now() - started, keyCreated };
}
