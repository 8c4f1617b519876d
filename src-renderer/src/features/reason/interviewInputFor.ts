import {
  type AgeBand,
  type PatientSummary,
  type ServiceLine,
  US_STATE_CODES,
  ageBandOf,
  ageOn,
  localDateIn,
  localTimeIn,
  officeHoursAt,
} from '../../../../src-preload/contract';
import type { CallerRole, InterviewInput, Pregnancy } from '../call-session';

/** Where the patient is now, as the agent has it on screen (either may be blank). */
export interface PatientLocation {
  readonly state: string;
  readonly zip: string;
}

/** What the chart cannot say and the agent asks (or confirms): who calls, pregnancy, where the patient is. */
export interface CallerAnswers {
  readonly callerRole: CallerRole;
  readonly pregnancy: Pregnancy;
  readonly location: PatientLocation;
}

const ZIP = /^\d{5}$/;

/** A USPS state code as the protocols spell it, or null when the text is not one. */
export function stateCodeOf(text: string): string | null {
  const code = text.trim().toUpperCase();
  return (US_STATE_CODES as readonly string[]).includes(code) ? code : null;
}

/** The 5-digit ZIP of a postal code ('10001' or '10001-1234'), or null. */
export function zipOf(text: string): string | null {
  const trimmed = text.trim();
  return /^\d{5}(-\d{4})?$/.test(trimmed) ? trimmed.slice(0, 5) : null;
}

/** The chart's home address as a location (blank where the chart has nothing usable). */
export function chartLocationOf(patient: PatientSummary): PatientLocation {
  return { state: stateCodeOf(patient.address?.state ?? '') ?? '', zip: zipOf(patient.address?.postalCode ?? '') ?? '' };
}

/** Why a ZIP as typed cannot be used (null when blank or valid). */
export function zipProblem(zip: string): string | null {
  return zip.trim() === '' || ZIP.test(zip.trim()) ? null : 'A ZIP code is 5 digits';
}

/** Pregnancy is asked about for female (or unrecorded) patients from 12 to 64; for anyone else it stays unknown. */
export function pregnancyApplies(patient: PatientSummary, ageBand: AgeBand | null): boolean {
  return patient.sex !== 'male' && (ageBand === 'adolescent' || ageBand === 'adult');
}

/** Before the agent says otherwise: a parent calls for a child under 13 (as headless triage assumes), else the patient. */
export function defaultCallerAnswers(patient: PatientSummary, at: Date): CallerAnswers {
  const years = patient.birthDate === null ? null : ageOn(patient.birthDate, at).years;
  return { callerRole: years !== null && years < 13 ? 'parent' : 'self', pregnancy: 'unknown', location: chartLocationOf(patient) };
}

/**
 * The interview's branch inputs for this patient on this line right now: age band and age in months from the
 * chart DOB (age on today's date where the site is, not the chart's cached age), sex, whether the line's site is
 * open and its wall-clock time (in its own time zone), and what the agent asked: who is calling, pregnancy, and
 * where the patient is now (the caller's answer, else the chart address). Null when the chart has no DOB: there
 * is no safe age band to branch on. A state or ZIP that is blank or invalid is left unknown, so location
 * questions are asked rather than skipped.
 */
export function interviewInputFor(patient: PatientSummary, serviceLine: ServiceLine, at: Date, answers?: CallerAnswers): InterviewInput | null {
  if (patient.birthDate === null) return null;
  const hours = officeHoursAt(serviceLine.hours, serviceLine.timeZone, at);
  // Age on today's date where the site is, not in UTC (see ageOn).
  const age = ageOn(patient.birthDate, localDateIn(serviceLine.timeZone, at));
  const ageBand = ageBandOf(age);
  const given = answers ?? defaultCallerAnswers(patient, at);
  const state = stateCodeOf(given.location.state);
  const zip = zipOf(given.location.zip);
  const chart = chartLocationOf(patient);
  const fromChart = (state ?? '') === chart.state && (zip ?? '') === chart.zip;
  const minutes = localTimeIn(serviceLine.timeZone, at).minutes;
  return {
    ageBand,
    sex: patient.sex,
    afterHours: !hours.open,
    hoursBecause: hours.because.slice(0, 300),
    ageMonths: Math.min(age.months, 1800),
    pregnancy: pregnancyApplies(patient, ageBand) ? given.pregnancy : 'unknown',
    state,
    zip,
    locationSource: state === null && zip === null ? null : fromChart ? 'chart' : 'caller',
    localTime: `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`,
    callerRole: given.callerRole,
  };
}
