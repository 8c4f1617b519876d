import { randomUUID } from 'node:crypto';
import type { Encounter } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEW_PATIENT_IDENTIFIER_SYSTEM, RELATED_PERSON_IDENTIFIER_SYSTEM, newPatientPlaceholderId } from '../../src-main/documentation/callerAndNewPatient';
import { IDENTIFIER_SYSTEMS, buildEncounterTransaction } from '../../src-main/documentation/encounterTransaction';
import { NewPatientLinker } from '../../src-main/documentation/NewPatientLinker';
import { newPatientRequest, nurse } from '../../src-main/documentation/testing/documentRequests';
import { CapabilityCache } from '../../src-main/ehr/capabilities';
import { FhirClient } from '../../src-main/ehr/FhirClient';
import { PatientMatcher } from '../../src-main/ehr/PatientMatcher';
import { type FhirServerProcess, startFhirServerProcess } from '../support/fhirServerProcess';
import { durableOutbox } from '../support/outboxHarness';

// A call documented without a chart, through the outbox to the FHIR test server process (the demo server
// behind a chaos front): the new Patient is created in the encounter's transaction exactly once, through an
// outage and through replays.
let server: FhirServerProcess;
beforeAll(async () => {
  server = await startFhirServerProcess();
});
afterAll(async () => {
  await server?.kill();
});

function linkerFor(baseUrl: string): NewPatientLinker {
  const fhir = new FhirClient({ baseUrl, timeoutMs: 5_000 });
  return new NewPatientLinker(new PatientMatcher(fhir, undefined, undefined, { capabilities: new CapabilityCache((signal) => fhir.capabilities(signal)) }));
}

describe('documenting an unknown caller through the outbox', () => {
  it('queues while the EHR is down, then writes one Patient, one RelatedPerson and one Encounter; replays add nothing', async () => {
    const h = durableOutbox(server.baseUrl, { baseMs: 100, maxMs: 400, jitter: 0.2 }, { submitWaitMs: 2_000, requestTimeoutMs: 5_000, linkNewPatient: linkerFor(server.baseUrl).link });
    const request = { ...newPatientRequest, draftId: randomUUID(), newPatient: { ...newPatientRequest.newPatient!, given: `Tobi${Date.now()}` } };
    const bundle = buildEncounterTransaction(request, { user: nurse, serviceLineName: 'After-hours nurse line', callTypeLabel: 'Symptoms' });
    const meta = { idempotencyKey: request.draftId, patientId: newPatientPlaceholderId(request.draftId), label: 'Encounter + new patient · Fever' };
    try {
      h.outbox.start();
      await server.stop();
      const queued = await h.outbox.submit(bundle, meta);
      expect(queued.outcome).toBe('queued');
      await server.restart();
      await expect.poll(() => h.outbox.backlog(), { timeout: 30_000, interval: 100 }).toEqual({ pending: 0, failed: 0, oldestUnsentAt: null });

      // The resubmission (the renderer retrying) answers "written" with the new Patient's id.
      const written = await h.outbox.submit(bundle, meta);
      expect(written.outcome).toBe('written');
      const patientId = written.outcome === 'written' ? written.patientId : undefined;
      expect(patientId).toMatch(/^[A-Za-z0-9\-.]+$/);

      const direct = new FhirClient({ baseUrl: server.directBaseUrl, timeoutMs: 30_000 });
      for (let round = 0; round < 3; round += 1) await direct.transaction(h.store.get(request.draftId)!.bundle);
      for (const [type, system] of [
        ['Patient', NEW_PATIENT_IDENTIFIER_SYSTEM],
        ['RelatedPerson', RELATED_PERSON_IDENTIFIER_SYSTEM],
        ['Encounter', IDENTIFIER_SYSTEMS.encounter],
        ['QuestionnaireResponse', IDENTIFIER_SYSTEMS.questionnaireResponse],
      ] as const) {
        expect((await server.identifierCounts(type, system)).get(request.draftId), `${type} exactly once`).toBe(1);
      }
      const [encounter] = await direct.search<Encounter>('Encounter', { identifier: `${IDENTIFIER_SYSTEMS.encounter}|${request.draftId}` });
      expect(encounter?.subject?.reference).toBe(`Patient/${patientId}`);
      // No PHI in the log.
      expect(h.logger.lines.join('\n')).not.toMatch(/Okafor|Tobi|Elm St|\+16175550177/);
    } finally {
      await server.restart().catch(() => undefined);
      await h.close();
    }
  });
});
