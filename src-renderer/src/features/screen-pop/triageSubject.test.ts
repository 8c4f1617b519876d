import { describe, expect, it } from 'vitest';
import { ageBandOf, ageOn } from '../../../../src-preload/contract';
import { triageSubjectOf, withEnteredAnswers } from './triageSubject';

const band = (birthDate: string | null, on: string) => (birthDate ? ageBandOf(ageOn(birthDate, on)) : null);

describe('triageSubjectOf', () => {
  it('keeps a stated birth date, and turns a stated age into the same age band a day either side of today', () => {
    expect(triageSubjectOf({ sex: 'female', birthDate: '2020-05-01' }, new Date(2026, 11, 7)).birthDate).toBe('2020-05-01');
    for (const [age, expected] of [[0, 'infant-under-3-months'], [11, 'child'], [12, 'adolescent'], [17, 'adolescent'], [18, 'adult'], [65, 'older-adult']] as const) {
      const s = triageSubjectOf({ sex: 'male', ageYears: age }, new Date(2026, 2, 1));
      for (const on of ['2026-02-28', '2026-03-01', '2026-03-02']) expect(band(s.birthDate, on), `${age} on ${on}`).toBe(expected);
    }
  });

  it('names the unnamed and carries sex and phone', () => {
    const s = triageSubjectOf({ sex: 'unknown', ageYears: 40, phone: '+16175550100' }, new Date());
    expect(s).toMatchObject({ displayName: 'Unidentified patient', sex: 'unknown', phones: ['+16175550100'], ageYears: 40 });
    expect(triageSubjectOf({ sex: 'male', ageYears: 4, given: 'Tobi' }, new Date()).displayName).toBe('Tobi');
  });
});

describe('withEnteredAnswers', () => {
  const defaults = { callerRole: 'self' as const, pregnancy: 'unknown' as const, location: { state: '', zip: '' } };

  it('takes the caller, the stated pregnancy and the state and ZIP of the address given', () => {
    expect(withEnteredAnswers(defaults, { sex: 'female', ageYears: 30, pregnant: 'yes', address: '40 Harbor Rd, Quincy MA 02169' }, { relationship: 'caregiver' })).toEqual({
      callerRole: 'caregiver',
      pregnancy: 'pregnant',
      location: { state: 'MA', zip: '02169' },
    });
    // "in" is not a state; a town without a state keeps the defaults.
    expect(withEnteredAnswers({ ...defaults, location: { state: 'NY', zip: '10001' } }, { sex: 'male', ageYears: 9, address: 'at school in town' }, null)).toEqual({
      ...defaults,
      location: { state: 'NY', zip: '10001' },
    });
  });

  it('keeps the defaults when nothing was entered', () => {
    expect(withEnteredAnswers(defaults, null, null)).toEqual(defaults);
    expect(withEnteredAnswers(defaults, null, { relationship: 'parent', name: 'Ada' }).callerRole).toBe('parent');
  });
});
