import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CapabilityStatement, Parameters, Patient } from '@medplum/fhirtypes';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DemoFhirServer } from '../../src-main/demo/ehr/DemoFhirServer';
import { startDemoEhr } from '../../src-main/demo/ehr/startDemoEhr';
import { CapabilityCache } from '../../src-main/ehr/capabilities';
import { FhirClient } from '../../src-main/ehr/FhirClient';
import { CAPABILITIES_UNKNOWN, PHONE_SEARCH_UNSUPPORTED, PatientMatcher } from '../../src-main/ehr/PatientMatcher';
import { toE164 } from '../../src-main/ehr/patientSummary';

const NOW = () => new Date('2026-03-01T12:00:00Z');

function matcherFor(baseUrl: string): PatientMatcher {
  const fhir = new FhirClient({ baseUrl });
  return new PatientMatcher(fhir, NOW, 10, { capabilities: new CapabilityCache((signal) => fhir.capabilities(signal)) });
}

describe('PatientMatcher with the demo EHR (phone search advertised)', () => {
  let demo: DemoFhirServer;
  beforeAll(async () => {
    demo = (await startDemoEhr({ patients: 120, seed: 7, referenceDate: '2026-03-01' })).server;
  });
  afterAll(async () => demo.stop());

  it('finds every member of a household sharing the caller number', async () => {
    const fhir = new FhirClient({ baseUrl: demo.baseUrl });
    const patients = await fhir.search<Patient>('Patient', { _count: '120' });
    const byPhone = new Map<string, string[]>();
    for (const p of patients) {
      const e164 = toE164(p.telecom?.find((t) => t.system === 'phone')?.value ?? '');
      if (e164 && p.id) byPhone.set(e164, [...(byPhone.get(e164) ?? []), p.id]);
    }
    const [phone, ids] = [...byPhone.entries()].sort((a, b) => b[1].length - a[1].length)[0]!;
    expect(ids.length).toBeGreaterThan(1);
    const lookup = await matcherFor(demo.baseUrl).lookupByPhone(phone);
    expect(lookup).toMatchObject({ matchedBy: 'phone', needs: null, reason: null });
    expect(lookup.candidates.map((c) => c.id).sort()).toEqual(expect.arrayContaining([...ids].sort()));
  });
});

/**
 * TEST PEER — a stub FHIR server whose CapabilityStatement the test chooses (an Epic-like server without
 * phone search, a server with `telecom` only, one with Patient/$match). It records what it was asked.
 */
interface Stub {
  baseUrl: string;
  requests: { method: string; url: string; body: string }[];
  close(): Promise<void>;
}
async function stubFhir(capability: { params: string[]; match: boolean }, searchResult: Patient[], matchResult: Patient[]): Promise<Stub> {
  const requests: Stub['requests'] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', body });
      res.setHeader('content-type', 'application/fhir+json');
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/fhir/metadata') {
        const statement: CapabilityStatement = {
          resourceType: 'CapabilityStatement',
          status: 'active',
          kind: 'instance',
          date: '2026-01-01',
          fhirVersion: '4.0.1',
          format: ['json'],
          rest: [
            {
              mode: 'server',
              resource: [
                {
                  type: 'Patient',
                  interaction: [{ code: 'read' }, { code: 'search-type' }],
                  searchParam: capability.params.map((name) => ({ name, type: 'string' as const })),
                  ...(capability.match ? { operation: [{ name: 'match', definition: 'http://hl7.org/fhir/OperationDefinition/Patient-match' }] } : {}),
                },
              ],
            },
          ],
        };
        return res.end(JSON.stringify(statement));
      }
      if (path === '/fhir/Patient' && req.method === 'GET') {
        return res.end(JSON.stringify({ resourceType: 'Bundle', type: 'searchset', entry: searchResult.map((resource) => ({ resource, search: { mode: 'match' } })) }));
      }
      if (path === '/fhir/Patient/$match' && req.method === 'POST') {
        return res.end(
          JSON.stringify({
            resourceType: 'Bundle',
            type: 'searchset',
            entry: [
              ...matchResult.map((resource, i) => ({ resource, search: { mode: 'match', score: 0.5 + i * 0.2 } })),
              { resource: { resourceType: 'OperationOutcome', issue: [{ severity: 'information', code: 'informational' }] }, search: { mode: 'outcome' } },
            ],
          }),
        );
      }
      res.statusCode = 400;
      res.end(JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-supported', details: { text: 'Unsupported' } }] }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/fhir`,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

const lopez = (id: string, given: string, birthDate: string): Patient => ({
  resourceType: 'Patient',
  id,
  name: [{ family: 'Lopez', given: [given] }],
  birthDate,
  gender: 'female',
  telecom: [{ system: 'phone', value: '+16085550142' }],
});

describe('PatientMatcher strategies by capability (test peer)', () => {
  let stub: Stub | null = null;
  afterEach(async () => {
    await stub?.close();
    stub = null;
  });

  it('does not search by phone where the server does not offer it, and says what to ask for', async () => {
    stub = await stubFhir({ params: ['family', 'given', 'birthdate', 'identifier'], match: false }, [], []);
    const lookup = await matcherFor(stub.baseUrl).lookupByPhone('+16085550142');
    expect(lookup).toEqual({ candidates: [], matchedBy: 'none', needs: 'name-and-birthdate', reason: PHONE_SEARCH_UNSUPPORTED });
    expect(stub.requests.map((r) => r.url)).toEqual(['/fhir/metadata']);
    expect(await matcherFor(stub.baseUrl).byPhone('+16085550142')).toEqual([]);
  });

  it('does not guess when the capability statement cannot be read', async () => {
    const fhir = new FhirClient({ baseUrl: 'http://127.0.0.1:9/fhir', timeoutMs: 500 });
    const matcher = new PatientMatcher(fhir, NOW, 10, { capabilities: new CapabilityCache(async () => Promise.reject(new Error('down'))) });
    expect(await matcher.lookupByPhone('+16085550142')).toEqual({ candidates: [], matchedBy: 'none', needs: 'name-and-birthdate', reason: CAPABILITIES_UNKNOWN });
    // The array API (the screen pop's) reports it as an EHR problem rather than "no match".
    await expect(matcher.byPhone('+16085550142')).rejects.toMatchObject({ kind: 'unreachable', transient: true });
  });

  it('uses telecom when the server offers telecom but not phone', async () => {
    stub = await stubFhir({ params: ['telecom', 'family', 'birthdate'], match: false }, [lopez('a', 'Maria', '1980-02-01'), lopez('b', 'Sofia', '2015-06-01')], []);
    const lookup = await matcherFor(stub.baseUrl).lookupByPhone('+16085550142');
    expect(lookup.matchedBy).toBe('telecom');
    expect(lookup.candidates.map((c) => c.id)).toEqual(['a', 'b']); // the whole household, eldest first
    const search = stub.requests.find((r) => r.url.startsWith('/fhir/Patient?'))!;
    expect(new URL(search.url, 'http://x').searchParams.get('telecom')).toBe('+16085550142');
  });

  it('falls back to Patient/$match when name + birth date search finds nothing', async () => {
    stub = await stubFhir({ params: ['family', 'given', 'birthdate'], match: true }, [], [lopez('m1', 'Maria', '1980-02-01'), lopez('m2', 'Mariah', '1980-02-01')]);
    const found = await matcherFor(stub.baseUrl).byNameAndBirthDate({ family: 'Lopes', given: 'Maria', birthDate: '1980-02-01' });
    expect(found.map((c) => c.id)).toEqual(['m2', 'm1']); // best score first
    const match = stub.requests.find((r) => r.url === '/fhir/Patient/$match')!;
    const parameters = JSON.parse(match.body) as Parameters;
    expect(parameters.resourceType).toBe('Parameters');
    expect(parameters.parameter?.find((p) => p.name === 'onlyCertainMatches')?.valueBoolean).toBe(false);
    expect(parameters.parameter?.find((p) => p.name === 'count')?.valueInteger).toBe(10);
    expect(parameters.parameter?.find((p) => p.name === 'resource')?.resource).toMatchObject({ resourceType: 'Patient', name: [{ family: 'Lopes', given: ['Maria'] }], birthDate: '1980-02-01' });
  });

  it('goes straight to $match when the server cannot search by name and birth date', async () => {
    stub = await stubFhir({ params: ['identifier'], match: true }, [], [lopez('m1', 'Maria', '1980-02-01')]);
    const found = await matcherFor(stub.baseUrl).byNameAndBirthDate({ family: 'Lopez', birthDate: '1980-02-01' });
    expect(found.map((c) => c.id)).toEqual(['m1']);
    expect(stub.requests.some((r) => r.url.startsWith('/fhir/Patient?'))).toBe(false);
  });

  it('does not call $match when plain search already found the patient', async () => {
    stub = await stubFhir({ params: ['family', 'birthdate'], match: true }, [lopez('a', 'Maria', '1980-02-01')], []);
    const found = await matcherFor(stub.baseUrl).byNameAndBirthDate({ family: 'Lopez', given: 'Maria', birthDate: '1980-02-01' });
    expect(found.map((c) => c.id)).toEqual(['a']);
    expect(stub.requests.some((r) => r.url.includes('$match'))).toBe(false);
    // `given` is not advertised, so it is not sent (an unknown parameter would be refused with 400).
    expect(new URL(stub.requests.find((r) => r.url.startsWith('/fhir/Patient?'))!.url, 'http://x').searchParams.has('given')).toBe(false);
  });

  it('explains when the server offers neither', async () => {
    stub = await stubFhir({ params: ['identifier'], match: false }, [], []);
    await expect(matcherFor(stub.baseUrl).byNameAndBirthDate({ family: 'Lopez', birthDate: '1980-02-01' })).rejects.toThrow(/neither a name and birth date search nor Patient\/\$match/);
  });
  it('findCertain (a caller documented without a chart): only a single certain $match counts where $match is offered', async () => {
    stub = await stubFhir({ params: ['family', 'given', 'birthdate'], match: true }, [lopez('s1', 'Maria', '1980-02-01')], [lopez('m1', 'Maria', '1980-02-01')]);
    expect(await matcherFor(stub.baseUrl).findCertain({ family: 'Lopez', given: 'Maria', birthDate: '1980-02-01' })).toBe('m1');
    const parameters = JSON.parse(stub.requests.find((r) => r.url === '/fhir/Patient/$match')!.body) as Parameters;
    expect(parameters.parameter?.find((p) => p.name === 'onlyCertainMatches')?.valueBoolean).toBe(true);
    // The MPI answered: its search is not second-guessed with a plain search.
    expect(stub.requests.some((r) => r.url.startsWith('/fhir/Patient?'))).toBe(false);
    await stub.close();
    stub = await stubFhir({ params: ['family', 'given', 'birthdate'], match: true }, [], [lopez('m1', 'Maria', '1980-02-01'), lopez('m2', 'Maria', '1980-02-01')]);
    expect(await matcherFor(stub.baseUrl).findCertain({ family: 'Lopez', given: 'Maria', birthDate: '1980-02-01' })).toBeNull();
    // Without a given name nothing is asked at all.
    const asked = stub.requests.length;
    expect(await matcherFor(stub.baseUrl).findCertain({ family: 'Lopez', birthDate: '1980-02-01' })).toBeNull();
    expect(stub.requests.length).toBe(asked);
  });
});
