/**
 * The one ranked disposition scale. Rank 0 is the most urgent; an override or a merge of two interviews
 * always keeps the lower rank ("when in doubt, escalate"). Wording is ours, demonstration content.
 *
 * Two kinds share the scale: levels of care (CARE_LEVEL_IDS, strictly ordered) and non-clinical routes
 * (ROUTE_IDS: poison control, crisis line, dentist, pharmacist). A route is not a place on the scale of its
 * own: it carries the rank of the care level it is as urgent as (`sameUrgencyAs`), so safety comparisons
 * ("at or above the expected urgency") work across both kinds.
 */
export const CARE_LEVEL_IDS = [
  'call-911',
  'ed-now',
  'ed-or-office-now',
  'seen-within-4-hours',
  'seen-today',
  'seen-today-or-tomorrow',
  'seen-within-3-days',
  'seen-within-2-weeks',
  'home-care',
] as const;
export type CareLevelId = (typeof CARE_LEVEL_IDS)[number];

export const ROUTE_IDS = ['poison-control', 'crisis-line', 'dentist', 'pharmacist'] as const;
export type RouteId = (typeof ROUTE_IDS)[number];

export const DISPOSITION_IDS = [...CARE_LEVEL_IDS, ...ROUTE_IDS] as const;
export type DispositionId = (typeof DISPOSITION_IDS)[number];

export interface Disposition {
  readonly id: DispositionId;
  readonly kind: 'care-level' | 'route';
  /** Urgency rank: a care level's position on the scale; a route's is that of `sameUrgencyAs`. */
  readonly rank: number;
  /** For a route, the care level it is as urgent as; for a care level, itself. */
  readonly sameUrgencyAs: CareLevelId;
  readonly label: string;
  /** Longest safe wait before care, in minutes (0 = now). Scheduling reads this as the booking window. */
  readonly maxMinutesToCare: number | null;
  /** What the agent says; every disposition ends with "call back if worse". */
  readonly script: string;
  readonly color: 'red' | 'orange' | 'yellow' | 'blue' | 'green';
}

const CALL_BACK = 'If anything gets worse or you have new symptoms, call us back right away.';

type Entry = Omit<Disposition, 'id' | 'rank' | 'kind' | 'sameUrgencyAs'>;

const careLevels: Record<CareLevelId, Entry> = {
  'call-911': {
    label: 'Call 911 now',
    maxMinutesToCare: 0,
    script: 'Hang up and call 911 now (or I can connect you). Do not drive yourself.',
    color: 'red',
  },
  'ed-now': {
    label: 'Go to the emergency department now',
    maxMinutesToCare: 60,
    script: 'You need to be seen in an emergency department now. Have someone else drive you. ' + CALL_BACK,
    color: 'red',
  },
  'ed-or-office-now': {
    label: 'Go to the ED or the office now',
    maxMinutesToCare: 120,
    script: 'You need to be seen now, in the office if it is open or else in an emergency department. ' + CALL_BACK,
    color: 'orange',
  },
  'seen-within-4-hours': {
    label: 'Be seen within 4 hours',
    maxMinutesToCare: 240,
    script: 'You should be seen within the next 4 hours (office or urgent care). ' + CALL_BACK,
    color: 'orange',
  },
  'seen-today': {
    label: 'Be seen today',
    maxMinutesToCare: 12 * 60,
    script: 'You should be seen today. ' + CALL_BACK,
    color: 'yellow',
  },
  'seen-today-or-tomorrow': {
    label: 'Be seen today or tomorrow',
    maxMinutesToCare: 36 * 60,
    script: 'You should be seen today or tomorrow. ' + CALL_BACK,
    color: 'yellow',
  },
  'seen-within-3-days': {
    label: 'Be seen within 3 days',
    maxMinutesToCare: 3 * 24 * 60,
    script: 'You should be seen within the next 3 days. ' + CALL_BACK,
    color: 'blue',
  },
  'seen-within-2-weeks': {
    label: 'Be seen within 2 weeks',
    maxMinutesToCare: 14 * 24 * 60,
    script: 'You should make an appointment within the next 2 weeks. ' + CALL_BACK,
    color: 'blue',
  },
  'home-care': {
    label: 'Home care',
    maxMinutesToCare: null,
    script: 'This can be cared for at home. ' + CALL_BACK,
    color: 'green',
  },
};

/**
 * Non-clinical routes. Numbers are the US national ones (Poison Help 1-800-222-1222, 988 Suicide & Crisis
 * Lifeline); a site may configure its own in a later release.
 */
const routes: Record<RouteId, Entry & { readonly sameUrgencyAs: CareLevelId }> = {
  'poison-control': {
    label: 'Call Poison Control now',
    sameUrgencyAs: 'ed-or-office-now',
    maxMinutesToCare: 0,
    script:
      'Call Poison Control now at 1-800-222-1222 (or I can connect you); have the container with you. If the person becomes hard to wake, has trouble breathing or has a seizure, call 911. ' +
      CALL_BACK,
    color: 'orange',
  },
  'crisis-line': {
    label: 'Connect to the 988 crisis line now',
    sameUrgencyAs: 'ed-or-office-now',
    maxMinutesToCare: 0,
    script:
      'I am going to connect you with the 988 Suicide & Crisis Lifeline now (call or text 988). If you are in danger of acting on these thoughts, call 911. ' +
      CALL_BACK,
    color: 'orange',
  },
  dentist: {
    label: 'See a dentist within 3 days',
    sameUrgencyAs: 'seen-within-3-days',
    maxMinutesToCare: 3 * 24 * 60,
    script: 'This is a problem for a dentist: call your dentist to be seen within the next 3 days. ' + CALL_BACK,
    color: 'blue',
  },
  pharmacist: {
    label: 'Talk to a pharmacist today',
    sameUrgencyAs: 'seen-today',
    maxMinutesToCare: 12 * 60,
    script: 'Your pharmacist can answer this question: call or visit your pharmacy today. ' + CALL_BACK,
    color: 'yellow',
  },
};

const careLevelRank = new Map<CareLevelId, number>(CARE_LEVEL_IDS.map((id, rank) => [id, rank]));

export const DISPOSITIONS: readonly Disposition[] = [
  ...CARE_LEVEL_IDS.map((id, rank) => ({ id, kind: 'care-level' as const, rank, sameUrgencyAs: id, ...careLevels[id] })),
  ...ROUTE_IDS.map((id) => ({ id, kind: 'route' as const, rank: careLevelRank.get(routes[id].sameUrgencyAs) ?? 0, ...routes[id] })),
];

const byId = new Map<string, Disposition>(DISPOSITIONS.map((d) => [d.id, d]));

export function disposition(id: DispositionId): Disposition {
  const found = byId.get(id);
  if (!found) throw new Error(`unknown disposition ${id}`);
  return found;
}

export function isRoute(id: DispositionId): id is RouteId {
  return disposition(id).kind === 'route';
}

/**
 * The more urgent of two dispositions. On equal urgency a level of care wins over a route (the patient is
 * seen), and otherwise the first argument is kept.
 */
export function mostUrgent(a: DispositionId, b: DispositionId): DispositionId {
  const da = disposition(a);
  const db = disposition(b);
  if (da.rank !== db.rank) return da.rank < db.rank ? a : b;
  return da.kind === 'route' && db.kind === 'care-level' ? b : a;
}

/** True when `actual` is at least as urgent as `expected` (the safety check of the vignette set). */
export function atLeastAsUrgent(actual: DispositionId, expected: DispositionId): boolean {
  return disposition(actual).rank <= disposition(expected).rank;
}
