import { bounded, pathText, schemaIssueMessages } from '../../catalog/schemaIssueMessages';
import type { DispositionId } from '../../../src-preload/contract';
import type { BlockedPeriod, OpeningHours, SchedulingRules, VisitType } from '../model';
import { minutesOfLocalTime } from '../engine/localClock';
import { isLocalPeriod } from '../engine/localPeriod';
import { SchedulingRulesSchema } from './schedulingRulesSchema';

/** Dispositions that are never booked: the caller goes to 911 or an emergency department now. */
export const NEVER_SCHEDULED: readonly DispositionId[] = ['call-911', 'ed-now'];

export type SchedulingRulesLoad =
  | { readonly ok: true; readonly rules: SchedulingRules; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly errors: readonly string[]; readonly warnings: readonly string[] };

/** Ids the EHR knows, when the caller has them: rules naming others are then refused (a typo books nobody). */
export interface KnownIds {
  readonly providerIds?: readonly string[];
  readonly locationIds?: readonly string[];
}

/** Larger than any real rules file; refused before parsing so a wrong file cannot stall the workstation. */
const MAX_RULES_BYTES = 2_000_000;

/**
 * Reads a rules file a manager edited: JSON, then the schema, then the cross-references a schema cannot see (a
 * disposition naming an unknown visit type, a step whose min gap exceeds its max, hours that close before they
 * open, overlapping hours...). Every message starts with the file name and the place in the file, in the style
 * of the protocol loader, so it can be fixed without reading code. Errors refuse the file; warnings do not.
 */
export function loadSchedulingRules(text: string, sourceName: string, known: KnownIds = {}): SchedulingRulesLoad {
  const at = (where: string, message: string) => bounded(`${sourceName}: ${where}: ${message}`);
  if (/\.ya?ml$/i.test(sourceName)) return { ok: false, errors: [`${sourceName}: YAML is not supported; convert the rules to JSON`], warnings: [] };
  if (text.length > MAX_RULES_BYTES) return { ok: false, errors: [`${sourceName}: larger than ${MAX_RULES_BYTES} bytes; not a rules file?`], warnings: [] };
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [bounded(`${sourceName}: not valid JSON: ${(e as Error).message}`)], warnings: [] };
  }
  const parsed = SchedulingRulesSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: schemaIssueMessages(parsed.error.issues, input).map((m) => `${sourceName}: ${m}`), warnings: [] };
  const { $comment: _comment, ...rules } = parsed.data;
  const errors: string[] = [];
  const warnings: string[] = [];
  checkVisitTypes(rules.visitTypes, rules, known, (w, m) => errors.push(at(w, m)), (w, m) => warnings.push(at(w, m)));
  checkDispositions(rules, (w, m) => errors.push(at(w, m)), (w, m) => warnings.push(at(w, m)));
  checkProviders(rules, known, (w, m) => errors.push(at(w, m)));
  checkLocations(rules, known, (w, m) => errors.push(at(w, m)));
  if (errors.length > 0) return { ok: false, errors, warnings };
  return { ok: true, rules, warnings };
}

type Report = (where: string, message: string) => void;

function knownList(ids: Iterable<string>): string {
  const list = [...ids];
  return list.length > 12 ? `${list.slice(0, 12).join(', ')}, …` : list.join(', ');
}

function checkVisitTypes(visitTypes: readonly VisitType[], rules: SchedulingRules, known: KnownIds, error: Report, warn: Report): void {
  const seen = new Map<string, number>();
  const resourceTags = new Set(Object.values(rules.locations).flatMap((l) => (l.resources ?? []).flatMap((r) => r.tags)));
  visitTypes.forEach((vt, i) => {
    const where = pathText(['visitTypes', i]);
    const first = seen.get(vt.id);
    if (first !== undefined) error(`${where}.id`, `visit type "${vt.id}" is defined twice (also visitTypes[${first}])`);
    else seen.set(vt.id, i);
    if (vt.ageRange) checkAgeRange(vt.ageRange, `${where}.ageRange`, error);
    vt.steps.forEach((step, k) => {
      const sw = `${where}.steps[${k}]`;
      if (k === 0 && (step.minGapMinutes !== undefined || step.maxGapMinutes !== undefined)) warn(sw, 'a gap on the first step is ignored (gaps are measured from the previous step)');
      if (step.minGapMinutes !== undefined && step.maxGapMinutes !== undefined && step.minGapMinutes > step.maxGapMinutes) {
        error(sw, `minGapMinutes (${step.minGapMinutes}) is more than maxGapMinutes (${step.maxGapMinutes}): no follow-up could ever fit`);
      }
      if (vt.telehealth === 'only' && (step.requiredResources?.length ?? 0) > 0) error(`${sw}.requiredResources`, 'a video-only visit cannot need a room or equipment');
      for (const need of step.requiredResources ?? []) {
        if (Object.keys(rules.locations).length > 0 && !resourceTags.has(need.tag)) warn(`${sw}.requiredResources`, `no location lists a resource tagged "${need.tag}": this step can never be booked`);
      }
      for (const id of step.providerIds ?? []) if (known.providerIds && !known.providerIds.includes(id)) error(`${sw}.providerIds`, `unknown provider "${id}"`);
      for (const id of step.locationIds ?? []) if (known.locationIds && !known.locationIds.includes(id)) error(`${sw}.locationIds`, `unknown location "${id}"`);
    });
  });
}

function checkDispositions(rules: SchedulingRules, error: Report, warn: Report): void {
  const ids = new Set(rules.visitTypes.map((v) => v.id));
  for (const [disposition, visitTypeIds] of Object.entries(rules.dispositionVisitTypes) as [DispositionId, readonly string[]][]) {
    const where = pathText(['dispositionVisitTypes', disposition]);
    if (NEVER_SCHEDULED.includes(disposition) && visitTypeIds.length > 0) {
      error(where, `"${disposition}" is never scheduled (the caller goes to emergency care now); remove its visit types`);
    }
    visitTypeIds.forEach((id, k) => {
      if (!ids.has(id)) error(`${where}[${k}]`, `unknown visit type "${id}" (known: ${knownList(ids)})`);
    });
    if (visitTypeIds.length === 0 && !NEVER_SCHEDULED.includes(disposition)) warn(where, 'no visit types: this disposition cannot be booked');
  }
}

function checkProviders(rules: SchedulingRules, known: KnownIds, error: Report): void {
  const visitTypeIds = new Set(rules.visitTypes.map((v) => v.id));
  const locationIds = new Set([...Object.keys(rules.locations), ...(known.locationIds ?? [])]);
  for (const [providerId, p] of Object.entries(rules.providers)) {
    const where = pathText(['providers', providerId]);
    if (known.providerIds && !known.providerIds.includes(providerId)) error(where, `unknown provider "${providerId}"`);
    if (p.ageRange) checkAgeRange(p.ageRange, `${where}.ageRange`, error);
    if (Array.isArray(p.acceptedPlans) && p.acceptedPlans.length === 0) error(`${where}.acceptedPlans`, 'an empty list accepts no one; use "any" or list the plans');
    const limitIds = new Set<string>();
    (p.limits ?? []).forEach((limit, k) => {
      if (limitIds.has(limit.id)) error(`${where}.limits[${k}].id`, `limit "${limit.id}" appears twice for this provider`);
      limitIds.add(limit.id);
      for (const id of limit.visitTypeIds ?? []) if (!visitTypeIds.has(id)) error(`${where}.limits[${k}].visitTypeIds`, `unknown visit type "${id}"`);
    });
    for (const id of p.preferredVisitTypeIds ?? []) if (!visitTypeIds.has(id)) error(`${where}.preferredVisitTypeIds`, `unknown visit type "${id}"`);
    for (const id of p.locationIds ?? []) if (locationIds.size > 0 && !locationIds.has(id)) error(`${where}.locationIds`, `unknown location "${id}"`);
    checkPeriods(p.blocked ?? [], `${where}.blocked`, error);
  }
}

function checkLocations(rules: SchedulingRules, known: KnownIds, error: Report): void {
  const resourceIds = new Map<string, string>();
  for (const [locationId, l] of Object.entries(rules.locations)) {
    const where = pathText(['locations', locationId]);
    if (known.locationIds && !known.locationIds.includes(locationId)) error(where, `unknown location "${locationId}"`);
    checkHours(l.hours ?? [], `${where}.hours`, error);
    checkPeriods(l.closures ?? [], `${where}.closures`, error);
    (l.resources ?? []).forEach((r, k) => {
      const other = resourceIds.get(r.id);
      if (other) error(`${where}.resources[${k}].id`, `resource "${r.id}" is also defined at ${other}`);
      else resourceIds.set(r.id, locationId);
    });
  }
}

function checkAgeRange(range: { minYears: number | null; maxYears: number | null }, where: string, error: Report): void {
  if (range.minYears !== null && range.maxYears !== null && range.minYears >= range.maxYears) {
    error(where, `minYears (${range.minYears}) must be below maxYears (${range.maxYears}, which is exclusive): nobody fits`);
  }
}

function checkPeriods(periods: readonly BlockedPeriod[], where: string, error: Report): void {
  periods.forEach((p, k) => {
    // Local times compare as text ("YYYY-MM-DDTHH:MM"); instants as numbers.
    const backwards = isLocalPeriod(p) ? p.localEnd <= p.localStart : p.end <= p.start;
    if (backwards) error(`${where}[${k}]`, `ends before it starts ("${p.reason}")`);
  });
}

const WEEKDAY_NAMES = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' } as const;

function checkHours(hours: readonly OpeningHours[], where: string, error: Report): void {
  hours.forEach((h, k) => {
    if (minutesOfLocalTime(h.close) <= minutesOfLocalTime(h.open)) error(`${where}[${k}]`, `closes (${h.close}) before it opens (${h.open})`);
    for (let j = 0; j < k; j++) {
      const other = hours[j]!;
      const day = h.days.find((d) => other.days.includes(d));
      const overlaps = minutesOfLocalTime(h.open) < minutesOfLocalTime(other.close) && minutesOfLocalTime(other.open) < minutesOfLocalTime(h.close);
      if (day && overlaps) error(`${where}[${k}]`, `overlaps hours[${j}] on ${WEEKDAY_NAMES[day]}; merge them into one range`);
    }
  });
}
