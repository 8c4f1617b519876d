// DEMO ENVIRONMENT (simulation): the demo EHR's repository, over synthetic data only.
import { getStatus, OperationOutcomeError, parseSearchRequest } from '@medplum/core';
import { FhirRouter, MemoryRepository } from '@medplum/fhir-router';
import type { Bundle, Encounter, Patient, Resource } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { DemoRepository } from './DemoRepository';
import { indexMedplumDefinitions } from './medplumDefinitions';
import { generatePopulation, householdPhoneOf } from './syntheticPopulation';

const LOADED_AT = '2026-11-01T12:00:00.000Z';

function loaded(patients = 300, seed = 4): { repo: DemoRepository; resources: Resource[] } {
  const repo = new DemoRepository();
  const resources = [...generatePopulation({ seed, patients })];
  for (const r of resources) repo.loadTrusted(r, LOADED_AT);
  return { repo, resources };
}

const ids = (bundle: Bundle): string[] => (bundle.entry ?? []).map((e) => e.resource?.id as string).sort();

async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (error) {
    if (error instanceof OperationOutcomeError) return getStatus(error.outcome);
    throw error;
  }
}

const encounter = (value: string, patient = 'Patient/pat-000001'): Encounter => ({
  resourceType: 'Encounter',
  identifier: [{ system: 'urn:test', value }],
  status: 'finished',
  class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'VR' },
  subject: { reference: patient },
});

describe('DemoRepository', () => {
  beforeAll(() => indexMedplumDefinitions());

  it('bulk-loads generated resources keeping their ids, at version 1', async () => {
    const { repo } = loaded(20);
    const patient = await repo.readResource<Patient>('Patient', 'pat-000001');
    expect(patient.id).toBe('pat-000001');
    expect(patient.meta).toMatchObject({ versionId: '1', lastUpdated: LOADED_AT });
    expect(() => repo.loadTrusted({ resourceType: 'Patient' }, LOADED_AT)).toThrow(/valid id/);
    expect(() => repo.loadTrusted({ resourceType: 'Nonsense', id: 'x' } as unknown as Resource, LOADED_AT)).toThrow(/Unknown resource type/);
  });

  it('finds the same resources through its indexes as Medplum’s plain MemoryRepository does by scanning', async () => {
    const { repo, resources } = loaded(200, 8);
    const plain = new MemoryRepository();
    for (const r of resources) await plain.createResource(r);
    const patients = resources.filter((r): r is Patient => r.resourceType === 'Patient');
    // Households, twins and the first patients of each kind are all among the first 25.
    const queries = patients.slice(0, 25).flatMap((p) => [
      `Patient?phone=${encodeURIComponent(householdPhoneOf(p) as string)}`,
      `Patient?telecom=${encodeURIComponent(p.telecom?.at(-1)?.value as string)}`,
      `Patient?identifier=urn:careline:demo:mrn|${p.identifier?.[0]?.value}`,
      `Patient?identifier=${p.identifier?.[1]?.value}`,
      `Patient?birthdate=${p.birthDate}`,
      `Patient?birthdate=${p.birthDate}&gender=${p.gender}`,
      `Encounter?subject=Patient/${p.id}`,
      `Encounter?patient=Patient/${p.id}`,
      `Coverage?patient=Patient/${p.id}`,
      `Coverage?beneficiary=Patient/${p.id}`,
      `Patient?_id=${p.id},pat-000002`,
      `Appointment?patient=Patient/${p.id}`,
      `Appointment?patient=Patient/${p.id}&date=ge2026-11-01`,
    ]);
    queries.push(
      'Slot?schedule=Schedule/sched-0001',
      'Schedule?actor=Practitioner/prac-0002',
      'Appointment?actor=PractitionerRole/role-0001',
      'Appointment?actor=Location/loc-ny',
      'Appointment?slot=Slot/slot-0001-002,Slot/slot-0002-005',
      'Patient?phone=%2B10000000000',
      // scans, through the narrowed search parameter expressions
      'Patient?gender=female',
      'Encounter?date=ge2026-06-01',
      'Encounter?status=finished&date=lt2025-12-01',
      'Slot?schedule=Schedule/sched-0002&status=free&start=ge2026-11-05T09:00:00-05:00',
      'Coverage?payor=Organization/org-payer-medicare',
    );
    for (const query of queries) {
      const request = parseSearchRequest(query);
      const expected = ids(await plain.search({ ...request, count: 10_000 }));
      const actual = ids(await repo.search({ ...parseSearchRequest(query), count: 1000 }));
      expect(actual, query).toEqual(expected);
    }
  }, 30_000);

  it('answers the contact-center searches from indexes (a definition change must not silently turn them into scans)', () => {
    const repo = new DemoRepository();
    expect(repo.indexedParameters).toEqual(
      expect.arrayContaining([
        'Patient?phone',
        'Patient?telecom',
        'Patient?identifier',
        'Patient?birthdate',
        'Encounter?patient',
        'Encounter?subject',
        'Encounter?identifier',
        'Coverage?patient',
        'QuestionnaireResponse?identifier',
        'Communication?identifier',
        'Slot?schedule',
        'Appointment?patient',
        'Appointment?actor',
        'Appointment?slot',
      ]),
    );
  });

  it('reads a bare id as a reference to the parameter’s target type', async () => {
    const { repo } = loaded(30);
    const bare = await repo.search(parseSearchRequest('Coverage?patient=pat-000001'));
    const full = await repo.search(parseSearchRequest('Coverage?patient=Patient/pat-000001'));
    expect(ids(bare)).toEqual(ids(full));
  });

  it('matches string parameters by starts-with on a word, case- and accent-insensitively, with :exact and :contains', async () => {
    const repo = new DemoRepository();
    await repo.createResource<Patient>({ resourceType: 'Patient', name: [{ family: 'Peña Lopez', given: ['María José'] }], birthDate: '1990-01-02' });
    const count = async (query: string): Promise<number> => (await repo.search(parseSearchRequest(query))).total ?? 0;
    expect(await count('Patient?family=pena')).toBe(1);
    expect(await count('Patient?family=lop')).toBe(1);
    expect(await count('Patient?family=ez')).toBe(0); // a substring, not a prefix
    expect(await count('Patient?family:contains=ez')).toBe(1);
    expect(await count('Patient?family:exact=Peña Lopez')).toBe(1);
    expect(await count('Patient?family:exact=peña lopez')).toBe(0);
    expect(await count('Patient?given=jose&birthdate=1990-01-02')).toBe(1);
    expect(await count('Patient?name=maria')).toBe(1);
  });

  it('refuses what it does not implement instead of silently matching nothing', async () => {
    const repo = new DemoRepository();
    for (const query of ['Patient?colour=blue', 'Patient?general-practitioner.name=x', 'Patient?_include=Patient:general-practitioner', 'Patient?_sort=shoe-size', 'Patient?phone:text=555']) {
      await expect(repo.search(parseSearchRequest(query)), query).rejects.toThrow(OperationOutcomeError);
    }
  });

  it('pages: default 20, at most 1000, totals always counted', async () => {
    const { repo } = loaded(1200);
    const first = await repo.search(parseSearchRequest('Patient'));
    expect(first.entry).toHaveLength(20);
    expect(first.total).toBe(1200);
    expect((await repo.search(parseSearchRequest('Patient?_count=5000'))).entry).toHaveLength(1000);
    expect((await repo.search(parseSearchRequest('Patient?_summary=count'))).entry).toBeUndefined();
    const page2 = await repo.search(parseSearchRequest('Patient?_count=10&_offset=10'));
    expect(page2.entry?.[0]?.resource?.id).toBe('pat-000011');
  });

  it('sorts by the first rule first', async () => {
    const { repo } = loaded(200);
    const bundle = await repo.search(parseSearchRequest('Patient?_sort=-birthdate&_count=50'));
    const dates = (bundle.entry ?? []).map((e) => (e.resource as Patient).birthDate as string);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('validates writes and owns versionId and lastUpdated', async () => {
    const repo = new DemoRepository();
    // Structural validation (types, formats, cardinality, unknown properties); terminology bindings are not checked.
    expect(await statusOf(repo.createResource<Patient>({ resourceType: 'Patient', birthDate: '31/12/1990' }))).toBe(400);
    expect(await statusOf(repo.createResource({ resourceType: 'Encounter', status: 'finished' } as Encounter))).toBe(400);
    const created = await repo.createResource<Patient>({ resourceType: 'Patient', meta: { versionId: 'mine', lastUpdated: '1999-01-01T00:00:00Z' } });
    expect(created.meta?.versionId).not.toBe('mine');
    expect(created.meta?.lastUpdated).not.toBe('1999-01-01T00:00:00Z');
  });

  it('rolls a failed transaction Bundle back entirely', async () => {
    const { repo } = loaded(10);
    const router = new FhirRouter();
    const before = await repo.readResource<Patient>('Patient', 'pat-000002');
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { fullUrl: 'urn:uuid:6f1c1c4e-0000-4000-8000-000000000001', resource: encounter('tx-1'), request: { method: 'POST', url: 'Encounter' } },
        { resource: { ...before, gender: 'other' }, request: { method: 'PUT', url: 'Patient/pat-000002' } },
        { request: { method: 'DELETE', url: 'Patient/pat-000003' } },
        { resource: { resourceType: 'Patient', birthDate: 'yesterday' }, request: { method: 'POST', url: 'Patient' } },
      ],
    };
    const [outcome] = await router.handleRequest(
      { method: 'POST', url: '', pathname: '', body: bundle, params: {}, query: {}, config: { transactions: true } },
      repo,
    );
    expect(getStatus(outcome)).toBe(400);
    expect((await repo.search(parseSearchRequest('Encounter?identifier=urn:test|tx-1'))).total).toBe(0);
    expect(await repo.readResource('Patient', 'pat-000002')).toEqual(before);
    expect((await repo.readResource('Patient', 'pat-000003')).id).toBe('pat-000003');
    expect((await repo.readHistory('Patient', 'pat-000002')).entry).toHaveLength(1);
  });

  it('keeps history newest first however often it is read (MemoryRepository 4.5 reverses it in place)', async () => {
    const repo = new DemoRepository();
    const v1 = await repo.createResource<Patient>({ resourceType: 'Patient', gender: 'female' });
    const v2 = await repo.updateResource<Patient>({ ...v1, gender: 'male' });
    for (let i = 0; i < 3; i++) {
      const history = await repo.readHistory('Patient', v1.id);
      expect(history.entry?.map((e) => e.resource?.meta?.versionId)).toEqual([v2.meta?.versionId, v1.meta?.versionId]);
    }
  });

  it('keeps indexes in step with updates and deletes', async () => {
    const repo = new DemoRepository();
    const p = await repo.createResource<Patient>({ resourceType: 'Patient', telecom: [{ system: 'phone', value: '+16175550100' }] });
    const byPhone = async (phone: string): Promise<number> => (await repo.search(parseSearchRequest(`Patient?phone=${encodeURIComponent(phone)}`))).total ?? 0;
    expect(await byPhone('+16175550100')).toBe(1);
    await repo.updateResource<Patient>({ ...p, telecom: [{ system: 'phone', value: '+16175550199' }] });
    expect(await byPhone('+16175550100')).toBe(0);
    expect(await byPhone('+16175550199')).toBe(1);
    await repo.deleteResource('Patient', p.id);
    expect(await byPhone('+16175550199')).toBe(0);
  });
});
