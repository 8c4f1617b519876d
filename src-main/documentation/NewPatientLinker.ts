import type { Bundle, BundleEntry, Patient } from '@medplum/fhirtypes';
import type { FhirClient } from '../ehr/FhirClient';
import { NEW_PATIENT_IDENTIFIER_SYSTEM } from './callerAndNewPatient';

/** Finds the one chart the EHR is sure is this person (PatientMatcher.findCertain). */
export interface CertainPatientFinder {
  findCertain(person: { family?: string; given?: string; birthDate?: string }, signal?: AbortSignal): Promise<string | null>;
}

/**
 * Before an encounter that creates a Patient goes to the EHR: the caller had no chart on the call (unknown, the
 * EHR down), but the EHR may know them after all. Then the encounter goes to that chart and no Patient is
 * created. Runs at delivery, not when the nurse documents, so a call taken during an outage is matched when the
 * EHR is back. Idempotent: once an attempt created the Patient (found by our identifier), the bundle goes as it
 * is and its conditional create finds that Patient again, so replays never make a second one.
 */
export class NewPatientLinker {
  constructor(private readonly finder: CertainPatientFinder) {}

  readonly link = async (bundle: Bundle, fhir: FhirClient, signal: AbortSignal): Promise<{ bundle: Bundle; patientId: string | null }> => {
    const created = (bundle.entry ?? []).find(isNewPatientEntry);
    const patient = created?.resource as Patient | undefined;
    const key = patient?.identifier?.find((i) => i.system === NEW_PATIENT_IDENTIFIER_SYSTEM)?.value;
    if (!created?.fullUrl || !patient || !key) return { bundle, patientId: null };
    const already = await fhir.search<Patient>('Patient', { identifier: `${NEW_PATIENT_IDENTIFIER_SYSTEM}|${key}`, _count: '1' }, { signal });
    if (already.length > 0) return { bundle, patientId: null };
    const name = patient.name?.[0];
    const existing = await this.finder.findCertain({ family: name?.family, given: name?.given?.[0], birthDate: patient.birthDate }, signal);
    if (existing === null) return { bundle, patientId: null };
    return { bundle: pointAt(bundle, created.fullUrl, `Patient/${existing}`), patientId: existing };
  };
}

function isNewPatientEntry(entry: BundleEntry): boolean {
  return (
    entry.resource?.resourceType === 'Patient' &&
    entry.request?.method === 'POST' &&
    (entry.resource.identifier ?? []).some((i) => i.system === NEW_PATIENT_IDENTIFIER_SYSTEM)
  );
}

/** The bundle without the Patient to create, every reference to it pointing at the existing chart instead. */
export function pointAt(bundle: Bundle, fullUrl: string, reference: string): Bundle {
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = k === 'reference' && v === fullUrl ? reference : rewrite(v);
    return out;
  };
  const entries = (bundle.entry ?? []).filter((e) => e.fullUrl !== fullUrl);
  return { ...bundle, entry: entries.map((e) => rewrite(e) as BundleEntry) };
}
