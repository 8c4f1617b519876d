/**
 * The one ranked disposition scale. Rank 0 is the most urgent; an override or a merge of two interviews
 * always keeps the lower rank ("when in doubt, escalate"). Wording is ours, demonstration content.
 */
export const DISPOSITION_IDS = [
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
export type DispositionId = (typeof DISPOSITION_IDS)[number];

export interface Disposition {
  readonly id: DispositionId;
  readonly rank: number;
  readonly label: string;
  /** Longest safe wait before care, in minutes (0 = now). Scheduling reads this as the booking window. */
  readonly maxMinutesToCare: number | null;
  /** What the agent says; every disposition ends with "call back if worse". */
  readonly script: string;
  readonly color: 'red' | 'orange' | 'yellow' | 'blue' | 'green';
}

const CALL_BACK = 'If anything gets worse or you have new symptoms, call us back right away.';

const table: Record<DispositionId, Omit<Disposition, 'id' | 'rank'>> = {
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

export const DISPOSITIONS: readonly Disposition[] = DISPOSITION_IDS.map((id, rank) => ({ id, rank, ...table[id] }));

export function disposition(id: DispositionId): Disposition {
  const found = DISPOSITIONS.find((d) => d.id === id);
  if (!found) throw new Error(`unknown disposition ${id}`);
  return found;
}

/** The more urgent of two dispositions. */
export function mostUrgent(a: DispositionId, b: DispositionId): DispositionId {
  return disposition(a).rank <= disposition(b).rank ? a : b;
}
