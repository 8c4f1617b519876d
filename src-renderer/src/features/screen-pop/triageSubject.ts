import type { NewPatient, PatientSummary } from '../../../../src-preload/contract';

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
