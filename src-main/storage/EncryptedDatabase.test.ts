import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CacheUnreadable } from './CacheErrors';
import { type CarelineDatabase, keyId, openEncryptedDatabase, openMemoryDatabase, wipeAndResync } from './EncryptedDatabase';

// Synthetic patient: these strings must never appear in the bytes on disk.
const NAME = 'Marisol Quintanilla-Okafor';
const PHONE = '+16175550142';

let dir: string;
let path: string;
const open: CarelineDatabase[] = [];
const keyA = randomBytes(32);
const keyB = randomBytes(32);

function openWith(key: Buffer): CarelineDatabase {
  const database = openEncryptedDatabase({ path, key });
  open.push(database);
  return database;
}

function writePatient(database: CarelineDatabase): void {
  database.db.exec('CREATE TABLE IF NOT EXISTS patients (id INTEGER PRIMARY KEY, name TEXT, phone TEXT, note TEXT)');
  const insert = database.db.prepare('INSERT INTO patients (name, phone, note) VALUES (?, ?, ?)');
  database.db.transaction(() => {
    for (let i = 0; i < 50; i++) insert.run(NAME, PHONE, `${NAME} called from ${PHONE} about a refill, row ${i}`);
  })();
}

function containsSecret(file: string): boolean {
  const bytes = readFileSync(file);
  return [NAME, PHONE].some((s) => bytes.includes(Buffer.from(s, 'utf8')) || bytes.includes(Buffer.from(s, 'utf16le')));
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'careline-cache-'));
  path = join(dir, 'cache.db');
});

afterEach(() => {
  for (const d of open.splice(0)) d.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('openEncryptedDatabase', () => {
  it('sets WAL, synchronous=FULL and foreign keys, and pins the chacha20 cipher', () => {
    const { db, encrypted, path: p } = openWith(keyA);
    expect(encrypted).toBe(true);
    expect(p).toBe(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('cipher', { simple: true })).toBe('chacha20');
  });

  it('never writes a synthetic patient name or phone in clear, neither to the WAL nor to the database file', () => {
    const database = openWith(keyA);
    writePatient(database);
    // While the rows are only in the WAL, the WAL must be ciphertext too.
    expect(existsSync(`${path}-wal`)).toBe(true);
    expect(readFileSync(`${path}-wal`).length).toBeGreaterThan(0);
    expect(containsSecret(`${path}-wal`)).toBe(false);
    database.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(containsSecret(path)).toBe(false);
    database.close();
    expect(containsSecret(path)).toBe(false);
    // Control: the same workload without a key does show the strings, so the check above can fail.
    const plainPath = join(dir, 'plain.db');
    const plain = new Database(plainPath);
    writePatient({ db: plain, path: plainPath, encrypted: false, close: () => plain.close() });
    plain.close();
    expect(containsSecret(plainPath)).toBe(true);
  });

  it('reopens with the same key and reads the rows back', () => {
    writePatient(openWith(keyA));
    open.pop()!.close();
    const again = openWith(keyA);
    expect(again.db.prepare('SELECT count(*) FROM patients').pluck().get()).toBe(50);
  });

  it('a wrong key is CacheUnreadable("wrong-key") with words an admin can act on, not a crash', () => {
    writePatient(openWith(keyA));
    open.pop()!.close();
    let error: unknown;
    try {
      openWith(keyB);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CacheUnreadable);
    expect((error as CacheUnreadable).reason).toBe('wrong-key');
    expect((error as CacheUnreadable).message).toMatch(/different key/);
    expect((error as CacheUnreadable).message).toMatch(/moves the file aside/);
    // The right key still opens it: a failed attempt changed nothing.
    expect(openWith(keyA).db.prepare('SELECT count(*) FROM patients').pluck().get()).toBe(50);
  });

  it('a wrong key is still "wrong-key" when the key id beside the file is gone (classified by shape)', () => {
    writePatient(openWith(keyA));
    open.pop()!.close();
    rmSync(`${path}.keyid`);
    expect(() => openWith(keyB)).toThrow(expect.objectContaining({ reason: 'wrong-key' }));
  });

  it('a file of random bytes is CacheUnreadable("corrupt")', () => {
    writeFileSync(path, randomBytes(10_000));
    expect(() => openWith(keyA)).toThrow(expect.objectContaining({ name: 'CacheUnreadable', reason: 'corrupt' }));
  });

  it('a cache overwritten with random bytes (same key id) is "corrupt", not "wrong-key"', () => {
    writePatient(openWith(keyA));
    open.pop()!.close();
    const size = readFileSync(path).length;
    writeFileSync(path, randomBytes(size));
    expect(readFileSync(`${path}.keyid`, 'utf8').trim()).toBe(keyId(keyA));
    expect(() => openWith(keyA)).toThrow(expect.objectContaining({ reason: 'corrupt' }));
  });

  it('a plaintext SQLite file is "corrupt" (it was never an encrypted cache)', () => {
    const plain = new Database(path);
    plain.exec('CREATE TABLE t (x)');
    plain.close();
    expect(() => openWith(keyA)).toThrow(expect.objectContaining({ reason: 'corrupt' }));
  });

  it('uses the key bytes as a RAW key: no KDF runs (sqlite3mc "raw:<hex>" opens it, the hex as a passphrase does not)', () => {
    writePatient(openWith(keyA));
    open.pop()!.close();
    const tryKey = (keyPragma: string): boolean => {
      const db = new Database(path);
      try {
        db.pragma("cipher = 'chacha20'");
        db.pragma(keyPragma);
        return db.prepare('SELECT count(*) FROM patients').pluck().get() === 50;
      } catch {
        return false;
      } finally {
        db.close();
      }
    };
    expect(tryKey(`key = 'raw:${keyA.toString('hex')}'`)).toBe(true);
    expect(tryKey(`key = '${keyA.toString('hex')}'`)).toBe(false);
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => openWith(randomBytes(16))).toThrow(/32 bytes/);
  });
});

describe('wipeAndResync', () => {
  it('moves the unreadable file aside (not deleted) and a fresh open works', () => {
    writePatient(openWith(keyA));
    open.pop()!.close();
    expect(() => openWith(keyB)).toThrow(CacheUnreadable);

    const moved = wipeAndResync(path, new Date('2026-11-22T08:00:00.000Z'));
    expect(moved).toBe(`${path}.unreadable-2026-11-22T08-00-00-000Z`);
    expect(existsSync(path)).toBe(false);
    expect(existsSync(moved!)).toBe(true);
    expect(existsSync(`${moved}.keyid`)).toBe(true);

    const fresh = openWith(keyB);
    expect(fresh.db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'patients'").pluck().get()).toBe(0);
    fresh.close();
    // IT can still recover the old file with the old key.
    const recovered = openEncryptedDatabase({ path: moved!, key: keyA });
    open.push(recovered);
    expect(recovered.db.prepare('SELECT count(*) FROM patients').pluck().get()).toBe(50);
    expect(readdirSync(dir).some((f) => f.includes('unreadable'))).toBe(true);
  });

  it('returns null when there is nothing to move', () => {
    expect(wipeAndResync(path)).toBeNull();
  });
});

describe('openMemoryDatabase', () => {
  it('keeps nothing on disk and enforces foreign keys', () => {
    const memory = openMemoryDatabase();
    expect(memory.path).toBeNull();
    expect(memory.encrypted).toBe(false);
    expect(memory.db.pragma('foreign_keys', { simple: true })).toBe(1);
    memory.close();
    memory.close(); // idempotent
  });
});
