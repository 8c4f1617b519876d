/**
 * The encrypted local database (issue 5 §3): SQLite3 Multiple Ciphers, whole file (and WAL) encrypted with
 * ChaCha20-Poly1305 under a RAW 256-bit key, then WAL + synchronous=FULL + foreign keys.
 *
 * Why chacha20 (sqlite3mc's default, pinned here so a library upgrade cannot change it): it authenticates every
 * page (Poly1305), so a wrong key or a tampered page is detected instead of read as garbage, and it needs no
 * AES hardware. Why `x'<64 hex>'`: sqlite3mc (GenerateKeyChaCha20Cipher -> sqlite3mcExtractRawKey) takes that
 * form as the key bytes themselves and skips PBKDF2, whose 64,007 rounds would only slow every open down for a
 * key that is already random.
 */
import { createHmac } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { CacheUnreadable } from './CacheErrors';

export { CacheUnreadable, type CacheUnreadableReason } from './CacheErrors';

export interface CarelineDatabase {
  readonly db: Database.Database;
  /** null for the memory-only database. */
  readonly path: string | null;
  readonly encrypted: boolean;
  close(): void;
}

export interface OpenEncryptedDatabaseOptions {
  readonly path: string;
  /** 32 random bytes from the keychain (cacheKey.ts). */
  readonly key: Buffer;
}

const CIPHER = 'chacha20';
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

export function openEncryptedDatabase(options: OpenEncryptedDatabaseOptions): CarelineDatabase {
  const { path, key } = options;
  if (key.length !== 32) throw new Error('The cache key must be 32 bytes.');
  const existed = existsSync(path) && statSync(path).size > 0;
  const db = new Database(path);
  try {
    db.pragma(`cipher = '${CIPHER}'`);
    db.pragma(`key = "x'${key.toString('hex')}'"`);
    verifyReadable(db, path, key, existed);
    configure(db);
  } catch (error) {
    db.close();
    throw error;
  }
  writeKeyId(path, key);
  return wrap(db, path, true);
}

/** For the memory-only policy and tests: nothing touches the disk. */
export function openMemoryDatabase(): CarelineDatabase {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  return wrap(db, null, false);
}

/**
 * "Wipe and resync": the unreadable file (with its -wal, -shm and key id) is MOVED aside as
 * `<name>.unreadable-<timestamp>`, never deleted, so IT can still open it with the right key and recover
 * documentation that was waiting to be sent. The next open starts an empty cache that resyncs from the EHR.
 * Returns where the main file went (null if there was nothing to move).
 */
export function wipeAndResync(path: string, now: Date = new Date()): string | null {
  const suffix = `.unreadable-${now.toISOString().replace(/[:.]/g, '-')}`;
  let moved: string | null = null;
  // The main file first: if that rename fails nothing else has moved and the cache is as it was.
  for (const part of ['', '-wal', '-shm', KEY_ID_SUFFIX]) {
    const from = path + part;
    if (!existsSync(from)) continue;
    const to = `${path}${suffix}${part}`;
    renameSync(from, to);
    if (part === '') moved = to;
  }
  return moved;
}

function configure(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  // FULL in WAL mode syncs the WAL on every commit: a documented call survives a power cut.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
}

/** The first read decrypts page 1: a wrong key or a foreign file fails here, at open, not mid-call. */
function verifyReadable(db: Database.Database, path: string, key: Buffer, existed: boolean): void {
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').pluck().get();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (existed && (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT')) {
      throw new CacheUnreadable(classifyUnreadable(path, key), path);
    }
    throw error;
  }
}

/**
 * Wrong key or damaged file? Both look the same to the cipher (the page-1 tag does not verify), so the key id
 * written beside the file decides: same key -> the file is damaged; different key -> wrong key. Without a key
 * id, a plaintext SQLite header or a size that is not whole pages means the file was never a cache of ours.
 */
export function classifyUnreadable(path: string, key: Buffer): 'wrong-key' | 'corrupt' {
  const recorded = readKeyId(path);
  if (recorded !== null) return recorded === keyId(key) ? 'corrupt' : 'wrong-key';
  const size = statSync(path).size;
  if (size < 512 || size % 512 !== 0) return 'corrupt';
  const head = Buffer.alloc(SQLITE_MAGIC.length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  return head.equals(SQLITE_MAGIC) ? 'corrupt' : 'wrong-key';
}

/**
 * A key id (HMAC of a constant under the key, 128 bits) beside the file: not secret, reveals nothing about the
 * key, and tells IT and classifyUnreadable which key wrote the file.
 */
const KEY_ID_SUFFIX = '.keyid';
export function keyId(key: Buffer): string {
  return createHmac('sha256', key).update('careline-cache-key-id-v1').digest('hex').slice(0, 32);
}

function readKeyId(path: string): string | null {
  try {
    return readFileSync(path + KEY_ID_SUFFIX, 'utf8').trim();
  } catch {
    return null;
  }
}

function writeKeyId(path: string, key: Buffer): void {
  const id = keyId(key);
  if (readKeyId(path) !== id) writeFileSync(path + KEY_ID_SUFFIX, id + '\n', { mode: 0o600 });
}

function wrap(db: Database.Database, path: string | null, encrypted: boolean): CarelineDatabase {
  return {
    db,
    path,
    encrypted,
    close() {
      if (db.open) db.close();
    },
  };
}
