/** Age bands protocols branch on. Boundaries follow common pediatric triage practice (e.g. fever < 3 months). */
export const AGE_BANDS = ['infant-under-3-months', 'infant', 'child', 'adolescent', 'adult', 'older-adult'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export interface Age {
  readonly years: number;
  readonly months: number; // total completed months
}

export function ageOn(birthDate: string, on: Date): Age {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  let months = (on.getUTCFullYear() - y) * 12 + (on.getUTCMonth() + 1 - m);
  if (on.getUTCDate() < d) months -= 1;
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
