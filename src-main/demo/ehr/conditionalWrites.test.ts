import type { Appointment, Bundle, Slot } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FhirClient, FhirError } from '../../ehr/FhirClient';
import { DemoFhirServer } from './DemoFhirServer';

/**
 * What scheduling relies on from the FHIR server, checked on the demo server (Medplum fhir-router 4.5 over
 * DemoRepository): versionId + ETag on writes, If-Match on PUT and on transaction entries (stale -> 412,
 * nothing written), and If-None-Exist conditional create (a replay returns the existing resource).
 */
let server: DemoFhirServer;
let fhir: FhirClient;
beforeAll(async () => {
  server = await DemoFhirServer.start();
  fhir = new FhirClient({ baseUrl: server.baseUrl });
  await server.load([{ resourceType: 'Slot', id: 'slot-1', schedule: { reference: 'Schedule/s' }, status: 'free', start: '2026-12-07T14:00:00Z', end: '2026-12-07T14:20:00Z' }]);
});
afterAll(async () => {
  await server.stop();
});

async function put(slot: Slot, ifMatch: string): Promise<Response> {
  return fetch(`${server.baseUrl}/Slot/${slot.id}`, { method: 'PUT', headers: { 'content-type': 'application/fhir+json', 'if-match': ifMatch }, body: JSON.stringify(slot) });
}

describe('demo FHIR server: conditional writes scheduling depends on', () => {
  it('PUT with If-Match: the current version succeeds with a new version and ETag, a stale one is 412 and changes nothing', async () => {
    const slot = await fhir.read<Slot>('Slot', 'slot-1');
    const v1 = slot.meta!.versionId!;
    const ok = await put({ ...slot, status: 'busy-tentative' }, `W/"${v1}"`);
    expect(ok.status).toBe(200);
    const v2 = ((await ok.json()) as Slot).meta!.versionId!;
    expect(v2).not.toBe(v1);
    expect(ok.headers.get('etag')).toBe(`W/"${v2}"`);
    const stale = await put({ ...slot, status: 'busy' }, `W/"${v1}"`);
    expect(stale.status).toBe(412);
    expect((await fhir.read<Slot>('Slot', 'slot-1')).status).toBe('busy-tentative');
  });

  it('a transaction entry with a stale ifMatch fails the whole transaction (412), nothing written', async () => {
    const slot = await fhir.read<Slot>('Slot', 'slot-1');
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { resource: { ...slot, status: 'busy' }, request: { method: 'PUT', url: 'Slot/slot-1', ifMatch: 'W/"stale"' } },
        { resource: { resourceType: 'Appointment', status: 'proposed', participant: [{ actor: { reference: 'Patient/p' }, status: 'accepted' }], identifier: [{ system: 'urn:test', value: 'a-1' }] }, request: { method: 'POST', url: 'Appointment' } },
      ],
    };
    const error = await fhir.transaction(bundle).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FhirError);
    expect((error as FhirError).status).toBe(412);
    expect(await fhir.search<Appointment>('Appointment', { identifier: 'urn:test|a-1' })).toEqual([]);
    const fresh: Bundle = { ...bundle, entry: [{ ...bundle.entry![0]!, request: { method: 'PUT', url: 'Slot/slot-1', ifMatch: `W/"${slot.meta!.versionId!}"` } }, bundle.entry![1]!] };
    await fhir.transaction(fresh);
    expect((await fhir.read<Slot>('Slot', 'slot-1')).status).toBe('busy');
  });

  it('If-None-Exist: a replayed conditional create returns the existing resource, one copy', async () => {
    const entry = (): Bundle => ({
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          resource: { resourceType: 'Appointment', status: 'proposed', participant: [{ actor: { reference: 'Patient/p' }, status: 'accepted' }], identifier: [{ system: 'urn:test', value: 'a-2' }] },
          request: { method: 'POST', url: 'Appointment', ifNoneExist: 'identifier=urn:test|a-2' },
        },
      ],
    });
    const first = await fhir.transaction(entry());
    const second = await fhir.transaction(entry());
    expect(second.entry?.[0]?.resource?.id).toBe(first.entry?.[0]?.resource?.id);
    expect(await fhir.search<Appointment>('Appointment', { identifier: 'urn:test|a-2' })).toHaveLength(1);
  });
});
