import type { BundleEntry, Coding, Patient, QuestionnaireResponseItem, Reference, RelatedPerson } from '@medplum/fhirtypes';
import type { Caller, CallerRelationship, DocumentEncounterRequest, NewPatient } from '../../src-preload/contract';

/**
 * The parts of an encounter transaction for a call without a chart (a minimal new Patient) and for a caller who
 * is not the patient (a RelatedPerson, the Encounter's informant). Pure, like the rest of the bundle: the same
 * request always gives the same entries, so a replay sends exactly what the user acknowledged.
 *
 * Why a RelatedPerson and not only Communication.sender: a call is documented even when no advice is given (no
 * Communication then), and FHIR's RelatedPerson is the resource for "a person with a personal relationship to
 * the patient who acts on their behalf"; the Encounter names it as informant (v3 ParticipationType INF), so a
 * chart review reads who gave the history, and the caller's name and number stay off the Patient.
 */

export const NEW_PATIENT_IDENTIFIER_SYSTEM = 'urn:careline:patient';
export const RELATED_PERSON_IDENTIFIER_SYSTEM = 'urn:careline:related-person';

/** Outbox items have a patient id before the EHR assigns one: this marks a Patient the item itself creates. */
export function newPatientPlaceholderId(draftId: string): string {
  return `new.${draftId}`;
}

const ROLE_CODE = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';
const RELATIONSHIP: Record<CallerRelationship, { coding: Coding; text: string }> = {
  self: { coding: { system: ROLE_CODE, code: 'ONESELF', display: 'self' }, text: 'The patient' },
  parent: { coding: { system: ROLE_CODE, code: 'PRN', display: 'parent' }, text: 'Parent' },
  // RoleCode has no generic caregiver: the v2 contact role "other" keeps it coded, the text says which.
  caregiver: { coding: { system: 'http://terminology.hl7.org/CodeSystem/v2-0131', code: 'O', display: 'Other' }, text: 'Caregiver' },
  other: { coding: { system: 'http://terminology.hl7.org/CodeSystem/v2-0131', code: 'O', display: 'Other' }, text: 'Someone else' },
};

export function callerRelationshipText(relationship: CallerRelationship): string {
  return RELATIONSHIP[relationship].text;
}

/** The minimal Patient of an unidentified caller: only what was given (no invented birth date or name). */
export function newPatientResource(p: NewPatient, draftId: string): Patient {
  const given = p.given?.trim();
  const family = p.family?.trim();
  return {
    resourceType: 'Patient',
    identifier: [{ system: NEW_PATIENT_IDENTIFIER_SYSTEM, value: draftId }],
    active: true,
    ...(given || family ? { name: [{ use: 'official', ...(family ? { family } : {}), ...(given ? { given: [given] } : {}) }] } : {}),
    gender: p.sex,
    ...(p.birthDate ? { birthDate: p.birthDate } : {}),
    ...(p.phone ? { telecom: [{ system: 'phone', value: p.phone, use: 'home' }] } : {}),
    ...(p.address ? { address: [{ text: p.address }] } : {}),
  };
}

export function newPatientEntry(p: NewPatient, draftId: string, fullUrl: string): BundleEntry {
  return {
    fullUrl,
    resource: newPatientResource(p, draftId),
    // Conditional create: a replay (lost answer, crash, outage) finds the Patient the first attempt made.
    request: { method: 'POST', url: 'Patient', ifNoneExist: `identifier=${NEW_PATIENT_IDENTIFIER_SYSTEM}|${draftId}` },
  };
}

/** The caller as a RelatedPerson of the patient; null when the patient called (nothing to add). */
export function callerEntry(caller: Caller | undefined, patient: Reference<Patient>, draftId: string, fullUrl: string): BundleEntry | null {
  if (!caller || caller.relationship === 'self') return null;
  const rel = RELATIONSHIP[caller.relationship];
  const resource: RelatedPerson = {
    resourceType: 'RelatedPerson',
    identifier: [{ system: RELATED_PERSON_IDENTIFIER_SYSTEM, value: draftId }],
    active: true,
    patient,
    relationship: [{ coding: [rel.coding], text: rel.text }],
    ...(caller.name ? { name: [{ text: caller.name }] } : {}),
    ...(caller.phone ? { telecom: [{ system: 'phone', value: caller.phone }] } : {}),
  };
  return {
    fullUrl,
    resource,
    request: { method: 'POST', url: 'RelatedPerson', ifNoneExist: `identifier=${RELATED_PERSON_IDENTIFIER_SYSTEM}|${draftId}` },
  };
}

/** Encounter.participant for the caller who is not the patient: the informant. */
export function informantParticipant(relatedPersonUrl: string) {
  return {
    type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'INF', display: 'informant' }] }],
    individual: { reference: relatedPersonUrl },
  };
}

/**
 * The QuestionnaireResponse items saying how the patient was identified and who called. Identity is stated as
 * not verified only when it was not (no chart at the time of the call), with what was entered on the spot.
 */
export function identityAndCallerItems(request: DocumentEncounterRequest): QuestionnaireResponseItem[] {
  const items: QuestionnaireResponseItem[] = [];
  if (request.identityVerifiedBy === 'unverified') {
    items.push({
      linkId: 'identity-verified',
      text: 'Identity not verified: no chart at the time of the call (details as given by the caller)',
      answer: [{ valueBoolean: false }],
    });
    const p = request.newPatient;
    if (p?.ageYears !== undefined && !p.birthDate) items.push({ linkId: 'stated-age', text: 'Age as stated (years)', answer: [{ valueInteger: p.ageYears }] });
    if (p?.pregnant) items.push({ linkId: 'pregnant', text: 'Pregnant (as stated)', answer: [{ valueString: p.pregnant }] });
    if (p?.address) items.push({ linkId: 'location', text: 'Address or location as given', answer: [{ valueString: p.address }] });
  } else {
    items.push({ linkId: 'identity-verified', text: 'Identity verified by name and date of birth', answer: [{ valueBoolean: true }] });
  }
  if (request.caller) {
    const c = request.caller;
    const who = `${RELATIONSHIP[c.relationship].text}${c.name && c.relationship !== 'self' ? `: ${c.name}` : ''}`;
    items.push({ linkId: 'caller', text: 'Caller', answer: [{ valueString: who }] });
  }
  return items;
}
