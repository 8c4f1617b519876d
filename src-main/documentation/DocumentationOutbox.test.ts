import type { Bundle, Encounter } from '@medplum/fhirtypes';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FhirClient, FhirError } from '../ehr/FhirClient';
import { createMemoryLogger } from '../log/logger';
import { DocumentationOutbox, MemoryOutboxStore, backoffDelay } from './DocumentationOutbox';
import { SqliteOutboxStore } from './SqliteOutboxStore';
import { openOutboxDatabase, tempDir } from './testing/outboxDatabase';

// Ids are read by the type written at each position (an escalated call writes a Task where care advice would).
const bundle: Bundle = {
  resourceType: 'Bundle',
  type: 'transaction',
  entry: [
    { resource: { resourceType: 'Encounter', status: 'finished', class: { code: 'VR' } } },
    { resource: { resourceType: 'QuestionnaireResponse', status: 'completed' } },
    { resource: { resourceType: 'Task', status: 'requested', intent: 'order' } },
  ],
};
const okResponse: Bundle = {
  resourceType: 'Bundle',
  type: 'transaction-response',
  entry: [
    { response: { status: '201', location: 'Encounter/e1/_history/1' } },
    { response: { status: '201', location: 'QuestionnaireResponse/q1/_history/1' } },
    { response: { status: '201', location: 'Task/t1/_history/1' } },
  ],
};
const meta = (key: string) => ({ idempotencyKey: key, patientId: 'pat-1', label: 'Encounter · test' });

function outboxWith(transaction: (b: Bundle) => Promise<Bundle>) {
  const fhir = new FhirClient({ baseUrl: 'http://127.0.0.1:9' });
  vi.spyOn(fhir, 'transaction').mockImplementation(transaction);
  return { fhir, outbox: new DocumentationOutbox(fhir, new MemoryOutboxStore(), createMemoryLogger(), { baseMs: 10_000, maxMs: 60_000, jitter: 0 }) };
}

afterEach(() => vi.useRealTimers());

describe('DocumentationOutbox', () => {
  it('delivers at once when the EHR answers', async () => {
    const { outbox } = outboxWith(async () => okResponse);
    const result = await outbox.submit(bundle, meta('00000000-0000-4000-8000-000000000001'));
    expect(result).toEqual({ outcome: 'written', outboxId: '00000000-0000-4000-8000-000000000001', encounterId: 'e1', questionnaireResponseId: 'q1', communicationId: null });
    expect(outbox.list()[0]?.state).toBe('sent');
    outbox.dispose();
  });

  it('keeps the item through an outage, says why, and retries with backoff until it lands', async () => {
    vi.useFakeTimers();
    let down = true;
    const { fhir, outbox } = outboxWith(async () => {
      if (down) throw new FhirError('unreachable', 'The EHR cannot be reached (a transaction).');
      return okResponse;
    });
    const changes: string[] = [];
    outbox.onChange((items) => changes.push(items[0]!.state));
    const result = await outbox.submit(bundle, meta('00000000-0000-4000-8000-000000000002'));
    expect(result.outcome).toBe('queued');
    if (result.outcome === 'queued') expect(result.reason).toMatch(/cannot be reached/);
    expect(outbox.list()[0]).toMatchObject({ state: 'pending', attempts: 1, nextAttemptAt: expect.any(Number) });

    await vi.advanceTimersByTimeAsync(10_000); // attempt 2 fails
    expect(outbox.list()[0]?.attempts).toBe(2);
    down = false;
    await vi.advanceTimersByTimeAsync(20_000); // attempt 3 (backoff doubled) succeeds
    expect(outbox.list()[0]).toMatchObject({ state: 'sent', attempts: 3, encounterId: 'e1' });
    expect(fhir.transaction).toHaveBeenCalledTimes(3);
    expect(changes).toContain('sending');
    outbox.dispose();
  });

  it('parks a permanent refusal as failed (kept, not retried automatically) and retries on demand', async () => {
    vi.useFakeTimers();
    let refuse = true;
    const { fhir, outbox } = outboxWith(async () => {
      if (refuse) throw new FhirError('http', 'The EHR refused a transaction (HTTP 422: invalid).', 422);
      return okResponse;
    });
    const result = await outbox.submit(bundle, meta('00000000-0000-4000-8000-000000000003'));
    expect(result.outcome).toBe('queued');
    expect(outbox.list()[0]).toMatchObject({ state: 'failed', lastError: expect.stringContaining('422') });
    await vi.advanceTimersByTimeAsync(120_000);
    expect(fhir.transaction).toHaveBeenCalledTimes(1);
    refuse = false;
    expect(await outbox.retry('00000000-0000-4000-8000-000000000003')).toMatchObject({ state: 'sent' });
    outbox.dispose();
  });

  it('never runs two deliveries of one item at once, and a resubmission of a sent item sends nothing', async () => {
    let release: (b: Bundle) => void = () => {};
    const { fhir, outbox } = outboxWith(() => new Promise<Bundle>((r) => (release = r)));
    const key = '00000000-0000-4000-8000-000000000004';
    const first = outbox.submit(bundle, meta(key));
    const second = outbox.retry(key);
    release(okResponse);
    await Promise.all([first, second]);
    expect(fhir.transaction).toHaveBeenCalledTimes(1);
    expect((await outbox.submit(bundle, meta(key))).outcome).toBe('written');
    expect(fhir.transaction).toHaveBeenCalledTimes(1);
    outbox.dispose();
  });
});

describe('backoffDelay', () => {
  it('doubles up to the cap and jitters within the policy', () => {
    const policy = { baseMs: 1000, maxMs: 8000, jitter: 0.5 };
    expect(backoffDelay(1, policy, () => 1)).toBe(1000);
    expect(backoffDelay(3, policy, () => 1)).toBe(4000);
    expect(backoffDelay(10, policy, () => 1)).toBe(8000);
    expect(backoffDelay(3, policy, () => 0)).toBe(2000);
  });
});

describe('DocumentationOutbox on the durable store', () => {
  it('resumes after a restart: pending and half-sent items are delivered, failed ones wait for a person', async () => {
    const d = tempDir();
    try {
      const path = d.file('outbox.db');
      const db = openOutboxDatabase(path);
      const store = new SqliteOutboxStore(db);
      const base = { label: 'Encounter · test', patientId: 'pat-1', lastError: null, nextAttemptAt: null, createdAt: 1, encounterId: null };
      store.put({ bundle, item: { ...base, id: '00000000-0000-4000-8000-000000000011', state: 'pending', attempts: 0 } });
      store.put({ bundle, item: { ...base, id: '00000000-0000-4000-8000-000000000012', state: 'sending', attempts: 1 } }); // crashed mid-request
      store.put({ bundle, item: { ...base, id: '00000000-0000-4000-8000-000000000013', state: 'failed', attempts: 1, lastError: 'refused' } });
      db.close();

      const reopened = new SqliteOutboxStore(openOutboxDatabase(path, { create: false }));
      const fhir = new FhirClient({ baseUrl: 'http://127.0.0.1:9' });
      vi.spyOn(fhir, 'transaction').mockImplementation(async () => okResponse);
      const outbox = new DocumentationOutbox(fhir, reopened, createMemoryLogger());
      expect(outbox.start()).toBe(2);
      await vi.waitFor(() => expect(outbox.backlog()).toEqual({ pending: 0, failed: 1, oldestUnsentAt: 1 }));
      expect(fhir.transaction).toHaveBeenCalledTimes(2);
      // After a restart a resubmission still answers "written" with the EHR's ids.
      expect(await outbox.submit(bundle, meta('00000000-0000-4000-8000-000000000012'))).toMatchObject({ outcome: 'written', encounterId: 'e1' });
      await outbox.dispose();
    } finally {
      d.remove();
    }
  });

  it('bounds an attempt to a server that never answers, and one stuck or refused item does not hold the others', async () => {
    const fhir = new FhirClient({ baseUrl: 'http://127.0.0.1:9' });
    vi.spyOn(fhir, 'transaction').mockImplementation(async (b) => {
      const kind = (b.entry?.[0]?.resource as { id?: string }).id;
      if (kind === 'hang') return new Promise<Bundle>(() => {}); // ignores the abort signal on purpose
      if (kind === 'refuse') throw new FhirError('http', 'x', 403);
      return okResponse;
    });
    const outbox = new DocumentationOutbox(fhir, new MemoryOutboxStore(), createMemoryLogger(), { baseMs: 60_000, maxMs: 60_000, jitter: 0 }, Date.now, {
      requestTimeoutMs: 100,
      maxConcurrent: 1,
    });
    const withId = (id: string): Bundle => ({ ...bundle, entry: bundle.entry!.map((e, i) => (i === 0 ? { ...e, resource: { ...e.resource!, id } as Encounter } : e)) });
    const [hung, refused, fine] = await Promise.all([
      outbox.submit(withId('hang'), meta('00000000-0000-4000-8000-000000000021')),
      outbox.submit(withId('refuse'), meta('00000000-0000-4000-8000-000000000022')),
      outbox.submit(withId('ok'), meta('00000000-0000-4000-8000-000000000023')),
    ]);
    expect(hung).toMatchObject({ outcome: 'queued', reason: expect.stringContaining('did not answer in time') });
    expect(refused).toMatchObject({ outcome: 'queued', reason: expect.stringContaining('403 Forbidden') });
    expect(fine.outcome).toBe('written');
    expect(outbox.list().map((i) => i.state)).toEqual(['sent', 'failed', 'pending']);
    await outbox.dispose();
  });
});
