/** Age bands protocols branch on. Boundaries follow common pediatric triage practice (e.g. fever < 3 months). */
export const AGE_BANDS = ['infant-under-3-months', 'infant', 'child', 'adolescent', 'adult', 'older-adult'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export interface Age {
  readonly years: number;
  readonly months: number; // total completed months
}

/**
 * Completed age on a day. Pass the calendar date where the patient is ('YYYY-MM-DD', see `localDateIn`):
 * a Date is read in UTC, which in the US evening is already tomorrow — a baby would leave the
 * "under 3 months" band a day early, the unsafe direction.
 */
export function ageOn(birthDate: string, on: Date | string): Age {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] =
    typeof on === 'string'
      ? (on.split('-').map(Number) as [number, number, number])
      : [on.getUTCFullYear(), on.getUTCMonth() + 1, on.getUTCDate()];
  let months = (ty - y) * 12 + (tm - m);
  if (td < d) months -= 1;
  months = Math.max(0, months);
  return { years: Math.floor(months / 12), months };
}

export function ageBandOf(age: Age): AgeBand {
  if (age.months < 3) return 'infant-under-3-months';
  if (age.months < 12) return 'infant';
  if (age.years < 12) return 'child';
  if (age.years < 18) return 'adolescent';
  if (age.years < 65) return 'adult';
  return 'older-adult';
}
