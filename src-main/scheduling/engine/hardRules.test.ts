import { describe, expect, it } from 'vitest';
import { inAgeRange, isSlotAvailable, modeFor, providerFailure, requestFailure } from './hardRules';
import { MINUTE, MONDAY_9AM_NY, slotRun, testPatient, testProvider, testRequest, testVisitType } from './testing/worldBuilder';

const [slot] = slotRun('p1', 'loc-a', MONDAY_9AM_NY, 1);
const now = MONDAY_9AM_NY - 60 * MINUTE;

describe('hard rules, one by one', () => {
  it('slot availability: free and not held, or a lapsed tentative hold', () => {
    expect(isSlotAvailable(slot!, now)).toBe(true);
    expect(isSlotAvailable({ ...slot!, heldUntil: null }, now)).toBe(true);
    expect(isSlotAvailable({ ...slot!, heldUntil: now + 1 }, now)).toBe(false);
    expect(isSlotAvailable({ ...slot!, status: 'busy-tentative', heldUntil: now }, now)).toBe(true);
    expect(isSlotAvailable({ ...slot!, status: 'busy-tentative' }, now)).toBe(false);
    for (const status of ['busy', 'busy-unavailable', 'entered-in-error'] as const) expect(isSlotAvailable({ ...slot!, status, heldUntil: now - 1 }, now)).toBe(false);
  });

  it('age ranges: lower bound inclusive, upper exclusive', () => {
    expect(inAgeRange(0, { minYears: 0, maxYears: 18 })).toBe(true);
    expect(inAgeRange(17, { minYears: null, maxYears: 18 })).toBe(true);
    expect(inAgeRange(18, { minYears: null, maxYears: 18 })).toBe(false);
    expect(inAgeRange(17, { minYears: 18, maxYears: null })).toBe(false);
    expect(inAgeRange(99, undefined)).toBe(true);
  });

  it('mode: video only when the type allows it, the caller wants it, the provider offers it and no room is needed', () => {
    const step = { label: 'Visit', durationMinutes: 20 };
    const wants = testRequest({ preferences: { telehealthOk: true } });
    expect(modeFor(testVisitType('v', { telehealth: 'allowed' }), step, testProvider('p1'), wants)).toBe('telehealth');
    expect(modeFor(testVisitType('v', { telehealth: 'allowed' }), step, testProvider('p1'), testRequest())).toBe('in-person');
    expect(modeFor(testVisitType('v', { telehealth: 'allowed' }), step, testProvider('p1', { telehealth: false }), wants)).toBe('in-person');
    expect(modeFor(testVisitType('v', { telehealth: 'allowed' }), { ...step, requiredResources: [{ kind: 'room', tag: 'x' }] }, testProvider('p1'), wants)).toBe('in-person');
    expect(modeFor(testVisitType('v', { telehealth: 'never' }), step, testProvider('p1'), wants)).toBe('in-person');
    expect(modeFor(testVisitType('v', { telehealth: 'only' }), step, testProvider('p1'), testRequest())).toBe('telehealth');
  });

  it('request rules: visit-type age and a video-only type for a caller refusing video', () => {
    expect(requestFailure(testVisitType('v', { ageRange: { minYears: null, maxYears: 18 } }), testRequest({ patient: testPatient({ ageYears: 30 }) }))?.rule).toBe('age');
    expect(requestFailure(testVisitType('v', { telehealth: 'only' }), testRequest({ preferences: { telehealthOk: false } }))?.rule).toBe('telehealth');
    expect(requestFailure(testVisitType('v', { telehealth: 'only' }), testRequest())).toBeNull();
  });

  it('provider rules each say which rule and whom', () => {
    const vt = testVisitType('v');
    const step = vt.steps[0]!;
    const request = testRequest({ patient: testPatient({ planCode: 'X', planName: 'Plan X', ageYears: 10 }) });
    expect(providerFailure(testProvider('p1', { acceptedPlans: ['Y'] }), vt, step, request)).toEqual({ rule: 'insurance', subject: 'Dr. P1, MD', message: 'Dr. P1, MD does not accept Plan X' });
    expect(providerFailure(testProvider('p1', { ageRange: { minYears: 18, maxYears: null } }), vt, step, request)?.message).toBe('Dr. P1, MD only sees patients aged 18 and over');
    expect(providerFailure(testProvider('p1', { acceptsNewPatients: false }), vt, step, request)?.rule).toBe('new-patients');
    // A PCP on the chart is an established relationship even with no visit on file (found by the demo e2e).
    const pcpOnly = testRequest({ patient: testPatient({ pcpProviderIds: ['p1'], seenProviderIds: [] }) });
    expect(providerFailure(testProvider('p1', { acceptsNewPatients: false }), vt, step, pcpOnly)).toBeNull();
    expect(providerFailure(testProvider('p1'), testVisitType('v', { patients: 'established-only' }), step, pcpOnly)).toBeNull();
    expect(providerFailure(testProvider('p2'), testVisitType('v', { patients: 'established-only' }), step, pcpOnly)?.rule).toBe('new-patients');
    expect(providerFailure(testProvider('p1', { telehealth: false }), testVisitType('v', { telehealth: 'only' }), step, request)?.message).toBe('Dr. P1, MD does not offer video visits');
    expect(providerFailure(testProvider('p1', { locationIds: ['loc-z'] }), vt, { ...step, locationIds: ['loc-a'] }, request)?.message).toBe('Dr. P1, MD does not work where Visit v is offered');
    const twoStep = testVisitType('v', { steps: [step, { label: 'Follow-up', durationMinutes: 20, providerIds: ['p9'] }] });
    expect(providerFailure(testProvider('p1'), twoStep, twoStep.steps[1]!, request)?.message).toBe('Dr. P1, MD does not offer the Follow-up step of Visit v');
    expect(providerFailure(testProvider('p1'), vt, step, request)).toBeNull();
  });
});
