import type { AgeRange, ClinicLocation, InstantPeriod, Provider, ProviderLimit, VisitType, Weekday } from '../model';
import { clinicZoneLabel, dateLabel, localClock, timeLabel, whenLabel } from './localClock';

/**
 * The sentences a scheduler reads to the caller. Kept in one place so the wording stays consistent and can be
 * reviewed (and later translated) without touching the rules. None of them carries patient details beyond what
 * the agent already sees on screen.
 */

const WEEKDAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday',
};

export function ageRangeText(range: AgeRange): string {
  const { minYears: min, maxYears: max } = range;
  if (min !== null && max !== null) return `aged ${min} to ${max - 1}`;
  if (max !== null) return `under ${max}`;
  if (min !== null) return `aged ${min} and over`;
  return 'of any age';
}

export const explain = {
  unknownVisitType: (id: string) => `Unknown visit type "${id}"`,
  unknownLocation: (id: string) => `Slots at an unknown location (${id}) are not offered`,
  visitTypeAge: (vt: VisitType, range: AgeRange) => `${vt.label} is only for patients ${ageRangeText(range)}`,
  videoRefused: (vt: VisitType) => `${vt.label} is by video only and the caller does not want a video visit`,
  notQualified: (p: Provider, vt: VisitType, stepLabel: string) =>
    `${p.name} does not offer ${vt.steps.length > 1 ? `the ${stepLabel} step of ` : ''}${vt.label}`,
  notAtProviderLocations: (p: Provider, vt: VisitType) => `${p.name} does not work where ${vt.label} is offered`,
  noVideo: (p: Provider) => `${p.name} does not offer video visits`,
  selfPay: (p: Provider) => `${p.name} does not accept self-pay patients`,
  plan: (p: Provider, planName: string) => `${p.name} does not accept ${planName}`,
  providerAge: (p: Provider) => `${p.name} only sees patients ${ageRangeText(p.ageRange)}`,
  notTakingNew: (p: Provider) => `${p.name} is not taking new patients`,
  newOnly: (p: Provider, vt: VisitType) => `${vt.label} is for new patients, and the patient has seen ${p.name} before`,
  establishedOnly: (p: Provider, vt: VisitType) => `${vt.label} is for established patients, and the patient is new to ${p.name}`,
  taken: () => 'Already booked, held or unavailable',
  past: () => 'Already started or in the past',
  outsideWindow: () => 'Outside the requested window',
  locationNotOffered: (l: ClinicLocation, vt: VisitType) => `${vt.label} is not offered at ${l.name}`,
  reserved: (p: Provider) => `Some of ${p.name}'s slots are reserved for other visit types`,
  outsideHours: (l: ClinicLocation) => `Outside ${l.name}'s opening hours`,
  closed: (l: ClinicLocation, c: InstantPeriod) => `${l.name} is closed ${periodLabel(c, l.timeZone)} (${c.reason})`,
  blocked: (p: Provider, b: InstantPeriod, zone: string) => `${p.name} is unavailable ${periodLabel(b, zone)} (${b.reason})`,
  limit: (p: Provider, limit: ProviderLimit) => `${p.name} is at the limit of ${limitText(limit)}`,
  noResource: (l: ClinicLocation, tag: string) => `No free ${tag.replace(/-/g, ' ')} at ${l.name} at that time`,
  notConsecutive: (p: Provider, minutes: number) => `${p.name} has no ${minutes} consecutive free minutes starting then`,
  tooFar: (l: ClinicLocation, km: number, max: number) => `${l.name} is ${km.toFixed(1)} km from home, farther than ${max} km`,
  noFollowUp: (vt: VisitType, stepLabel: string) => `No ${stepLabel} slot within the allowed gap for ${vt.label}`,
  languageUnavailable: (language: string) => `No eligible provider speaks ${languageName(language)}`,
};

/**
 * When a period is, on the clinic's clock: whole days as dates ("Dec 7", "Dec 7–Dec 9"), one day's hours as
 * "Dec 7 9:20 AM–9:40 AM EST (clinic)", anything else from one moment to the other.
 */
export function periodLabel(b: InstantPeriod, zone: string): string {
  const [from, to] = [localClock(b.start, zone), localClock(b.end, zone)];
  if (from.minutes === 0 && to.minutes === 0 && to.day > from.day) {
    const last = b.end - 1;
    return to.day - from.day === 1 ? dateLabel(b.start, zone) : `${dateLabel(b.start, zone)}–${dateLabel(last, zone)}`;
  }
  if (from.day === to.day) return `${dateLabel(b.start, zone)} ${timeLabel(b.start, zone)}–${timeLabel(b.end, zone)} ${clinicZoneLabel(b.start, zone)}`;
  return `${dateLabel(b.start, zone)} ${timeLabel(b.start, zone)} – ${dateLabel(b.end, zone)} ${timeLabel(b.end, zone)} ${clinicZoneLabel(b.start, zone)}`;
}

/** "2 new patients on Friday mornings", "14 visits per day", "3 visits on Mondays and Wednesdays". */
export function limitText(limit: ProviderLimit): string {
  const what = limit.counts === 'new-patients' ? `new patient${limit.max === 1 ? '' : 's'}` : `visit${limit.max === 1 ? '' : 's'}`;
  const days = limit.days && limit.days.length > 0 ? limit.days.map((d) => WEEKDAY_NAMES[d]) : null;
  if (!days) return `${limit.max} ${what} per ${limit.per}`;
  if (limit.per === 'day') return `${limit.max} ${what} on ${joinAnd(days.map((d) => `${d}s`))}`;
  return `${limit.max} ${what} on ${joinAnd(days)} ${limit.per}s`;
}

function joinAnd(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

let languageNames: Intl.DisplayNames | null = null;

/** "es" -> "Spanish"; the tag itself when the runtime does not know it. */
export function languageName(tag: string): string {
  try {
    languageNames ??= new Intl.DisplayNames(['en'], { type: 'language' });
    return languageNames.of(tag) ?? tag;
  } catch {
    return tag;
  }
}

export const reasonText = {
  pcp: () => 'Your primary care provider',
  established: (p: Provider) => `Has seen you before (${p.name})`,
  requested: () => 'The provider you asked for',
  language: (tag: string) => `Speaks ${languageName(tag)}`,
  dayPart: (part: string) => `In the ${part}, as preferred`,
  preferredVisitType: (vt: VisitType) => `Regularly sees ${vt.label.toLowerCase()} visits`,
  roundRobin: () => 'Shares new patients fairly across the team',
  video: () => 'Video visit, as preferred',
  soonest: (start: number, now: number, zone: string) => `Soonest: ${whenLabel(start, now, zone)} ${clinicZoneLabel(start, zone)}`,
  when: (start: number, now: number, zone: string) => `Available ${whenLabel(start, now, zone)} ${clinicZoneLabel(start, zone)}`,
  then: (stepLabel: string, start: number, now: number, zone: string) => `Then ${stepLabel}: ${whenLabel(start, now, zone)} ${clinicZoneLabel(start, zone)}`,
  distance: (km: number) => `${km.toFixed(1)} km from home`,
  distanceUnknown: () => 'Distance from home unknown',
};
