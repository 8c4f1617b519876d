import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CacheUnavailable, CacheUnreadable } from './CacheErrors';
import { CACHE_KEY_ACCOUNT } from './cacheKey';
import { wipeAndResync } from './EncryptedDatabase';
import { MIGRATIONS } from './migrations/index';
import { cacheFilePath, openCache, type OpenedCache } from './openCache';
import { MemoryKeychain } from './testing/memoryKeychain';

let dir: string;
const opened: OpenedCache[] = [];
async function open(keychain: MemoryKeychain, policy: 'encrypted-only' | 'allow-memory-only' = 'encrypted-only'): Promise<OpenedCache> {
  const cache = await openCache({ dir, keychain, policy });
  opened.push(cache);
  return cache;
}

beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'careline-open-')), 'profile');
});
afterEach(() => {
  for (const c of opened.splice(0)) c.database.close();
  rmSync(join(dir, '..'), { recursive: true, force: true });
});

const NO_KEYCHAIN = { ok: false as const, reason: 'The OS keychain is not available: No D-Bus session bus is reachable.' };

describe('openCache', () => {
  it('first run: creates the key and an encrypted, migrated cache in a private directory', async () => {
    const keychain = new MemoryKeychain();
    const cache = await open(keychain);
    expect(cache.mode).toBe('encrypted');
    expect(cache.message).toBeNull();
    expect(cache.keyCreated).toBe(true);
    expect(cache.openMs).toBeGreaterThan(0);
    expect(cache.database.encrypted).toBe(true);
    expect(cache.database.path).toBe(cacheFilePath(dir));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(cache.database.db.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(MIGRATIONS.length);
  });

  it('second run: same key, nothing re-created', async () => {
    const keychain = new MemoryKeychain();
    (await open(keychain)).database.close();
    const again = await open(keychain);
    expect(again.keyCreated).toBe(false);
    expect(again.mode).toBe('encrypted');
  });

  it('key gone from the keychain while the file exists: CacheUnreadable("missing-key"), and no new key is made', async () => {
    const keychain = new MemoryKeychain();
    (await open(keychain)).database.close();
    keychain.entries.delete(CACHE_KEY_ACCOUNT);
    await expect(open(keychain)).rejects.toMatchObject({ name: 'CacheUnreadable', reason: 'missing-key' });
    expect(keychain.entries.has(CACHE_KEY_ACCOUNT)).toBe(false);
    // The way out: move the file aside, then a new key and an empty cache.
    expect(wipeAndResync(cacheFilePath(dir))).not.toBeNull();
    const fresh = await open(keychain);
    expect(fresh.keyCreated).toBe(true);
  });

  it('a replaced key: CacheUnreadable("wrong-key")', async () => {
    const keychain = new MemoryKeychain();
    (await open(keychain)).database.close();
    keychain.entries.set(CACHE_KEY_ACCOUNT, 'ab'.repeat(32));
    const error = await open(keychain).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CacheUnreadable);
    expect((error as CacheUnreadable).reason).toBe('wrong-key');
  });

  it('no keychain under "encrypted-only": refuses, says why, writes nothing', async () => {
    const error = await open(new MemoryKeychain(NO_KEYCHAIN)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CacheUnavailable);
    expect((error as Error).message).toMatch(/will not keep patient data on this computer/);
    expect((error as Error).message).toMatch(/No D-Bus session bus/);
    expect(existsSync(dir)).toBe(false);
  });

  it('no keychain under "allow-memory-only": an in-memory cache and a status-line message', async () => {
    const cache = await open(new MemoryKeychain(NO_KEYCHAIN), 'allow-memory-only');
    expect(cache.mode).toBe('memory-only');
    expect(cache.database.path).toBeNull();
    expect(cache.message).toMatch(/Memory-only mode/);
    expect(cache.message).toMatch(/No D-Bus session bus/);
    expect(cache.database.db.prepare('SELECT count(*) FROM cache_meta').pluck().get()).toBe(2);
    expect(existsSync(dir)).toBe(false);
  });
});
