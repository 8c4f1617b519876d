import type { Encounter, Patient, QuestionnaireResponse, RelatedPerson } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentEncounterRequest } from '../../src-preload/contract';
import { DemoFhirServer } from '../demo/ehr/DemoFhirServer';
import { FhirClient } from '../ehr/FhirClient';
import { PatientMatcher } from '../ehr/PatientMatcher';
import { NEW_PATIENT_IDENTIFIER_SYSTEM, RELATED_PERSON_IDENTIFIER_SYSTEM } from './callerAndNewPatient';
import { buildEncounterTransaction } from './encounterTransaction';
import { NewPatientLinker } from './NewPatientLinker';
import { feverRequest, newPatientRequest, nurse } from './testing/documentRequests';

const by = { user: nurse, serviceLineName: 'After-hours Nurse Line', callTypeLabel: 'Symptoms' };

describe('documenting a call without a chart', () => {
  const bundle = buildEncounterTransaction(newPatientRequest, by);
  const byType = (type: string) => bundle.entry?.find((e) => e.resource?.resourceType === type);
  const patientEntry = byType('Patient')!;
  const patient = patientEntry.resource as Patient;
  const related = byType('RelatedPerson')!.resource as RelatedPerson;
  const encounter = byType('Encounter')!.resource as Encounter;
  const qr = byType('QuestionnaireResponse')!.resource as QuestionnaireResponse;
  const items = new Map(qr.item?.map((i) => [i.linkId, i]));

  it('the contract takes a known patient or a new one (never both or neither), and a new one only unverified', () => {
    expect(DocumentEncounterRequest.safeParse(newPatientRequest).success).toBe(true);
    expect(DocumentEncounterRequest.safeParse({ ...newPatientRequest, patientId: 'pat-1' }).success).toBe(false);
    const { newPatient: _p, ...neither } = newPatientRequest;
    expect(DocumentEncounterRequest.safeParse(neither).success).toBe(false);
    expect(DocumentEncounterRequest.safeParse({ ...newPatientRequest, identityVerifiedBy: 'name-and-birth-date' }).success).toBe(false);
    // An age or a birth date: the protocol branches on age.
    const { birthDate: _b, ...noAge } = newPatientRequest.newPatient!;
    expect(DocumentEncounterRequest.safeParse({ ...newPatientRequest, newPatient: noAge }).success).toBe(false);
    expect(DocumentEncounterRequest.safeParse({ ...newPatientRequest, newPatient: { ...noAge, ageYears: 7 } }).success).toBe(true);
    expect(DocumentEncounterRequest.safeParse({ ...newPatientRequest, newPatient: { ...noAge, ageYears: 7, family: 'x'.repeat(81) } }).success).toBe(false);
  });

  it('creates a minimal Patient first, conditionally on a client identifier, with only what was given', () => {
    expect(bundle.entry?.[0]).toBe(patientEntry);
    expect(patientEntry.request).toEqual({ method: 'POST', url: 'Patient', ifNoneExist: `identifier=${NEW_PATIENT_IDENTIFIER_SYSTEM}|${newPatientRequest.draftId}` });
    expect(patient).toEqual({
      resourceType: 'Patient',
      identifier: [{ system: NEW_PATIENT_IDENTIFIER_SYSTEM, value: newPatientRequest.draftId }],
      active: true,
      name: [{ use: 'official', family: 'Okafor', given: ['Tobi'] }],
      gender: 'male',
      birthDate: '2019-04-02',
      telecom: [{ system: 'phone', value: '+16175550177', use: 'home' }],
      address: [{ text: '12 Elm St, Somerville MA' }],
    });
    // No name, no birth date given: none invented.
    const anonymous = buildEncounterTransaction({ ...newPatientRequest, newPatient: { sex: 'female', ageYears: 30 } }, by).entry![0]!.resource as Patient;
    expect(anonymous).not.toHaveProperty('name');
    expect(anonymous).not.toHaveProperty('birthDate');
  });

  it('every resource refers to the new Patient by its fullUrl, and the caller is the RelatedPerson informant', () => {
    expect(encounter.subject?.reference).toBe(patientEntry.fullUrl);
    expect(qr.subject?.reference).toBe(patientEntry.fullUrl);
    expect(related.patient.reference).toBe(patientEntry.fullUrl);
    expect(related.relationship?.[0]?.coding?.[0]?.code).toBe('PRN');
    expect(related.name?.[0]?.text).toBe('Ada Okafor');
    expect(related.identifier?.[0]).toEqual({ system: RELATED_PERSON_IDENTIFIER_SYSTEM, value: newPatientRequest.draftId });
    const informant = encounter.participant?.find((p) => p.type?.[0]?.coding?.[0]?.code === 'INF');
    expect(informant?.individual?.reference).toBe(byType('RelatedPerson')!.fullUrl);
    expect(new Set(bundle.entry?.map((e) => e.fullUrl)).size).toBe(bundle.entry?.length);
  });

  it('says identity was not verified only when it was not, and who called', () => {
    expect(items.get('identity-verified')?.answer?.[0]?.valueBoolean).toBe(false);
    expect(items.get('identity-verified')?.text).toMatch(/not verified/);
    expect(items.get('caller')?.answer?.[0]?.valueString).toBe('Parent: Ada Okafor');
    expect(items.get('location')?.answer?.[0]?.valueString).toBe('12 Elm St, Somerville MA');
    const known = buildEncounterTransaction(feverRequest, by);
    const knownQr = known.entry!.find((e) => e.resource?.resourceType === 'QuestionnaireResponse')!.resource as QuestionnaireResponse;
    expect(knownQr.item?.find((i) => i.linkId === 'identity-verified')?.answer?.[0]?.valueBoolean).toBe(true);
    expect(known.entry!.map((e) => e.resource?.resourceType)).not.toContain('RelatedPerson');
  });
});

describe('delivering it to a FHIR server (the demo EHR, conditional create in a transaction)', () => {
  let server: DemoFhirServer;
  let fhir: FhirClient;
  let linker: NewPatientLinker;
  beforeAll(async () => {
    server = await DemoFhirServer.start();
    fhir = new FhirClient({ baseUrl: server.baseUrl });
    linker = new NewPatientLinker(new PatientMatcher(fhir));
  });
  afterAll(async () => {
    await server.stop();
  });
  const send = async (request: DocumentEncounterRequest) => {
    const linked = await linker.link(buildEncounterTransaction(request, by), fhir, AbortSignal.timeout(5_000));
    return { linked, response: await fhir.transaction(linked.bundle) };
  };
  const ours = async (type: 'Patient' | 'RelatedPerson' | 'Encounter', system: string, value: string) => fhir.search<Patient | RelatedPerson | Encounter>(type, { identifier: `${system}|${value}` });

  it('a replay (three times) leaves one Patient, one RelatedPerson and one Encounter', async () => {
    const first = await send(newPatientRequest);
    expect(first.linked.patientId).toBeNull();
    await send(newPatientRequest);
    await send(newPatientRequest);
    const patients = await ours('Patient', NEW_PATIENT_IDENTIFIER_SYSTEM, newPatientRequest.draftId);
    expect(patients).toHaveLength(1);
    expect(await ours('RelatedPerson', RELATED_PERSON_IDENTIFIER_SYSTEM, newPatientRequest.draftId)).toHaveLength(1);
    const encounters = await ours('Encounter', 'urn:careline:encounter', newPatientRequest.draftId);
    expect(encounters).toHaveLength(1);
    expect((encounters[0] as unknown as Encounter).subject?.reference).toBe(`Patient/${patients[0]!.id}`);
  });

  it('a later call from the same person (full name + birth date) is linked to that chart, not a second Patient', async () => {
    const again: DocumentEncounterRequest = { ...newPatientRequest, draftId: '0b7d3e1c-5a2f-4d8e-9c61-7f2a4b9e3d99' };
    const [created] = await ours('Patient', NEW_PATIENT_IDENTIFIER_SYSTEM, newPatientRequest.draftId);
    const { linked } = await send(again);
    expect(linked.patientId).toBe(created!.id);
    expect(linked.bundle.entry?.map((e) => e.resource?.resourceType)).not.toContain('Patient');
    expect(await ours('Patient', NEW_PATIENT_IDENTIFIER_SYSTEM, again.draftId)).toHaveLength(0);
    const [encounter] = await ours('Encounter', 'urn:careline:encounter', again.draftId);
    expect((encounter as unknown as Encounter).subject?.reference).toBe(`Patient/${created!.id}`);
    const [related] = await ours('RelatedPerson', RELATED_PERSON_IDENTIFIER_SYSTEM, again.draftId);
    expect((related as unknown as RelatedPerson).patient.reference).toBe(`Patient/${created!.id}`);
  });

  it('without a full name there is nothing safe to match on: a Patient is created', async () => {
    const anonymous: DocumentEncounterRequest = { ...newPatientRequest, draftId: '0b7d3e1c-5a2f-4d8e-9c61-7f2a4b9e3d55', newPatient: { sex: 'male', birthDate: '2019-04-02', family: 'Okafor' } };
    const { linked } = await send(anonymous);
    expect(linked.patientId).toBeNull();
    expect(await ours('Patient', NEW_PATIENT_IDENTIFIER_SYSTEM, anonymous.draftId)).toHaveLength(1);
  });
});

