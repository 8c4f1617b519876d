import type { Bundle } from '@medplum/fhirtypes';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FhirClient, FhirError } from '../ehr/FhirClient';
import { createMemoryLogger } from '../log/logger';
import { DocumentationOutbox, MemoryOutboxStore, OUTBOX_KIND_SYSTEM, type OutboxDeliverer, type OutboxStore, PermanentDeliveryError } from './DocumentationOutbox';
import { SqliteOutboxStore } from './SqliteOutboxStore';
import { openOutboxDatabase, tempDir } from './testing/outboxDatabase';

/** Tagged kinds of items (an appointment booking, a cancellation) go through their deliverer. */
const tagged = (kind: string): Bundle => ({ resourceType: 'Bundle', type: 'transaction', meta: { tag: [{ system: OUTBOX_KIND_SYSTEM, code: kind }] }, entry: [] });
const meta = (key: string) => ({ idempotencyKey: key, patientId: 'pat-1', label: 'Appointment · test' });
const KEY = '00000000-0000-4000-8000-0000000000a1';
const KEY2 = '00000000-0000-4000-8000-0000000000a2';

function outboxWith(deliverers: Record<string, OutboxDeliverer>, store: OutboxStore = new MemoryOutboxStore()) {
  const fhir = new FhirClient({ baseUrl: 'http://127.0.0.1:9' });
  const transaction = vi.spyOn(fhir, 'transaction').mockRejectedValue(new Error('encounter path must not be used'));
  const outbox = new DocumentationOutbox(fhir, store, createMemoryLogger(), { baseMs: 10, maxMs: 50, jitter: 0 }, Date.now, { deliverers, submitWaitMs: 2_000 });
  return { outbox, transaction };
}

let dispose: (() => Promise<void>) | undefined;
afterEach(async () => {
  await dispose?.();
  dispose = undefined;
});

describe('DocumentationOutbox: tagged kinds', () => {
  it('delivers a tagged item through its deliverer and keeps what it assigned (memory and SQLite)', async () => {
    const dir = tempDir();
    const db = openOutboxDatabase(dir.file('outbox.db'));
    for (const store of [new MemoryOutboxStore(), new SqliteOutboxStore(db)]) {
      const deliver = vi.fn(async () => ({ kind: 'appointment-book', ids: { appointmentId: 'a1', communicationId: null } }));
      const { outbox, transaction } = outboxWith({ 'appointment-book': { deliver } }, store);
      const result = await outbox.enqueue(tagged('appointment-book'), meta(KEY));
      expect(result).toMatchObject({ item: { state: 'sent', encounterId: null }, delivered: { kind: 'appointment-book', ids: { appointmentId: 'a1' } }, failureCode: null });
      expect(store.get(KEY)?.delivered).toEqual({ kind: 'appointment-book', ids: { appointmentId: 'a1', communicationId: null } });
      // The same key again: answered from the item, not delivered twice.
      await outbox.enqueue(tagged('appointment-book'), meta(KEY));
      expect(deliver).toHaveBeenCalledTimes(1);
      expect(transaction).not.toHaveBeenCalled();
      await outbox.dispose();
    }
    db.close();
    dir.remove();
  });

  it('a permanent failure parks the item as failed at once with its message and code; other items still go', async () => {
    const { outbox } = outboxWith({
      'appointment-book': { deliver: async () => Promise.reject(new PermanentDeliveryError('slot-taken', 'The slot was taken by someone else.')) },
      'appointment-cancel': { deliver: async () => ({ kind: 'appointment-cancel', ids: { appointmentId: 'a9' } }) },
    });
    dispose = () => outbox.dispose();
    const failed = await outbox.enqueue(tagged('appointment-book'), meta(KEY));
    expect(failed).toMatchObject({ item: { state: 'failed', attempts: 1, lastError: 'The slot was taken by someone else.' }, failureCode: 'slot-taken' });
    const other = await outbox.enqueue(tagged('appointment-cancel'), meta(KEY2));
    expect(other.item.state).toBe('sent');
  });

  it('a transient failure is retried with backoff like an encounter', async () => {
    let calls = 0;
    const { outbox } = outboxWith({
      'appointment-book': {
        deliver: async () => {
          calls += 1;
          if (calls < 3) throw new FhirError('unreachable', 'The EHR cannot be reached.');
          return { kind: 'appointment-book', ids: { appointmentId: 'a2' } };
        },
      },
    });
    dispose = () => outbox.dispose();
    const first = await outbox.enqueue(tagged('appointment-book'), meta(KEY));
    expect(first.item.state).toBe('pending');
    await vi.waitFor(() => expect(outbox.status(KEY)?.item.state).toBe('sent'), { timeout: 2_000 });
    expect(calls).toBe(3);
  });

  it('an item of a kind this build cannot deliver stays, failed, for a person', async () => {
    const { outbox } = outboxWith({});
    dispose = () => outbox.dispose();
    const result = await outbox.enqueue(tagged('appointment-teleport'), meta(KEY));
    expect(result).toMatchObject({ item: { state: 'failed' }, failureCode: 'unknown-kind' });
    expect(result.item.lastError).toMatch(/cannot send this kind of item \(appointment-teleport\)/);
  });
});
