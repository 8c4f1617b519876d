// DEMO ENVIRONMENT (simulation): the embedded demo EHR over real HTTP on loopback, synthetic data only.
import { createServer } from 'node:net';
import type { Bundle, BundleEntry, CapabilityStatement, Communication, Encounter, OperationOutcome, Patient, QuestionnaireResponse } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoFhirServer, OUTAGE_MESSAGE } from '../../src-main/demo/ehr/DemoFhirServer';
import { startDemoEhr } from '../../src-main/demo/ehr/startDemoEhr';
import { householdIdOf, householdPhoneOf } from '../../src-main/demo/ehr/syntheticPopulation';

const FHIR_JSON = 'application/fhir+json';

interface Reply<T> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

async function call<T = unknown>(url: string, init: RequestInit = {}): Promise<Reply<T>> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as T };
}

const post = <T = unknown>(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> =>
  call<T>(url, { method: 'POST', headers: { 'content-type': FHIR_JSON, ...headers }, body: JSON.stringify(body) });

const outcomeText = (outcome: OperationOutcome): string => outcome.issue?.map((i) => i.details?.text).join('; ') ?? '';

/** The documentation bundle shape: Encounter + QuestionnaireResponse + Communication linked by urn:uuid. */
function documentationBundle(draftId: string, patientId: string): Bundle {
  const encounterUrl = `urn:uuid:${draftId}`;
  const qrUrl = `urn:uuid:${draftId.slice(0, -1)}1`;
  const commUrl = `urn:uuid:${draftId.slice(0, -1)}2`;
  const entry = (fullUrl: string, resource: BundleEntry['resource'], type: string, system: string): BundleEntry => ({
    fullUrl,
    resource,
    request: { method: 'POST', url: type, ifNoneExist: `identifier=${system}|${draftId}` },
  });
  const encounter: Encounter = {
    resourceType: 'Encounter',
    identifier: [{ system: 'urn:careline:encounter', value: draftId }],
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'VR', display: 'virtual' },
    type: [{ coding: [{ system: 'http://snomed.info/sct', code: '185317003', display: 'Telephone encounter' }] }],
    subject: { reference: `Patient/${patientId}` },
    period: { start: '2026-11-02T14:00:00Z', end: '2026-11-02T14:09:00Z' },
    reasonCode: [{ text: 'Fever' }],
  };
  const questionnaireResponse: QuestionnaireResponse = {
    resourceType: 'QuestionnaireResponse',
    identifier: { system: 'urn:careline:questionnaire-response', value: draftId },
    status: 'completed',
    subject: { reference: `Patient/${patientId}` },
    encounter: { reference: encounterUrl },
    authored: '2026-11-02T14:09:00Z',
    item: [{ linkId: 'reason-for-call', text: 'Reason for call', answer: [{ valueString: 'Fever' }] }],
  };
  const communication: Communication = {
    resourceType: 'Communication',
    identifier: [{ system: 'urn:careline:communication', value: draftId }],
    status: 'completed',
    subject: { reference: `Patient/${patientId}` },
    encounter: { reference: encounterUrl },
    partOf: [{ reference: qrUrl }],
    payload: [{ contentString: 'Fluids and rest; call back if worse.' }],
  };
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      entry(encounterUrl, encounter, 'Encounter', 'urn:careline:encounter'),
      entry(qrUrl, questionnaireResponse, 'QuestionnaireResponse', 'urn:careline:questionnaire-response'),
      entry(commUrl, communication, 'Communication', 'urn:careline:communication'),
    ],
  };
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

describe('demo EHR over HTTP (simulation)', () => {
  let server: DemoFhirServer;
  let base: string;
  let counts: Record<string, number>;

  beforeAll(async () => {
    ({ server, counts } = await startDemoEhr({ patients: 300, seed: 7 }));
    base = server.baseUrl;
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('listens on loopback at /fhir/R4 and reports what it loaded', () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/fhir\/R4$/);
    expect(counts).toMatchObject({ Patient: 300, Organization: 6, Location: 4 + 7 + 1 }); // clinics, their rooms, the urgent care
  });

  it('answers GET /metadata with a CapabilityStatement naming the simulation and its search parameters', async () => {
    const { status, headers, body } = await call<CapabilityStatement>(`${base}/metadata`);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toContain(FHIR_JSON);
    expect(body).toMatchObject({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1', kind: 'instance', software: { name: 'Careline Demo EHR (simulation)' } });
    const patient = body.rest?.[0]?.resource?.find((r) => r.type === 'Patient');
    const params = patient?.searchParam?.map((p) => p.name) ?? [];
    for (const name of ['phone', 'name', 'family', 'given', 'birthdate', 'telecom', 'identifier']) expect(params).toContain(name);
    expect(body.rest?.[0]?.interaction?.map((i) => i.code)).toEqual(expect.arrayContaining(['transaction', 'batch']));
  });

  it('reads a patient by its generated id, with an ETag; 404 with an OperationOutcome for an unknown id', async () => {
    const { status, headers, body } = await call<Patient>(`${base}/Patient/pat-000001`);
    expect(status).toBe(200);
    expect(body.id).toBe('pat-000001');
    expect(headers.get('etag')).toBe('W/"1"');
    const missing = await call<OperationOutcome>(`${base}/Patient/pat-999999`);
    expect(missing.status).toBe(404);
    expect(missing.body.resourceType).toBe('OperationOutcome');
  });

  it('finds a whole household by its shared phone (Patient?phone=+1...)', async () => {
    const first = (await call<Patient>(`${base}/Patient/pat-000001`)).body;
    const phone = householdPhoneOf(first) as string;
    const { status, body } = await call<Bundle<Patient>>(`${base}/Patient?phone=${encodeURIComponent(phone)}`);
    expect(status).toBe(200);
    expect(body.type).toBe('searchset');
    const members = body.entry?.map((e) => e.resource as Patient) ?? [];
    expect(members.length).toBeGreaterThanOrEqual(2); // the first household is a young family
    expect(body.total).toBe(members.length);
    for (const m of members) {
      expect(householdIdOf(m)).toBe(householdIdOf(first));
      expect(householdPhoneOf(m)).toBe(phone);
    }
    expect(body.entry?.[0]?.fullUrl).toBe(`${base}/Patient/${members[0]?.id}`);
    expect(body.entry?.[0]?.search?.mode).toBe('match');
    const nobody = await call<Bundle>(`${base}/Patient?phone=${encodeURIComponent('+12125550000')}`);
    expect(nobody.body.total).toBe(0);
    // An unencoded '+' decodes to a space: refused with a hint instead of a silent "no such patient".
    const unencoded = await call<OperationOutcome>(`${base}/Patient?phone=${phone}`);
    expect(unencoded.status).toBe(400);
    expect(outcomeText(unencoded.body)).toMatch(/%2B/);
  });

  it('finds a patient by family name and birth date, as EHRs without phone search require', async () => {
    const target = (await call<Patient>(`${base}/Patient/pat-000042`)).body;
    const family = target.name?.[0]?.family as string;
    const { body } = await call<Bundle<Patient>>(`${base}/Patient?family=${encodeURIComponent(family)}&birthdate=${target.birthDate}`);
    expect(body.entry?.map((e) => e.resource?.id)).toContain('pat-000042');
    for (const e of body.entry ?? []) {
      expect(e.resource?.birthDate).toBe(target.birthDate);
      expect(e.resource?.name?.[0]?.family?.toLowerCase().startsWith(family.toLowerCase())).toBe(true);
    }
  });

  it('pages with _count and a next link that works', async () => {
    const page1 = await call<Bundle>(`${base}/Patient?_count=7`);
    expect(page1.body.entry).toHaveLength(7);
    const next = page1.body.link?.find((l) => l.relation === 'next')?.url as string;
    expect(next).toContain('_offset=7');
    const page2 = await call<Bundle>(next);
    expect(page2.body.entry?.[0]?.resource?.id).toBe('pat-000008');
  });

  it('supports the chart queries: Coverage?patient= and Encounter?subject= sorted by date', async () => {
    const coverage = await call<Bundle>(`${base}/Coverage?patient=${encodeURIComponent('Patient/pat-000001')}&_count=5`);
    expect(coverage.status).toBe(200);
    const encounters = await call<Bundle<Encounter>>(`${base}/Encounter?subject=${encodeURIComponent('Patient/pat-000002')}&_sort=-date&_count=10`);
    expect(encounters.status).toBe(200);
    const starts = encounters.body.entry?.map((e) => e.resource?.period?.start as string) ?? [];
    expect(starts).toEqual([...starts].sort().reverse());
  });

  it('refuses an unknown search parameter with 400 rather than returning an empty or unfiltered page', async () => {
    const { status, body } = await call<OperationOutcome>(`${base}/Patient?shoe-size=42`);
    expect(status).toBe(400);
    expect(outcomeText(body)).toMatch(/Unknown search parameter Patient\?shoe-size/);
  });

  it('writes a documentation transaction once, however often it is posted (If-None-Exist, urn:uuid links)', async () => {
    const draftId = '3f0c6a52-9b1e-4c1d-8e7a-5a0f2b9c7d40';
    const first = await post<Bundle>(base, documentationBundle(draftId, 'pat-000003'));
    expect(first.status).toBe(200);
    expect(first.body.type).toBe('transaction-response');
    expect(first.body.entry?.map((e) => e.response?.status)).toEqual(['201', '201', '201']);
    const again = await post<Bundle>(base, documentationBundle(draftId, 'pat-000003'));
    expect(again.status).toBe(200);
    expect(again.body.entry?.map((e) => e.response?.status)).toEqual(['200', '200', '200']);
    expect(again.body.entry?.map((e) => e.response?.location)).toEqual(first.body.entry?.map((e) => e.response?.location));

    const search = async <T extends Encounter | QuestionnaireResponse | Communication>(type: string, system: string): Promise<T[]> =>
      ((await call<Bundle<T>>(`${base}/${type}?identifier=${encodeURIComponent(`${system}|${draftId}`)}`)).body.entry ?? []).map((e) => e.resource as T);
    const encounters = await search<Encounter>('Encounter', 'urn:careline:encounter');
    const responses = await search<QuestionnaireResponse>('QuestionnaireResponse', 'urn:careline:questionnaire-response');
    const communications = await search<Communication>('Communication', 'urn:careline:communication');
    expect([encounters.length, responses.length, communications.length]).toEqual([1, 1, 1]);
    // The urn:uuid references were rewritten to the ids the server assigned.
    expect(responses[0]?.encounter?.reference).toBe(`Encounter/${encounters[0]?.id}`);
    expect(communications[0]?.encounter?.reference).toBe(`Encounter/${encounters[0]?.id}`);
    expect(communications[0]?.partOf?.[0]?.reference).toBe(`QuestionnaireResponse/${responses[0]?.id}`);
  });

  it('creates each resource once when the same transaction races itself', async () => {
    const draftId = '8a6b1c0d-2e3f-4a5b-9c6d-7e8f9a0b1c20';
    const replies = await Promise.all(Array.from({ length: 12 }, () => post<Bundle>(base, documentationBundle(draftId, 'pat-000005'))));
    expect(replies.every((r) => r.status === 200)).toBe(true);
    const found = await call<Bundle>(`${base}/Encounter?identifier=${encodeURIComponent(`urn:careline:encounter|${draftId}`)}`);
    expect(found.body.total).toBe(1);
  });

  it('is all-or-nothing: a transaction with one invalid entry writes nothing', async () => {
    const draftId = '0d9e8f7a-6b5c-4d3e-8f1a-2b3c4d5e6f70';
    const bundle = documentationBundle(draftId, 'pat-000006');
    (bundle.entry?.[2]?.resource as Communication).status = undefined as unknown as Communication['status']; // required
    const reply = await post<OperationOutcome>(base, bundle);
    expect(reply.status).toBe(400);
    expect(reply.body.resourceType).toBe('OperationOutcome');
    const found = await call<Bundle>(`${base}/Encounter?identifier=${encodeURIComponent(`urn:careline:encounter|${draftId}`)}`);
    expect(found.body.total).toBe(0);
  });

  it('honours the If-None-Exist header on a plain create, and assigns ids itself', async () => {
    const patient: Patient = { resourceType: 'Patient', id: 'pat-000001', identifier: [{ system: 'urn:test:intake', value: 'walk-in-1' }], name: [{ family: 'Testcase', given: ['Quinn'] }] };
    const created = await post<Patient>(`${base}/Patient`, patient, { 'if-none-exist': 'identifier=urn:test:intake|walk-in-1' });
    expect(created.status).toBe(201);
    expect(created.body.id).not.toBe('pat-000001'); // a client id on create is ignored, never an overwrite
    expect(created.headers.get('location')).toBe(`${base}/Patient/${created.body.id}/_history/${created.body.meta?.versionId}`);
    const repeat = await post<Patient>(`${base}/Patient`, patient, { 'if-none-exist': 'identifier=urn:test:intake|walk-in-1' });
    expect(repeat.status).toBe(200);
    expect(repeat.body.id).toBe(created.body.id);
    expect((await call<Patient>(`${base}/Patient/pat-000001`)).body.name?.[0]?.family).not.toBe('Testcase');
  });

  it('updates with PUT and deletes with DELETE', async () => {
    const original = (await call<Patient>(`${base}/Patient/pat-000010`)).body;
    const updated = await call<Patient>(`${base}/Patient/pat-000010`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'if-match': 'W/"1"' },
      body: JSON.stringify({ ...original, active: false }),
    });
    expect(updated.status).toBe(200);
    expect(updated.body.active).toBe(false);
    const stale = await call(`${base}/Patient/pat-000010`, { method: 'PUT', headers: { 'content-type': FHIR_JSON, 'if-match': 'W/"1"' }, body: JSON.stringify(original) });
    expect(stale.status).toBe(412);
    const created = await post<Patient>(`${base}/Patient`, { resourceType: 'Patient', name: [{ family: 'Transient' }] });
    expect((await call(`${base}/Patient/${created.body.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await call(`${base}/Patient/${created.body.id}`)).status).toBe(404);
  });

  it('answers 503 with an OperationOutcome during a simulated outage, and recovers', async () => {
    server.setOutage(true);
    try {
      for (const url of [`${base}/metadata`, `${base}/Patient/pat-000001`]) {
        const { status, body } = await call<OperationOutcome>(url);
        expect(status).toBe(503);
        expect(outcomeText(body)).toBe(OUTAGE_MESSAGE);
      }
      expect((await post(base, documentationBundle('11111111-2222-4333-8444-555555555550', 'pat-000001'))).status).toBe(503);
    } finally {
      server.setOutage(false);
    }
    expect((await call(`${base}/Patient/pat-000001`)).status).toBe(200);
  });

  it('answers a body that is not JSON with 400 and keeps serving', async () => {
    for (const body of ['{"resourceType": "Patient", ', 'garbage', '']) {
      const reply = await call<OperationOutcome>(`${base}/Patient`, { method: 'POST', headers: { 'content-type': FHIR_JSON }, body });
      expect(reply.status).toBe(400);
      expect(reply.body.resourceType).toBe('OperationOutcome');
    }
    expect((await post<OperationOutcome>(`${base}/Patient`, [1, 2])).status).toBe(400);
    expect((await post<OperationOutcome>(base, { resourceType: 'Patient' })).status).toBe(400);
    expect((await call(`${base}/Patient`, { method: 'POST', headers: { 'content-type': 'application/fhir+xml' }, body: '<Patient/>' })).status).toBe(415);
    expect((await call(`${base}/metadata`)).status).toBe(200);
  });

  it('answers unknown paths with 404 and unsupported methods with 405', async () => {
    const root = await call<OperationOutcome>(base.replace('/fhir/R4', '/admin'));
    expect(root.status).toBe(404);
    const options = await call(`${base}/Patient`, { method: 'OPTIONS' });
    expect(options.status).toBe(405);
    expect(options.headers.get('allow')).toContain('GET');
  });

  it('supports POST [type]/_search with form parameters', async () => {
    const phone = householdPhoneOf((await call<Patient>(`${base}/Patient/pat-000001`)).body) as string;
    const reply = await call<Bundle>(`${base}/Patient/_search`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ phone }).toString(),
    });
    expect(reply.status).toBe(200);
    expect(reply.body.total).toBeGreaterThanOrEqual(2);
  });
});

describe('demo EHR server lifecycle', () => {
  it('refuses bodies over the limit with 413 and stays up', async () => {
    const server = await DemoFhirServer.start({ maxBodyBytes: 2048 });
    try {
      const big = { resourceType: 'Patient', name: [{ family: 'x'.repeat(10_000) }] };
      const reply = await post<OperationOutcome>(`${server.baseUrl}/Patient`, big);
      expect(reply.status).toBe(413);
      expect(reply.body.resourceType).toBe('OperationOutcome');
      expect((await call(`${server.baseUrl}/metadata`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('starts on a random port and frees it on stop()', async () => {
    const server = await DemoFhirServer.start({ port: 0 });
    const port = server.port;
    expect(port).toBeGreaterThan(0);
    expect(await portIsFree(port)).toBe(false);
    // An idle keep-alive connection must not hold the port open after stop().
    expect((await call(`${server.baseUrl}/metadata`)).status).toBe(200);
    await server.stop();
    await server.stop(); // idempotent
    expect(await portIsFree(port)).toBe(true);
    await expect(fetch(`${server.baseUrl}/metadata`)).rejects.toThrow();
    const again = await DemoFhirServer.start({ port });
    expect(again.port).toBe(port);
    await again.stop();
  });

  it('only binds to loopback', async () => {
    await expect(DemoFhirServer.start({ host: '0.0.0.0' as '127.0.0.1' })).rejects.toThrow(/127\.0\.0\.1 only/);
  });

  it('loads an async stream of resources, keeping ids', async () => {
    const server = await DemoFhirServer.start();
    try {
      async function* stream(): AsyncGenerator<Patient> {
        for (let i = 1; i <= 3; i++) yield { resourceType: 'Patient', id: `async-${i}`, gender: 'unknown' };
      }
      expect(await server.load(stream())).toBe(3);
      expect((await call<Patient>(`${server.baseUrl}/Patient/async-2`)).body.id).toBe('async-2');
    } finally {
      await server.stop();
    }
  });
});
