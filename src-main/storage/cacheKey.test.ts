import { describe, expect, it } from 'vitest';
import { CACHE_KEY_ACCOUNT, getOrCreateCacheKey, parseCacheKey, readCacheKey } from './cacheKey';
import { MemoryKeychain } from './testing/memoryKeychain';

describe('cache key', () => {
  it('creates a random 256-bit key on first use, hex in the keychain, then returns the same one', async () => {
    const keychain = new MemoryKeychain();
    const first = await getOrCreateCacheKey(keychain);
    expect(first.created).toBe(true);
    expect(first.key).toHaveLength(32);
    expect(keychain.entries.get(CACHE_KEY_ACCOUNT)).toBe(first.key.toString('hex'));
    const second = await getOrCreateCacheKey(keychain);
    expect(second.created).toBe(false);
    expect(second.key.equals(first.key)).toBe(true);
  });

  it('two keychains get different keys', async () => {
    const a = await getOrCreateCacheKey(new MemoryKeychain());
    const b = await getOrCreateCacheKey(new MemoryKeychain());
    expect(a.key.equals(b.key)).toBe(false);
  });

  it('readCacheKey never creates one', async () => {
    const keychain = new MemoryKeychain();
    expect(await readCacheKey(keychain)).toBeNull();
    expect(keychain.entries.size).toBe(0);
  });

  it('an entry that is not 64 hex digits is unusable', () => {
    expect(parseCacheKey('abc')).toBeNull();
    expect(parseCacheKey('z'.repeat(64))).toBeNull();
    expect(parseCacheKey(null)).toBeNull();
    expect(parseCacheKey('ab'.repeat(32))).toHaveLength(32);
  });

  it('fails loudly when the keychain does not keep what was written', async () => {
    const forgetful = new MemoryKeychain();
    forgetful.setSecret = async () => undefined;
    await expect(getOrCreateCacheKey(forgetful)).rejects.toThrow(/did not keep the new cache key/);
  });
});
