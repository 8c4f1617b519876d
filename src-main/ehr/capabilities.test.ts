import type { CapabilityStatement } from '@medplum/fhirtypes';
import { describe, expect, it, vi } from 'vitest';
import { buildCapabilityStatement } from '../demo/ehr/capabilityStatement';
import { indexMedplumDefinitions } from '../demo/ehr/medplumDefinitions';
import { CapabilityCache, CapabilityView } from './capabilities';

const statement = (rest: unknown[]): CapabilityStatement =>
  ({ resourceType: 'CapabilityStatement', status: 'active', kind: 'instance', fhirVersion: '4.0.1', format: ['json'], date: '2026-01-01', rest }) as CapabilityStatement;

describe('CapabilityView', () => {
  it('reads what the demo EHR advertises', () => {
    indexMedplumDefinitions(); // the demo statement lists only parameters the loaded definitions know
    const view = new CapabilityView(buildCapabilityStatement('http://127.0.0.1/fhir', '2026-01-01', []));
    expect(view.supportsSearchParam('Patient', 'phone')).toBe(true);
    expect(view.supportsSearchParam('Patient', 'family:exact')).toBe(true);
    expect(view.supportsSearchParam('Patient', 'shoe-size')).toBe(false);
    expect(view.supportsInteraction('Encounter', 'create')).toBe(true);
    expect(view.supportsOperation('Patient', 'match')).toBe(false);
    expect(view.supportsTransaction).toBe(true);
  });

  it('copes with odd statements: Epic-like (no phone), $-names, definition-only operations, odd case, client entries', () => {
    const view = new CapabilityView(
      statement([
        { mode: 'client', resource: [{ type: 'Patient', searchParam: [{ name: 'phone' }] }] },
        {
          // mode missing: read as server
          resource: [
            { type: 'patient', interaction: [{ code: 'search-type' }, { code: 'read' }], searchParam: [{ name: 'Family' }, { name: 'birthdate' }, { name: 'identifier' }], operation: [{ name: '$match', definition: 'x' }] },
            { type: 'Encounter', interaction: [{ code: 'read' }] },
            { type: 'Coverage', operation: [{ name: 'anything', definition: 'http://hl7.org/fhir/OperationDefinition/Coverage-eligibility|4.0.1' }] },
            null,
            { type: 42 },
          ],
          searchParam: [{ name: '_id' }, { name: '_count' }],
        },
      ]),
    );
    expect(view.supportsSearchParam('Patient', 'phone')).toBe(false); // only the client side claims it
    expect(view.supportsSearchParam('Patient', 'telecom')).toBe(false);
    expect(view.supportsSearchParam('Patient', 'family')).toBe(true);
    expect(view.supportsSearchParam('Patient', '_id')).toBe(true); // rest-level, type is searchable
    expect(view.supportsSearchParam('Encounter', '_id')).toBe(false); // Encounter has no search-type
    expect(view.supportsOperation('Patient', 'match')).toBe(true);
    expect(view.supportsOperation('Patient', '$match')).toBe(true);
    expect(view.supportsOperation('Coverage', 'eligibility')).toBe(true);
    expect(view.supportsInteraction('Encounter', 'create')).toBe(false);
    expect(view.supportsTransaction).toBe(false);
  });

  it('finds a system-level operation declared by its definition', () => {
    const view = new CapabilityView(statement([{ mode: 'server', operation: [{ name: 'mpi-match', definition: 'http://hl7.org/fhir/OperationDefinition/Patient-match' }] }]));
    expect(view.supportsOperation('Patient', 'match')).toBe(true);
    expect(view.supportsOperation('Person', 'match')).toBe(false);
  });

  it('answers "not supported" (and known) for a statement without rest, and "unknown" without one', () => {
    const empty = new CapabilityView(statement(undefined as unknown as unknown[]));
    expect(empty.known).toBe(true);
    expect(empty.supportsSearchParam('Patient', 'phone')).toBe(false);
    const none = new CapabilityView(null);
    expect(none.known).toBe(false);
    expect(none.supportsResource('Patient')).toBe(false);
  });
});

describe('CapabilityCache', () => {
  it('reads /metadata once per TTL, single flight, and retries a failure sooner', async () => {
    let now = 0;
    const load = vi.fn(async () => statement([{ mode: 'server', resource: [{ type: 'Patient' }] }]));
    const cache = new CapabilityCache(load, { ttlMs: 1_000, failureTtlMs: 100, now: () => now });
    const [a, b] = await Promise.all([cache.get(), cache.get()]);
    expect(a).toBe(b);
    expect(load).toHaveBeenCalledTimes(1);
    now = 999;
    await cache.get();
    expect(load).toHaveBeenCalledTimes(1);
    now = 1_001;
    await cache.get();
    expect(load).toHaveBeenCalledTimes(2);

    load.mockRejectedValueOnce(new Error('down'));
    now = 5_000;
    expect((await cache.get()).known).toBe(false);
    now = 5_050;
    expect((await cache.get()).known).toBe(false);
    now = 5_200;
    expect((await cache.get()).known).toBe(true);
  });

  it('lets one caller give up without failing the shared read', async () => {
    let release!: (s: CapabilityStatement) => void;
    const cache = new CapabilityCache(() => new Promise((r) => (release = r)));
    const abort = new AbortController();
    const cancelled = cache.get(abort.signal);
    const waiting = cache.get();
    abort.abort();
    await expect(cancelled).rejects.toBeDefined();
    release(statement([]));
    expect((await waiting).known).toBe(true);
  });
});
