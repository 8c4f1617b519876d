import { describe, expect, it } from 'vitest';
import { AGE_BANDS, ageBandOf, ageOn } from './ageBand';
import { localDateIn } from './serviceHours';

const on = (iso: string) => new Date(`${iso}T12:00:00Z`);
const bandOn = (birthDate: string, day: string) => ageBandOf(ageOn(birthDate, on(day)));

describe('ageOn', () => {
  it('counts completed months and years', () => {
    expect(ageOn('2020-05-15', on('2025-05-15'))).toEqual({ years: 5, months: 60 });
    expect(ageOn('2020-05-15', on('2025-05-14'))).toEqual({ years: 4, months: 59 });
    expect(ageOn('2025-01-10', on('2025-01-10'))).toEqual({ years: 0, months: 0 });
  });

  it('takes a local calendar date, so the US evening is not already tomorrow', () => {
    // 2024-04-14 at 21:00 in New York is 2024-04-15 in UTC: the baby is still under 3 months locally.
    const evening = new Date('2024-04-15T01:00:00Z');
    expect(ageBandOf(ageOn('2024-01-15', evening))).toBe('infant');
    expect(ageBandOf(ageOn('2024-01-15', localDateIn('America/New_York', evening)))).toBe('infant-under-3-months');
  });

  it('never goes negative for a birth date in the future', () => {
    expect(ageOn('2030-01-01', on('2025-01-01'))).toEqual({ years: 0, months: 0 });
  });
});

describe('ageBandOf', () => {
  it('puts the exact 3-month boundary in "infant", the day before in "infant-under-3-months"', () => {
    expect(bandOn('2024-01-15', '2024-04-14')).toBe('infant-under-3-months');
    expect(bandOn('2024-01-15', '2024-04-15')).toBe('infant');
    expect(ageBandOf({ years: 0, months: 2 })).toBe('infant-under-3-months');
    expect(ageBandOf({ years: 0, months: 3 })).toBe('infant');
  });

  it('turns "child" at 12 months and "adolescent" on the 12th birthday', () => {
    expect(bandOn('2024-01-15', '2025-01-14')).toBe('infant');
    expect(bandOn('2024-01-15', '2025-01-15')).toBe('child');
    expect(bandOn('2012-06-01', '2024-05-31')).toBe('child');
    expect(bandOn('2012-06-01', '2024-06-01')).toBe('adolescent');
  });

  it('turns "adult" at 18 and "older-adult" on the 65th birthday', () => {
    expect(bandOn('2007-03-20', '2025-03-19')).toBe('adolescent');
    expect(bandOn('2007-03-20', '2025-03-20')).toBe('adult');
    expect(bandOn('1960-03-20', '2025-03-19')).toBe('adult');
    expect(bandOn('1960-03-20', '2025-03-20')).toBe('older-adult');
  });

  it('counts a 29 February birthday as not yet reached on 28 February (the younger band: the safer side)', () => {
    expect(ageOn('2012-02-29', on('2024-02-28')).years).toBe(11);
    expect(ageOn('2012-02-29', on('2024-02-29')).years).toBe(12);
  });

  it('covers every band, youngest to oldest', () => {
    const seen = [0, 3, 12, 12 * 12, 18 * 12, 65 * 12].map((months) => ageBandOf({ years: Math.floor(months / 12), months }));
    expect(seen).toEqual([...AGE_BANDS]);
  });
});
