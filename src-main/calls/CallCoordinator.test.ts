import { describe, expect, it, vi } from 'vitest';
import type { CallInfo, PatientSummary, ScreenPop } from '../../src-preload/contract';
import { DemoPhoneLine } from '../demo/DemoPhoneLine';
import { FhirError } from '../ehr/FhirClient';
import type { PatientMatcher } from '../ehr/PatientMatcher';
import { EventHub } from '../ipc/EventHub';
import { createMemoryLogger } from '../log/logger';
import { CallCoordinator } from './CallCoordinator';

const candidate: PatientSummary = {
  id: 'pat-1', family: 'Lopez', given: 'Maria', displayName: 'Maria Lopez', birthDate: '1980-01-02', ageYears: 46,
  sex: 'female', language: 'es', phones: ['+16175550142'], address: null, relationships: [],
};

function setup(byPhone: PatientMatcher['byPhone']) {
  const events = new EventHub();
  const seen: Array<{ event: string; payload: unknown }> = [];
  events.subscribe((event, payload) => seen.push({ event, payload }));
  const line = new DemoPhoneLine(() => [], ['+16175550100']);
  const matcher = { byPhone: vi.fn(byPhone) } as unknown as PatientMatcher;
  const calls = new CallCoordinator({
    port: line, matcher, events, logger: createMemoryLogger(),
    serviceLineFor: (dnis) => (dnis === '+16175550100' ? 'adult-primary-care' : null),
    ivrLabel: (d) => `Option ${d}`,
  });
  return { events, seen, line, matcher, calls };
}

describe('CallCoordinator', () => {
  it('starts the screen pop on ring, before anyone answers, with the normalized number', async () => {
    const { seen, line, matcher, calls } = setup(async () => [candidate]);
    const incoming = line.ring({ callerPhone: '(617) 555-0142', dnis: '+16175550100', ivrDigit: '2' });
    expect(matcher.byPhone).toHaveBeenCalledWith('+16175550142');
    const call = seen.find((e) => e.event === 'call.incoming')?.payload as CallInfo;
    expect(call).toMatchObject({ state: 'ringing', from: { e164: '+16175550142' }, dialed: { serviceLineId: 'adult-primary-care' }, ivrChoice: { digit: '2' } });
    const pop = await calls.lookup(incoming.callId)!;
    expect(pop).toMatchObject({ matchedBy: 'phone', candidates: [candidate], error: null });
    expect(seen.map((e) => e.event)).toEqual(['call.incoming', 'call.screenPop']);
    expect(calls.current()?.state).toBe('ringing');
  });

  it('turns a withheld number or an EHR failure into an empty pop that tells the agent what to do', async () => {
    const { line, calls } = setup(async () => {
      throw new FhirError('unreachable', 'The EHR cannot be reached (reading Patient).');
    });
    const withheld = line.ring({ callerPhone: 'anonymous' });
    expect(await calls.lookup(withheld.callId)).toMatchObject({ matchedBy: 'none', error: expect.stringMatching(/withheld/) });
    const failing = line.ring({ callerPhone: '+16175550142' });
    const pop: ScreenPop = (await calls.lookup(failing.callId))!;
    expect(pop.error).toMatch(/cannot be reached.*name and date of birth/);
    // Says the EHR is down (since when the health watch saw it go), so the pane never reads "no patient on file".
    expect(pop.ehrUnreachable).toEqual({ since: expect.any(Number), cached: false });
  });

  it('an EHR outage: since when, from the health watch, which is asked to check now; cached candidates say so', async () => {
    const events = new EventHub();
    const line = new DemoPhoneLine(() => [], ['+16175550100']);
    const recheck = vi.fn();
    let result: () => Promise<unknown> = async () => Promise.reject(new FhirError('unreachable', 'The EHR cannot be reached.'));
    const calls = new CallCoordinator({
      port: line, events, logger: createMemoryLogger(), serviceLineFor: () => null, ivrLabel: (d) => d,
      matcher: { byPhone: async () => (await result()) as { candidates: PatientSummary[]; note: string | null } },
      ehrHealth: { unreachableSince: () => 1_000, recheck },
    });
    const down = line.ring({ callerPhone: '+16175550142' });
    expect((await calls.lookup(down.callId))!.ehrUnreachable).toEqual({ since: 1_000, cached: false });
    expect(recheck).toHaveBeenCalledTimes(1);
    result = async () => ({ candidates: [candidate], note: 'cached', cachedAt: 500 });
    const cached = line.ring({ callerPhone: '+16175550143' });
    expect(await calls.lookup(cached.callId)).toMatchObject({ candidates: [candidate], ehrUnreachable: { since: 1_000, cached: true } });
    result = async () => [candidate];
    const up = line.ring({ callerPhone: '+16175550144' });
    expect((await calls.lookup(up.callId))!.ehrUnreachable).toBeNull();
    // The EHR is back: the first call's number is looked up again, and the new pop replaces the old one.
    const again = await calls.lookUpAgain(down.callId);
    expect(again).toMatchObject({ callId: down.callId, candidates: [candidate], ehrUnreachable: null });
    expect(calls.screenPop(down.callId)).toEqual(again);
    line.callerHangsUp(down.callId);
    await expect(calls.lookUpAgain(down.callId)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('answers and hangs up, refuses to answer twice, and notices when the caller hangs up', async () => {
    const { line, calls } = setup(async () => []);
    const a = line.ring({ callerPhone: '+16175550142' });
    expect((await calls.answer(a.callId)).state).toBe('active');
    await expect(calls.answer(a.callId)).rejects.toThrow(/already active/);
    expect((await calls.hangUp(a.callId)).state).toBe('ended');
    const b = line.ring({ callerPhone: '+16175550142' });
    line.callerHangsUp(b.callId);
    expect(calls.current()).toMatchObject({ callId: b.callId, state: 'ended' });
    await expect(calls.answer('00000000-0000-4000-8000-000000000000')).rejects.toThrow(/no longer known/);
  });

  it('wraps up: hangs up a connected call, records the code and who set it, once', async () => {
    const { line, calls, seen } = setup(async () => []);
    const a = line.ring({ callerPhone: '+16175550142' });
    await calls.answer(a.callId);
    const agent = { id: 'agent-alex', displayName: 'Alex Rivera', role: 'agent' as const };
    const wrapped = await calls.wrapUp(a.callId, 'scheduled', 'pat-1', agent);
    expect(wrapped).toMatchObject({ state: 'ended', wrapUp: { code: 'scheduled', userId: 'agent-alex', patientId: 'pat-1' } });
    expect((seen.at(-1)?.payload as CallInfo).wrapUp?.code).toBe('scheduled');
    await expect(calls.wrapUp(a.callId, 'resolved', null, agent)).rejects.toThrow(/already wrapped up/);
  });
});
