import { describe, expect, it } from 'vitest';
import { ageRangeText, languageName, limitText, periodLabel } from './explain';

describe('explain', () => {
  it('says limits the way a manager would', () => {
    expect(limitText({ id: 'a', counts: 'new-patients', max: 2, per: 'morning', days: ['fri'] })).toBe('2 new patients on Friday mornings');
    expect(limitText({ id: 'b', counts: 'visits', max: 14, per: 'day' })).toBe('14 visits per day');
    expect(limitText({ id: 'c', counts: 'new-patients', max: 1, per: 'afternoon' })).toBe('1 new patient per afternoon');
    expect(limitText({ id: 'd', counts: 'visits', max: 3, per: 'day', days: ['mon', 'wed'] })).toBe('3 visits on Mondays and Wednesdays');
    expect(limitText({ id: 'e', counts: 'visits', max: 3, per: 'afternoon', days: ['mon', 'tue', 'fri'] })).toBe('3 visits on Monday, Tuesday and Friday afternoons');
  });

  it('says age ranges with the exclusive upper bound read as people count', () => {
    expect(ageRangeText({ minYears: null, maxYears: 18 })).toBe('under 18');
    expect(ageRangeText({ minYears: 18, maxYears: null })).toBe('aged 18 and over');
    expect(ageRangeText({ minYears: 2, maxYears: 18 })).toBe('aged 2 to 17');
    expect(ageRangeText({ minYears: null, maxYears: null })).toBe('of any age');
  });

  it('names languages in English, or echoes an unknown tag', () => {
    expect(languageName('es')).toBe('Spanish');
    expect(languageName('vi')).toBe('Vietnamese');
    expect(languageName('x!')).toBe('x!');
  });

  it('says when a period is on the clinic\'s clock: whole days as dates, hours with the clinic\'s zone', () => {
    const den = 'America/Denver';
    const midnight = Date.UTC(2026, 11, 7, 7); // Dec 7 00:00 MST
    expect(periodLabel({ start: midnight, end: midnight + 86_400_000, reason: '' }, den)).toBe('Dec 7');
    expect(periodLabel({ start: midnight, end: midnight + 3 * 86_400_000, reason: '' }, den)).toBe('Dec 7–Dec 9');
    expect(periodLabel({ start: midnight + 13 * 3_600_000, end: midnight + 17 * 3_600_000, reason: '' }, den)).toBe('Dec 7 1:00 PM–5:00 PM MST (clinic)');
    expect(periodLabel({ start: midnight + 13 * 3_600_000, end: midnight + 41 * 3_600_000, reason: '' }, den)).toBe('Dec 7 1:00 PM – Dec 8 5:00 PM MST (clinic)');
  });
});
