import { type Caller, type NewPatient, type PatientSummary, US_STATE_CODES } from '../../../../src-preload/contract';
import type { CallerRole, Pregnancy } from '../call-session';

/**
 * A patient entered on the spot (no chart), as the PatientSummary the reason step and the interview inputs
 * work from — so a caller without a chart runs the same protocols, age bands and red-flag screen as anyone.
 * Not a chart: it never goes to the EHR as such (documentation sends the NewPatient itself).
 *
 * With only an age in years, the birth date is a stand-in for the age band only: that age less two days (a leap day counts), so the
 * band is the stated age's wherever the line's time zone puts today (a day either way). Age 0 reads as under 3
 * months, the most careful band for a baby whose birth date was not given.
 */
export function triageSubjectOf(p: NewPatient, today: Date): PatientSummary {
  const given = p.given?.trim() ?? '';
  const family = p.family?.trim() ?? '';
  const displayName = [given, family].filter(Boolean).join(' ') || 'Unidentified patient';
  return {
    id: 'unidentified',
    family,
    given,
    displayName,
    birthDate: p.birthDate ?? (p.ageYears !== undefined ? standInBirthDate(p.ageYears, today) : null),
    ageYears: p.ageYears ?? null,
    sex: p.sex,
    language: null,
    phones: p.phone ? [p.phone] : [],
    address: null,
    relationships: [],
  };
}

function standInBirthDate(ageYears: number, today: Date): string {
  const d = new Date(Date.UTC(today.getFullYear() - ageYears, today.getMonth(), today.getDate() - 2));
  return d.toISOString().slice(0, 10);
}

const PREGNANCY_OF: Record<NonNullable<NewPatient['pregnant']>, Pregnancy> = { yes: 'pregnant', no: 'not-pregnant', unknown: 'unknown' };

/**
 * The reason step's caller answers (who calls, pregnancy, where the patient is), seeded from what was entered on
 * the screen pop so nothing is asked twice: the caller's relationship (a chart too, e.g. a household member found
 * by search), and for a patient without a chart the stated pregnancy and the state and ZIP in the address given.
 */
export function withEnteredAnswers<T extends { readonly callerRole: CallerRole; readonly pregnancy: Pregnancy; readonly location: { readonly state: string; readonly zip: string } }>(
  defaults: T,
  entered: NewPatient | null,
  caller: Caller | null,
): T {
  const location = entered?.address ? locationIn(entered.address) : null;
  return {
    ...defaults,
    ...(caller ? { callerRole: caller.relationship } : {}),
    ...(entered?.pregnant ? { pregnancy: PREGNANCY_OF[entered.pregnant] } : {}),
    ...(location && (location.state || location.zip) ? { location: { state: location.state || defaults.location.state, zip: location.zip || defaults.location.zip } } : {}),
  };
}

/** A US state code and a ZIP found in an address as typed ("40 Harbor Rd, Quincy MA 02169"); blank when absent. */
function locationIn(address: string): { state: string; zip: string } {
  const zip = /\b(\d{5})(?:-\d{4})?\b(?!.*\b\d{5}\b)/.exec(address)?.[1] ?? '';
  // Only a code typed in capitals: "in town" must not read as Indiana.
  const tokens = address.match(/\b[A-Z]{2}\b/g) ?? [];
  const state = [...tokens].reverse().find((t) => (US_STATE_CODES as readonly string[]).includes(t)) ?? '';
  return { state, zip };
}
