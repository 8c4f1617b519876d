import { randomBytes } from 'node:crypto';
import type { Bundle } from '@medplum/fhirtypes';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutboxItem } from '../../src-preload/contract';
import { MemoryOutboxStore, type OutboxStore } from './DocumentationOutbox';
import { openEncryptedDatabase } from '../storage/EncryptedDatabase';
import { migrate } from '../storage/migrations';
import { outbox002 } from '../storage/migrations/002-outbox';
import { SqliteOutboxStore } from './SqliteOutboxStore';
import { openOutboxDatabase, tempDir } from './testing/outboxDatabase';

const bundle: Bundle = { resourceType: 'Bundle', type: 'transaction', entry: [{ resource: { resourceType: 'Encounter', status: 'finished', class: { code: 'VR' } } }] };
const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const item = (n: number, patch: Partial<OutboxItem> = {}): OutboxItem => ({
  id: uuid(n),
  label: `Encounter · ${n}`,
  patientId: 'pat-1',
  state: 'pending',
  attempts: 0,
  lastError: null,
  nextAttemptAt: null,
  createdAt: 1_000, // the same millisecond for all: order must come from insertion, not the clock
  encounterId: null,
  ...patch,
});

const dirs: (() => void)[] = [];
afterEach(() => dirs.splice(0).forEach((remove) => remove()));
function file(): string {
  const d = tempDir();
  dirs.push(d.remove);
  return d.file('outbox.db');
}

describe('SqliteOutboxStore', () => {
  it('keeps what put accepted across close and reopen, bundle and state included', () => {
    const path = file();
    const db = openOutboxDatabase(path);
    const store = new SqliteOutboxStore(db);
    store.put({ item: item(1), bundle });
    store.put({ item: item(2), bundle });
    store.update(uuid(2), item(2, { state: 'sent', attempts: 1, encounterId: 'e2' }), { encounterId: 'e2', questionnaireResponseId: 'q2', communicationId: null });
    store.update(uuid(1), item(1, { state: 'failed', attempts: 1, lastError: 'The EHR refused the encounter (412 Precondition Failed).' }));
    db.close();

    const reopened = new SqliteOutboxStore(openOutboxDatabase(path, { create: false }));
    expect(reopened.get(uuid(1))).toEqual({ item: item(1, { state: 'failed', attempts: 1, lastError: 'The EHR refused the encounter (412 Precondition Failed).' }), bundle, delivered: null });
    expect(reopened.get(uuid(2))?.delivered).toEqual({ encounterId: 'e2', questionnaireResponseId: 'q2', communicationId: null });
    expect(reopened.get(uuid(2))?.item.state).toBe('sent');
  });

  it('put of an existing id changes its state, never its bundle (a replay sends what the user acknowledged)', () => {
    const store = new SqliteOutboxStore(openOutboxDatabase(file()));
    store.put({ item: item(1), bundle });
    store.put({ item: item(1, { attempts: 2 }), bundle: { resourceType: 'Bundle', type: 'transaction', entry: [] } });
    expect(store.get(uuid(1))).toMatchObject({ item: { attempts: 2 }, bundle });
  });

});

// The same contract for the memory store (today's wiring) and the durable one.
describe.each([
  ['SqliteOutboxStore', (): OutboxStore => new SqliteOutboxStore(openOutboxDatabase(file()))],
  ['MemoryOutboxStore', (): OutboxStore => new MemoryOutboxStore()],
])('%s contract', (_name, open) => {
  it('orders by creation: unsent oldest first (delivery), items newest first (the agent view)', () => {
    const store = open();
    for (const n of [5, 3, 9, 1]) store.put({ item: item(n), bundle });
    store.update(uuid(3), item(3, { state: 'sent' }));
    expect(store.unsent().map((i) => i.id)).toEqual([uuid(5), uuid(9), uuid(1)]);
    expect(store.items(2).map((i) => i.id)).toEqual([uuid(1), uuid(9)]);
    expect(store.backlog()).toEqual({ pending: 3, failed: 0, oldestUnsentAt: 1_000 });
  });

  it('prunes sent items beyond the retention (age or count), never unsent ones', () => {
    const store = open();
    for (let n = 1; n <= 6; n += 1) store.put({ item: item(n), bundle });
    for (const n of [1, 2, 3, 4]) store.update(uuid(n), item(n, { state: 'sent' }));
    store.update(uuid(6), item(6, { state: 'failed', lastError: 'refused' }));
    expect(store.prune(Date.now(), { sentMaxAgeMs: 60_000, sentMaxCount: 2 })).toBe(2);
    expect(store.items(10).map((i) => i.id)).toEqual([uuid(6), uuid(5), uuid(4), uuid(3)]);
    // Later than the age limit: every sent item goes, the pending and the failed ones stay.
    expect(store.prune(Date.now() + 120_000, { sentMaxAgeMs: 60_000, sentMaxCount: 100 })).toBe(2);
    expect(store.items(10).map((i) => i.state)).toEqual(['failed', 'pending']);
    expect(store.backlog()).toEqual({ pending: 1, failed: 1, oldestUnsentAt: 1_000 });
  });
});

describe('SqliteOutboxStore on the encrypted cache', () => {
  it('gets its table from the migrations and keeps entries across close and reopen with the key', () => {
    const path = file();
    const key = randomBytes(32);
    const first = openEncryptedDatabase({ path, key });
    expect(migrate(first.db).version).toBeGreaterThanOrEqual(outbox002.version);
    new SqliteOutboxStore(first.db).put({ item: item(1), bundle });
    first.close();
    const second = openEncryptedDatabase({ path, key });
    try {
      expect(migrate(second.db).applied).toEqual([]);
      expect(new SqliteOutboxStore(second.db).get(uuid(1))).toMatchObject({ item: item(1), bundle });
    } finally {
      second.close();
    }
  });
});
