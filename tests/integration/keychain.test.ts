/**
 * The keychain and the encrypted cache against a REAL Secret Service (gnome-keyring on a private session bus,
 * tests/support/secretService.ts). keytar loads lazily, so this file points process.env at that bus before its
 * first keychain call; the "no keychain" cases run in child processes with a bus address that goes nowhere.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CacheUnreadable } from '../../src-main/storage/CacheErrors';
import { CACHE_KEY_ACCOUNT, getOrCreateCacheKey } from '../../src-main/storage/cacheKey';
import { wipeAndResync } from '../../src-main/storage/EncryptedDatabase';
import { KeychainSecretStore, KeychainStore } from '../../src-main/storage/keychain';
import { cacheFilePath, openCache } from '../../src-main/storage/openCache';
import { type SecretService, startSecretService } from '../support/secretService';

const REPO_ROOT = resolve(__dirname, '../..');
const NAME = 'Marisol Quintanilla-Okafor';
const PHONE = '+16175550142';

let service: SecretService;
let scratch: string;
const keychain = new KeychainStore();

beforeAll(async () => {
  service = await startSecretService();
  process.env.DBUS_SESSION_BUS_ADDRESS = service.env.DBUS_SESSION_BUS_ADDRESS;
  scratch = mkdtempSync(join(tmpdir(), 'careline-keychain-it-'));
});

afterAll(async () => {
  await service?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('KeychainStore against gnome-keyring', () => {
  it('is available', async () => {
    expect(await keychain.isAvailable()).toEqual({ ok: true });
  });

  it('sets, gets and deletes a secret', async () => {
    expect(await keychain.getSecret('it-account')).toBeNull();
    await keychain.setSecret('it-account', 's3cret value');
    expect(await keychain.getSecret('it-account')).toBe('s3cret value');
    expect(await keychain.deleteSecret('it-account')).toBe(true);
    expect(await keychain.getSecret('it-account')).toBeNull();
    expect(await keychain.deleteSecret('it-account')).toBe(false);
  });

  it('KeychainSecretStore reads the SIP password stored under sip:<aor>', async () => {
    await keychain.setSecret('sip:2104@pbx.example.org', 'sip-pass');
    expect(await new KeychainSecretStore(keychain).get('sip:2104@pbx.example.org')).toBe('sip-pass');
    await keychain.deleteSecret('sip:2104@pbx.example.org');
  });

  it('the cache key is created once and stable across calls', async () => {
    const first = await getOrCreateCacheKey(keychain);
    const second = await getOrCreateCacheKey(keychain);
    expect(second.created).toBe(false);
    expect(second.key.equals(first.key)).toBe(true);
    expect(await keychain.getSecret(CACHE_KEY_ACCOUNT)).toBe(first.key.toString('hex'));
    await keychain.deleteSecret(CACHE_KEY_ACCOUNT);
  });
});

describe('openCache end to end', () => {
  it('encrypts the file, reopens, refuses a lost key with "missing-key", and recovers by moving the file aside', async () => {
    const dir = join(scratch, 'profile');
    const first = await openCache({ dir, keychain, policy: 'encrypted-only' });
    expect(first.mode).toBe('encrypted');
    expect(first.keyCreated).toBe(true);
    const { db } = first.database;
    db.exec('CREATE TABLE patients (id INTEGER PRIMARY KEY, name TEXT, phone TEXT)');
    db.prepare('INSERT INTO patients (name, phone) VALUES (?, ?)').run(NAME, PHONE);
    db.pragma('wal_checkpoint(TRUNCATE)');
    first.database.close();

    const path = cacheFilePath(dir);
    const bytes = readFileSync(path);
    expect(bytes.includes(Buffer.from(NAME))).toBe(false);
    expect(bytes.includes(Buffer.from(PHONE))).toBe(false);

    const again = await openCache({ dir, keychain, policy: 'encrypted-only' });
    expect(again.keyCreated).toBe(false);
    expect(again.database.db.prepare('SELECT name FROM patients').pluck().get()).toBe(NAME);
    expect(again.openMs).toBeGreaterThan(0);
    again.database.close();

    await keychain.deleteSecret(CACHE_KEY_ACCOUNT);
    const error = await openCache({ dir, keychain, policy: 'encrypted-only' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CacheUnreadable);
    expect((error as CacheUnreadable).reason).toBe('missing-key');
    expect((error as Error).message).toMatch(/missing from the OS keychain/);

    const moved = wipeAndResync(path);
    expect(moved && existsSync(moved)).toBe(true);
    const fresh = await openCache({ dir, keychain, policy: 'encrypted-only' });
    expect(fresh.keyCreated).toBe(true);
    expect(fresh.database.db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'patients'").pluck().get()).toBe(0);
    fresh.database.close();
  });
});

describe('no keychain (a bus address that goes nowhere, in a fresh process)', () => {
  function runOpenCache(dir: string, policy: string, busAddress = `unix:path=${join(scratch, 'no-such-bus')}`): { ok: boolean; name?: string; mode?: string; message: string | null } {
    const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: busAddress };
    const result = spawnSync(resolve(REPO_ROOT, 'node_modules/.bin/tsx'), [resolve(REPO_ROOT, 'tests/support/openCacheCli.ts'), dir, policy], {
      cwd: REPO_ROOT,
      env,
      encoding: 'utf8',
      timeout: 30_000,
    });
    const line = result.stdout.split('\n').find((l) => l.startsWith('{'));
    if (!line) throw new Error(`openCacheCli printed nothing (status ${result.status}): ${result.stderr}`);
    return JSON.parse(line);
  }

  it('"encrypted-only" refuses with CacheUnavailable and says why; nothing is written', () => {
    const dir = join(scratch, 'refused');
    const outcome = runOpenCache(dir, 'encrypted-only');
    expect(outcome.ok).toBe(false);
    expect(outcome.name).toBe('CacheUnavailable');
    expect(outcome.message).toMatch(/will not keep patient data on this computer/);
    expect(outcome.message).toMatch(/No D-Bus session bus is reachable/);
    expect(existsSync(dir)).toBe(false);
  });

  it('a session bus with no Secret Service on it: refused, and the words say no Secret Service is running', async () => {
    const busOnly = await startSecretService({ keyring: false });
    try {
      const dir = join(scratch, 'bus-only');
      const outcome = runOpenCache(dir, 'encrypted-only', busOnly.busAddress);
      expect(outcome).toMatchObject({ ok: false, name: 'CacheUnavailable' });
      expect(outcome.message).toMatch(/No Secret Service \(GNOME Keyring or KWallet\) is running/);
      expect(existsSync(dir)).toBe(false);
    } finally {
      await busOnly.stop();
    }
  });

  it('"allow-memory-only" opens in memory with a status-line message', () => {
    const dir = join(scratch, 'memory');
    const outcome = runOpenCache(dir, 'allow-memory-only');
    expect(outcome).toMatchObject({ ok: true, mode: 'memory-only' });
    expect(outcome.message).toMatch(/Memory-only mode/);
    expect(existsSync(dir)).toBe(false);
  });
});
