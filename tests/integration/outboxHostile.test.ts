import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CONFLICT_RETRY_ATTEMPTS } from '../../src-main/documentation/deliveryOutcome';
import { IDENTIFIER_SYSTEMS } from '../../src-main/documentation/encounterTransaction';
import { type FhirServerProcess, startFhirServerProcess } from '../support/fhirServerProcess';
import { durableOutbox, encounterBundle } from '../support/outboxHarness';

// Each hostile answer as the agent reads it (state and reason), retried only where sensible (attempts counted
// at the server), the item never lost (still in the store), and no unhandled rejection anywhere.
let server: FhirServerProcess;
let h: ReturnType<typeof durableOutbox>;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => void unhandled.push(reason);

beforeAll(async () => {
  server = await startFhirServerProcess();
  process.on('unhandledRejection', onUnhandled);
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await server?.kill();
});
beforeEach(async () => {
  await server.setMode({ kind: 'pass' }, 0);
  await server.resetStats();
  h = durableOutbox(server.baseUrl, { baseMs: 100, maxMs: 400, jitter: 0 }, { requestTimeoutMs: 500, submitWaitMs: 3_000 });
  h.outbox.start();
});
afterEach(async () => {
  await h.close();
  expect(unhandled).toEqual([]);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const copies = async (id: string) => (await server.identifierCounts('Encounter', IDENTIFIER_SYSTEMS.encounter)).get(id) ?? 0;
const item = (id: string) => h.store.get(id)?.item;

describe('outbox against a hostile EHR', () => {
  it.each([
    [400, 'Invalid resource', /^The EHR refused the encounter \(400 Bad Request: Invalid resource\)\.$/],
    [401, undefined, /^The EHR refused the encounter \(401 Unauthorized\)\. Careline could not sign in to the EHR/],
    [403, 'Chaos 403 for Patient Jane Roe', /^The EHR refused the encounter \(403 Forbidden\)\. Careline is not permitted/], // server text with a name stays out
    [412, 'Multiple matches for If-None-Exist', /^The EHR refused the encounter \(412 Precondition Failed: Multiple matches for If-None-Exist\)\./],
  ])('%i: failed with the reason, not retried automatically, kept, and a person can retry it', async (status, text, reason) => {
    await server.setMode({ kind: 'status', status, ...(text ? { text } : {}) });
    const e = encounterBundle();
    const result = await h.outbox.submit(e.bundle, e.meta);
    expect(result).toMatchObject({ outcome: 'queued', reason: expect.stringMatching(reason) });
    expect(item(e.id)).toMatchObject({ state: 'failed', attempts: 1, nextAttemptAt: null, lastError: expect.stringMatching(reason) });
    await sleep(800); // several backoff periods
    expect((await server.stats()).transactions).toBe(1);
    expect(h.outbox.backlog()).toMatchObject({ failed: 1, pending: 0 });

    await server.setMode({ kind: 'pass' });
    expect(await h.outbox.retry(e.id)).toMatchObject({ state: 'sent', lastError: null });
    expect(await copies(e.id)).toBe(1);
  });

  it(`409: retried ${CONFLICT_RETRY_ATTEMPTS} times in all, then failed with the reason`, async () => {
    await server.setMode({ kind: 'status', status: 409 });
    const e = encounterBundle();
    expect(await h.outbox.submit(e.bundle, e.meta)).toMatchObject({ outcome: 'queued', reason: expect.stringContaining('409 Conflict') });
    await expect.poll(() => item(e.id)?.state, { timeout: 5_000 }).toBe('failed');
    expect(item(e.id)?.lastError).toMatch(/^The EHR refused the encounter \(409 Conflict/);
    await sleep(500);
    expect((await server.stats()).transactions).toBe(CONFLICT_RETRY_ATTEMPTS);
  });

  it('429 with Retry-After: waits as long as the server asked (not the shorter backoff), then delivers', async () => {
    await server.setMode({ kind: 'status', status: 429, retryAfter: '2' });
    const e = encounterBundle();
    const submittedAt = Date.now();
    expect(await h.outbox.submit(e.bundle, e.meta)).toMatchObject({ outcome: 'queued', reason: expect.stringContaining('429 Too Many Requests') });
    expect(item(e.id)).toMatchObject({ state: 'pending', nextAttemptAt: expect.any(Number) });
    expect(item(e.id)!.nextAttemptAt! - submittedAt).toBeGreaterThanOrEqual(1_900);
    await server.setMode({ kind: 'pass' });
    await sleep(1_000);
    expect((await server.stats()).transactions).toBe(1); // the 100 ms backoff would have retried by now
    await expect.poll(() => item(e.id)?.state, { timeout: 5_000 }).toBe('sent');
    expect((await server.stats()).transactions).toBe(2);
    expect(await copies(e.id)).toBe(1);
  });

  it('500: retried with backoff while it lasts, delivered once it stops', async () => {
    await server.setMode({ kind: 'status', status: 500 });
    const e = encounterBundle();
    expect(await h.outbox.submit(e.bundle, e.meta)).toMatchObject({ outcome: 'queued', reason: expect.stringContaining('500 Internal Server Error') });
    await sleep(1_000);
    const tries = (await server.stats()).transactions;
    expect(tries).toBeGreaterThanOrEqual(3); // 0, 100, 300, 700 ms (base 100, doubling, cap 400)
    expect(tries).toBeLessThanOrEqual(6);
    expect(item(e.id)?.state).not.toBe('failed');
    await server.setMode({ kind: 'pass' });
    await expect.poll(() => item(e.id)?.state, { timeout: 5_000 }).toBe('sent');
    expect(await copies(e.id)).toBe(1);
  });

  it.each([
    ['truncated JSON', { kind: 'truncated' } as const],
    ['a wrong resourceType', { kind: 'wrong-type' } as const],
  ])('%s after the write landed: pending (unreadable answer), retried, and still one copy', async (_name, mode) => {
    await server.setMode(mode);
    const e = encounterBundle();
    expect(await h.outbox.submit(e.bundle, e.meta)).toMatchObject({ outcome: 'queued', reason: expect.stringContaining('cannot read') });
    expect(item(e.id)?.state).not.toBe('sent');
    expect(await copies(e.id)).toBe(1); // the write landed; only the answer was broken
    await server.setMode({ kind: 'pass' });
    await expect.poll(() => item(e.id)?.state, { timeout: 5_000 }).toBe('sent');
    expect(item(e.id)?.encounterId).toBeTruthy();
    expect(await copies(e.id)).toBe(1);
  });

  it('a server that never answers: each attempt is bounded, the item stays pending, and lands once the server answers', async () => {
    await server.setMode({ kind: 'hang' });
    const e = encounterBundle();
    const started = Date.now();
    expect(await h.outbox.submit(e.bundle, e.meta)).toMatchObject({ outcome: 'queued', reason: expect.stringContaining('did not answer in time') });
    expect(Date.now() - started).toBeLessThan(2_000);
    await sleep(1_200);
    expect((await server.stats()).transactions).toBeGreaterThanOrEqual(2); // timed out and retried, not stuck
    await server.setMode({ kind: 'pass' });
    await expect.poll(() => item(e.id)?.state, { timeout: 5_000 }).toBe('sent');
    expect(await copies(e.id)).toBe(1);
  });

  it('a slow server within the timeout: written at once', async () => {
    await server.setMode({ kind: 'pass' }, 200);
    const e = encounterBundle();
    expect(await h.outbox.submit(e.bundle, e.meta)).toMatchObject({ outcome: 'written' });
    expect(await copies(e.id)).toBe(1);
  });
});
