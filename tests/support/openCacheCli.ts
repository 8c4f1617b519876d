/**
 * TEST ONLY: runs openCache once in a fresh process (the keychain sees this process's D-Bus environment, as in
 * the app) and prints the outcome as one JSON line. Usage: tsx openCacheCli.ts <dir> <policy>
 */
import { KeychainStore } from '../../src-main/storage/keychain';
import { type CachePolicy, openCache } from '../../src-main/storage/openCache';

async function main(): Promise<void> {
  const [dir, policy] = process.argv.slice(2) as [string, CachePolicy];
  try {
    const cache = await openCache({ dir, keychain: new KeychainStore(), policy });
    cache.database.close();
    console.log(JSON.stringify({ ok: true, mode: cache.mode, message: cache.message, path: cache.database.path }));
  } catch (error) {
    const e = error as Error & { reason?: string };
    console.log(JSON.stringify({ ok: false, name: e.name, reason: e.reason ?? null, message: e.message }));
  }
}

void main();
