import {
  type PatientSummary,
  type ServiceLine,
  ageBandOf,
  ageOn,
  localDateIn,
  officeHoursAt,
} from '../../../../src-preload/contract';
import type { InterviewInput } from '../call-session';

/**
 * The interview's branch inputs for this patient on this line right now: age band from the chart DOB (age on
 * today's date, not the chart's cached age), sex, and whether the line's site is open (in its own time zone).
 * Null when the chart has no DOB: there is no safe age band to branch on.
 */
export function interviewInputFor(patient: PatientSummary, serviceLine: ServiceLine, at: Date): InterviewInput | null {
  if (patient.birthDate === null) return null;
  const hours = officeHoursAt(serviceLine.hours, serviceLine.timeZone, at);
  return {
    // Age on today's date where the site is, not in UTC (see ageOn).
    ageBand: ageBandOf(ageOn(patient.birthDate, localDateIn(serviceLine.timeZone, at))),
    sex: patient.sex,
    afterHours: !hours.open,
    hoursBecause: hours.because.slice(0, 300),
  };
}
