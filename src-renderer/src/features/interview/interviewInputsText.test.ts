import { describe, expect, it } from 'vitest';
import type { InterviewInput } from '../call-session';
import { callerText, locationText, siteTimeText } from './interviewInputsText';

const base: InterviewInput = { ageBand: 'adult', sex: 'female', afterHours: false, hoursBecause: 'open' };

describe('what the interview heard, in words', () => {
  it('says where the patient is and who said so', () => {
    expect(locationText({ ...base, state: 'CT', zip: '06103', locationSource: 'caller' })).toBe("in CT 06103 (caller's answer)");
    expect(locationText({ ...base, state: 'NY', zip: null, locationSource: 'chart' })).toBe('in NY (chart address)');
    expect(locationText({ ...base, state: null, zip: null, locationSource: null })).toBe('location unknown');
  });

  it('says the site time, who calls and pregnancy when asked', () => {
    expect(siteTimeText({ ...base, localTime: '23:30' })).toBe('23:30 at the site');
    expect(callerText({ ...base, callerRole: 'parent' })).toBe('a parent calls');
    expect(callerText({ ...base, callerRole: 'self', pregnancy: 'pregnant' })).toBe('the patient calls · pregnant');
  });

  it('a draft saved before these inputs existed says they are unknown (its questions are asked)', () => {
    expect([locationText(base), siteTimeText(base), callerText(base)]).toEqual(['location unknown', 'site time unknown', 'the patient calls']);
  });
});
