import type { Bundle, Parameters, Patient } from '@medplum/fhirtypes';
import type { PatientSearchRequest, PatientSummary } from '../../src-preload/contract';
import type { CapabilityCache, CapabilityView } from './capabilities';
import { FhirError, type FhirClient } from './FhirClient';
import { toPatientSummary } from './patientSummary';

/** What a phone lookup found, and what the screen pop should ask for when it could not look. */
export interface PhoneLookup {
  readonly candidates: PatientSummary[];
  /** How the EHR was asked: its `phone` or `telecom` search parameter, or not at all. */
  readonly matchedBy: 'phone' | 'telecom' | 'none';
  /** Set when this EHR cannot find patients by phone: the agent asks the caller for name and date of birth. */
  readonly needs: 'name-and-birthdate' | null;
  /** Why, in words for the agent (no PHI). */
  readonly reason: string | null;
}

export interface PatientMatcherOptions {
  /** The server's CapabilityStatement; without it every search is tried as before (the demo EHR's behavior). */
  readonly capabilities?: CapabilityCache;
}

export const PHONE_SEARCH_UNSUPPORTED = 'This EHR does not search patients by phone number: ask the caller for name and date of birth.';
export const CAPABILITIES_UNKNOWN = "Careline could not read what this EHR supports, so it did not search by phone: ask the caller for name and date of birth.";

/**
 * Finds the patients a caller may be. On ring (after the local phone index, which CallCoordinator merges in
 * through byIds): the caller's normalized (E.164) number through `Patient?phone=` or `Patient?telecom=` — only where the server's CapabilityStatement offers
 * that parameter (Epic's Patient.Search will not search by phone alone). When the agent asks: family name +
 * date of birth, or `Patient/$match` where the server offers it and plain search cannot answer. Households
 * sharing a phone give several candidates, and all are shown.
 */
export class PatientMatcher {
  private readonly capabilities: CapabilityCache | null;

  constructor(
    private readonly fhir: FhirClient,
    private readonly now: () => Date = () => new Date(),
    private readonly maxCandidates = 10,
    options: PatientMatcherOptions = {},
  ) {
    this.capabilities = options.capabilities ?? null;
  }

  /**
   * The candidates for a number: empty when the EHR cannot search by phone (lookupByPhone says why). When
   * the capability statement could not be read, the EHR is most likely down: that is an error here, so the
   * screen pop of callers of this older API says so instead of showing "no match".
   */
  async byPhone(e164: string, signal?: AbortSignal): Promise<PatientSummary[]> {
    const lookup = await this.lookupByPhone(e164, signal);
    if (lookup.reason === CAPABILITIES_UNKNOWN) throw new FhirError('unreachable', 'Careline could not read what the EHR supports (is it reachable?).');
    return lookup.candidates;
  }

  async lookupByPhone(e164: string, signal?: AbortSignal): Promise<PhoneLookup> {
    const view = await this.view(signal);
    // Phone search only where the statement offers it: a server that does not would answer 400 (or, worse,
    // ignore the unknown parameter and return everyone). Without a capability source (older callers, tests)
    // the phone search is tried as before.
    if (view && !view.known) return { candidates: [], matchedBy: 'none', needs: 'name-and-birthdate', reason: CAPABILITIES_UNKNOWN };
    const param = view === null || view.supportsSearchParam('Patient', 'phone') ? 'phone' : view.supportsSearchParam('Patient', 'telecom') ? 'telecom' : null;
    if (!param) return { candidates: [], matchedBy: 'none', needs: 'name-and-birthdate', reason: PHONE_SEARCH_UNSUPPORTED };
    const patients = await this.fhir.search<Patient>('Patient', { [param]: e164, _count: String(this.maxCandidates) }, { signal });
    return { candidates: this.summarize(patients), matchedBy: param, needs: null, reason: null };
  }

  /**
   * Family name + date of birth (and given name when known). A server that cannot search by these, or finds
   * nothing, is asked through `Patient/$match` when it offers that (an MPI often matches what search misses:
   * a misspelled or changed name).
   */
  async byNameAndBirthDate(request: PatientSearchRequest, signal?: AbortSignal): Promise<PatientSummary[]> {
    const view = await this.view(signal);
    const canSearch = view === null || !view.known || (view.supportsSearchParam('Patient', 'family') && view.supportsSearchParam('Patient', 'birthdate'));
    const canMatch = view !== null && view.known && view.supportsOperation('Patient', 'match');
    if (canSearch) {
      const params: Record<string, string> = {
        family: request.family,
        birthdate: request.birthDate,
        _count: String(this.maxCandidates),
      };
      if (request.given && (view === null || !view.known || view.supportsSearchParam('Patient', 'given'))) params.given = request.given;
      const found = this.summarize(await this.fhir.search<Patient>('Patient', params, { signal }));
      if (found.length > 0 || !canMatch) return found;
    }
    if (canMatch) return this.match(request, signal);
    // Not transient (a 4xx): asking again will not help, so the status line is not told the EHR is down.
    throw new FhirError('http', 'This EHR offers neither a name and birth date search nor Patient/$match: find the patient in the EHR itself.', 400);
  }

  /**
   * The one chart the EHR is sure belongs to this person, or null. Where the server offers `Patient/$match`,
   * only its certain matches count (an MPI that is not sure has answered); elsewhere an exact family + given
   * name + birth date search with exactly one hit (the two identifiers an agent verifies a caller with).
   * Without a full name and a birth date there is nothing safe to match on: null.
   */
  async findCertain(person: { family?: string; given?: string; birthDate?: string }, signal?: AbortSignal): Promise<string | null> {
    const family = person.family?.trim();
    const given = person.given?.trim();
    if (!family || !given || !person.birthDate) return null;
    const view = await this.view(signal);
    if (view !== null && view.known && view.supportsOperation('Patient', 'match')) {
      const parameters: Parameters = {
        resourceType: 'Parameters',
        parameter: [
          { name: 'resource', resource: { resourceType: 'Patient', name: [{ family, given: [given] }], birthDate: person.birthDate } },
          { name: 'onlyCertainMatches', valueBoolean: true },
          { name: 'count', valueInteger: 2 },
        ],
      };
      const bundle = await this.fhir.operation<Bundle>('Patient', 'match', parameters, signal);
      const certain = (bundle.entry ?? []).filter((e) => e.resource?.resourceType === 'Patient' && e.resource.id && [null, 'certain'].includes(matchGrade(e)));
      return certain.length === 1 ? (certain[0]!.resource as Patient).id! : null;
    }
    if (view !== null && view.known && !(view.supportsSearchParam('Patient', 'family') && view.supportsSearchParam('Patient', 'birthdate'))) return null;
    const found = await this.fhir.search<Patient>('Patient', { family, given, birthdate: person.birthDate, _count: '3' }, { signal });
    const same = (a: string | undefined, b: string) => a?.trim().toLowerCase() === b.toLowerCase();
    const exact = found.filter(
      (p) => p.active !== false && p.id && p.birthDate === person.birthDate && (p.name ?? []).some((n) => same(n.family, family) && (n.given ?? []).some((g) => same(g, given))),
    );
    return exact.length === 1 ? exact[0]!.id! : null;
  }

  /** POST Patient/$match (FHIR R4 Patient-match): all graded candidates, not only certain ones. */
  private async match(request: PatientSearchRequest, signal?: AbortSignal): Promise<PatientSummary[]> {
    const patient: Patient = {
      resourceType: 'Patient',
      name: [{ family: request.family, ...(request.given ? { given: [request.given] } : {}) }],
      birthDate: request.birthDate,
    };
    const parameters: Parameters = {
      resourceType: 'Parameters',
      parameter: [
        { name: 'resource', resource: patient },
        { name: 'onlyCertainMatches', valueBoolean: false },
        { name: 'count', valueInteger: this.maxCandidates },
      ],
    };
    const bundle = await this.fhir.operation<Bundle>('Patient', 'match', parameters, signal);
    // The result may also carry an OperationOutcome entry (e.g. "no certain match"): only patients count,
    // best score first as the server graded them.
    const patients = (bundle.entry ?? [])
      .filter((e) => e.resource?.resourceType === 'Patient')
      .sort((a, b) => (b.search?.score ?? 0) - (a.search?.score ?? 0))
      .map((e) => e.resource as Patient);
    return this.summarize(patients, false);
  }

  private async view(signal?: AbortSignal): Promise<CapabilityView | null> {
    return this.capabilities ? this.capabilities.get(signal) : null;
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

  private summarize(patients: Patient[], byAge = true): PatientSummary[] {
    const now = this.now();
    const summaries = patients
      .filter((p) => p.active !== false && p.id)
      .slice(0, this.maxCandidates)
      .map((p) => toPatientSummary(p, now));
    return byAge ? summaries.sort((a, b) => (b.ageYears ?? 0) - (a.ageYears ?? 0)) : summaries;
  }
}

/** The match-grade extension of a $match result entry (certain, probable, possible, certainly-not), if any. */
function matchGrade(entry: { search?: { extension?: { url?: string; valueCode?: string }[] } }): string | null {
  return entry.search?.extension?.find((x) => x.url === 'http://hl7.org/fhir/StructureDefinition/match-grade')?.valueCode ?? null;
}
