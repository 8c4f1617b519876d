import { describe, expect, it } from 'vitest';
import { familyMedicine, mariaLopez, mateoLopez } from '../../test/fixtures';
import { chartLocationOf, defaultCallerAnswers, interviewInputFor, pregnancyApplies, stateCodeOf, zipOf } from './interviewInputFor';

// Monday 2025-03-03 15:00 UTC = 10:00 in New York (open); 2025-03-04 04:30 UTC = Monday 23:30 in New York.
const MONDAY_10 = new Date('2025-03-03T15:00:00Z');
const MONDAY_2330 = new Date('2025-03-04T04:30:00Z');

describe('interviewInputFor', () => {
  it('derives the age band on the given day and the site hours in the line time zone', () => {
    const open = interviewInputFor(mariaLopez, familyMedicine, MONDAY_10);
    expect(open).toMatchObject({ ageBand: 'adult', sex: 'female', afterHours: false });
    expect(open?.hoursBecause).toContain('America/New_York');
    // Sunday: closed all day.
    const closed = interviewInputFor(mateoLopez, familyMedicine, new Date('2025-03-02T15:00:00Z'));
    expect(closed).toMatchObject({ ageBand: 'child', sex: 'male', afterHours: true });
    expect(interviewInputFor({ ...mariaLopez, birthDate: null }, familyMedicine, new Date())).toBeNull();
  });

  it('passes the wall-clock time at the site, not the time where the workstation is', () => {
    expect(interviewInputFor(mariaLopez, familyMedicine, MONDAY_10)?.localTime).toBe('10:00');
    expect(interviewInputFor(mariaLopez, familyMedicine, MONDAY_2330)).toMatchObject({ localTime: '23:30', afterHours: true });
    const pacific = { ...familyMedicine, timeZone: 'America/Los_Angeles' };
    expect(interviewInputFor(mariaLopez, pacific, MONDAY_2330)?.localTime).toBe('20:30');
  });

  it('passes age in months from the date of birth, on the site date', () => {
    // Born 2018-09-03: 78 completed months on 2025-03-03 in New York.
    expect(interviewInputFor(mateoLopez, familyMedicine, MONDAY_10)?.ageMonths).toBe(78);
    const baby = { ...mateoLopez, birthDate: '2024-12-04' };
    expect(interviewInputFor(baby, familyMedicine, MONDAY_10)).toMatchObject({ ageBand: 'infant-under-3-months', ageMonths: 2 });
  });

  it('without the agent’s answers: the chart address, and a parent calling for a child under 13', () => {
    expect(interviewInputFor(mariaLopez, familyMedicine, MONDAY_10)).toMatchObject({
      state: 'IL',
      zip: '62701',
      locationSource: 'chart',
      callerRole: 'self',
      pregnancy: 'unknown',
    });
    expect(interviewInputFor(mateoLopez, familyMedicine, MONDAY_10)?.callerRole).toBe('parent');
    expect(interviewInputFor({ ...mariaLopez, address: null }, familyMedicine, MONDAY_10)).toMatchObject({ state: null, zip: null, locationSource: null });
  });

  it('the caller’s answer replaces the chart address and is said to come from the caller', () => {
    const answers = { callerRole: 'caregiver' as const, pregnancy: 'pregnant' as const, location: { state: 'ct', zip: '06103' } };
    expect(interviewInputFor(mariaLopez, familyMedicine, MONDAY_10, answers)).toMatchObject({
      state: 'CT',
      zip: '06103',
      locationSource: 'caller',
      callerRole: 'caregiver',
      pregnancy: 'pregnant',
    });
    // Kept as the chart has it: still the chart's.
    const confirmed = { ...answers, location: chartLocationOf(mariaLopez) };
    expect(interviewInputFor(mariaLopez, familyMedicine, MONDAY_10, confirmed)?.locationSource).toBe('chart');
    // Cleared or half typed: unknown, so location questions are asked.
    const cleared = { ...answers, location: { state: '', zip: '061' } };
    expect(interviewInputFor(mariaLopez, familyMedicine, MONDAY_10, cleared)).toMatchObject({ state: null, zip: null, locationSource: null });
  });

  it('pregnancy is passed only where it can apply; otherwise it stays unknown', () => {
    const answers = { ...defaultCallerAnswers(mateoLopez, MONDAY_10), pregnancy: 'pregnant' as const };
    expect(interviewInputFor(mateoLopez, familyMedicine, MONDAY_10, answers)?.pregnancy).toBe('unknown');
    expect(pregnancyApplies(mariaLopez, 'adult')).toBe(true);
    expect(pregnancyApplies({ ...mariaLopez, sex: 'unknown' }, 'adolescent')).toBe(true);
    expect(pregnancyApplies(mariaLopez, 'older-adult')).toBe(false);
    expect(pregnancyApplies(mateoLopez, 'adult')).toBe(false);
  });
});

describe('location parsing', () => {
  it('reads USPS state codes and ZIP or ZIP+4 only', () => {
    expect(stateCodeOf(' ny ')).toBe('NY');
    expect(stateCodeOf('New York')).toBeNull();
    expect(zipOf('10001-1234')).toBe('10001');
    expect(zipOf('1000')).toBeNull();
    expect(zipOf('100011')).toBeNull();
    expect(chartLocationOf({ ...mariaLopez, address: { line: [], city: '', state: 'Illinois', postalCode: '62701' } })).toEqual({ state: '', zip: '62701' });
  });
});
