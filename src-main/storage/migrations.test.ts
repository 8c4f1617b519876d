import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { CacheFromNewerVersion, checkMigrationList, currentVersion, type Migration, migrate } from './migrations';
import { MIGRATIONS } from './migrations/index';

const dbs: Database.Database[] = [];
function memory(): Database.Database {
  const db = new Database(':memory:');
  dbs.push(db);
  return db;
}
afterEach(() => dbs.splice(0).forEach((db) => db.close()));

function table(version: number, name: string, calls: string[] = []): Migration {
  return {
    version,
    name,
    up(db) {
      calls.push(name);
      db.exec(`CREATE TABLE t${version} (x INTEGER)`);
    },
  };
}

describe('migrate', () => {
  it('runs every migration in order on a new database and records version, name and time', () => {
    const db = memory();
    const calls: string[] = [];
    const list = [MIGRATIONS[0]!, table(2, 'second', calls), table(3, 'third', calls)];
    expect(migrate(db, list)).toEqual({ applied: [1, 2, 3], version: 3 });
    expect(calls).toEqual(['second', 'third']);
    const rows = db.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all() as { version: number; name: string; applied_at: string }[];
    expect(rows.map((r) => [r.version, r.name])).toEqual([
      [1, 'meta'],
      [2, 'second'],
      [3, 'third'],
    ]);
    expect(Number.isNaN(Date.parse(rows[0]!.applied_at))).toBe(false);
  });

  it('is idempotent: a second run applies nothing', () => {
    const db = memory();
    migrate(db);
    expect(migrate(db)).toEqual({ applied: [], version: MIGRATIONS.length });
  });

  it('applies only the pending migrations when the code gained new ones', () => {
    const db = memory();
    const calls: string[] = [];
    migrate(db, [MIGRATIONS[0]!]);
    expect(migrate(db, [MIGRATIONS[0]!, table(2, 'second', calls)]).applied).toEqual([2]);
    expect(calls).toEqual(['second']);
  });

  it('refuses a cache written by a newer Careline, and changes nothing', () => {
    const db = memory();
    migrate(db, [MIGRATIONS[0]!, table(2, 'second')]);
    let error: unknown;
    try {
      migrate(db, [MIGRATIONS[0]!]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CacheFromNewerVersion);
    expect((error as Error).message).toMatch(/written by a newer Careline/);
    expect(currentVersion(db)).toBe(2);
  });

  it('refuses gaps and duplicates in the list before touching the database', () => {
    const db = memory();
    expect(() => migrate(db, [MIGRATIONS[0]!, table(3, 'gap')])).toThrow(/expected version 2, found 3/);
    expect(() => migrate(db, [MIGRATIONS[0]!, table(1, 'dup')])).toThrow(/expected version 2, found 1/);
    expect(() => checkMigrationList([table(2, 'first-is-two')])).toThrow(/expected version 1/);
    expect(currentVersion(db)).toBe(0);
  });

  it('rolls a failing migration back with its bookkeeping row, leaving the previous version', () => {
    const db = memory();
    const failing: Migration = {
      version: 2,
      name: 'fails',
      up(d) {
        d.exec('CREATE TABLE half_done (x)');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, [MIGRATIONS[0]!, failing])).toThrow('boom');
    expect(currentVersion(db)).toBe(1);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").pluck().get()).toBe(0);
  });

  it('the shipped list is well formed', () => {
    expect(() => checkMigrationList(MIGRATIONS)).not.toThrow();
  });
});
