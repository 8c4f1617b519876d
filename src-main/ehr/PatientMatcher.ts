import type { Patient } from '@medplum/fhirtypes';
import type { PatientSearchRequest, PatientSummary } from '../../src-preload/contract';
import { FhirError, type FhirClient } from './FhirClient';
import { toPatientSummary } from './patientSummary';

/**
 * Finds the patients a caller may be. On ring: by the caller's normalized number (households give several
 * candidates). When the agent asks: by family name + date of birth, which every EHR supports (Epic's
 * Patient.Search will not search by phone alone). The encrypted local phone index of issue 5 slots in
 * before the phone search.
 */
export class PatientMatcher {
  constructor(
    private readonly fhir: FhirClient,
    private readonly now: () => Date = () => new Date(),
    private readonly maxCandidates = 10,
  ) {}

  async byPhone(e164: string, signal?: AbortSignal): Promise<PatientSummary[]> {
    const patients = await this.fhir.search<Patient>(
      'Patient',
      { phone: e164, _count: String(this.maxCandidates) },
      { signal },
    );
    return this.summarize(patients);
  }

  async byNameAndBirthDate(request: PatientSearchRequest, signal?: AbortSignal): Promise<PatientSummary[]> {
    const params: Record<string, string> = {
      family: request.family,
      birthdate: request.birthDate,
      _count: String(this.maxCandidates),
    };
    if (request.given) params.given = request.given;
    const patients = await this.fhir.search<Patient>('Patient', params, { signal });
    return this.summarize(patients);
  }

  /** Patients by logical id (the phone index's hits); ids the EHR no longer has come back as `missing`. */
  async byIds(ids: readonly string[], signal?: AbortSignal): Promise<{ found: PatientSummary[]; missing: string[] }> {
    const missing: string[] = [];
    const found: Patient[] = [];
    await Promise.all(
      ids.slice(0, this.maxCandidates).map(async (id) => {
        try {
          found.push(await this.fhir.read<Patient>('Patient', id, signal));
        } catch (error) {
          if (error instanceof FhirError && (error.status === 404 || error.status === 410)) missing.push(id);
          else throw error;
        }
      }),
    );
    return { found: this.summarize(found), missing };
  }

  private summarize(patients: Patient[]): PatientSummary[] {
    const now = this.now();
    return patients
      .filter((p) => p.active !== false && p.id)
      .slice(0, this.maxCandidates)
      .map((p) => toPatientSummary(p, now))
      .sort((a, b) => (b.ageYears ?? 0) - (a.ageYears ?? 0));
  }
}
