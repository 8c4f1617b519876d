import { describe, expect, it, vi } from 'vitest';
import type { AgentState } from '../../src-preload/contract';
import { CallCoordinator } from '../calls/CallCoordinator';
import { CallLog } from '../calls/CallLog';
import { DemoPhoneLine } from '../demo/DemoPhoneLine';
import type { PatientMatcher } from '../ehr/PatientMatcher';
import { EventHub } from '../ipc/EventHub';
import { createMemoryLogger } from '../log/logger';
import { AgentStateService } from './AgentStateService';

// The agent state, the call log and the coordinator wired as bootstrap wires them, on the demo line.
function setup() {
  const events = new EventHub();
  const states: AgentState[] = [];
  events.subscribe((event, payload) => {
    if (event === 'agent.state') states.push(payload as AgentState);
  });
  const logger = createMemoryLogger();
  const line = new DemoPhoneLine(() => [], ['+16175550100'], Math.random, 5);
  const agent = new AgentStateService({ events, logger, rules: { afterCallWorkSeconds: 60, awayReasons: ['Break', 'Lunch'] } });
  const callLog = new CallLog();
  const decline = vi.spyOn(line, 'decline');
  const calls = new CallCoordinator({
    port: line,
    matcher: { byPhone: async () => [] } as unknown as PatientMatcher,
    events,
    logger,
    serviceLineFor: () => 'adult-primary-care',
    ivrLabel: (d) => `Option ${d}`,
    offerPolicy: agent,
    observers: [agent.observe, callLog.record],
  });
  const user = { id: 'agent-alex', displayName: 'Alex Rivera', role: 'agent' as const };
  return { line, agent, callLog, calls, decline, states, user };
}

describe('agent state and call log, wired to the call coordinator', () => {
  it('a call from ring to wrap-up: on-call, after-call work, available; logged with its code', async () => {
    const { line, agent, callLog, calls, states, user } = setup();
    const a = line.ring({ callerPhone: '+16175550142' });
    await calls.answer(a.callId);
    expect(agent.current().state).toBe('on-call');
    line.callerHangsUp(a.callId);
    expect(agent.current().state).toBe('after-call-work');
    await calls.wrapUp(a.callId, 'resolved', 'pat-1', user);
    expect(agent.current().state).toBe('available');
    expect(states.map((s) => s.state)).toEqual(['on-call', 'after-call-work', 'available']);
    expect(callLog.list()).toEqual([expect.objectContaining({ callId: a.callId, party: '+16175550142', wrapUpCode: 'resolved', patientId: 'pat-1', endReason: 'Caller hung up' })]);
    agent.dispose();
  });

  it('refuses a call with 486 while the agent is away or in after-call work: it never rings, nothing is logged', async () => {
    const { line, agent, callLog, calls, decline } = setup();
    agent.setState({ state: 'away', awayReason: 'Break' });
    const refused = line.ring({ callerPhone: '+16175550142' });
    expect(decline).toHaveBeenCalledWith(refused.callId);
    expect(calls.get(refused.callId)).toBeNull();
    expect(callLog.list()).toEqual([]);

    agent.setState({ state: 'available' });
    const a = line.ring({ callerPhone: '+16175550142' });
    await calls.answer(a.callId);
    await calls.hangUp(a.callId);
    expect(agent.current().state).toBe('after-call-work');
    const during = line.ring({ callerPhone: '+16175550142' });
    expect(calls.get(during.callId)).toBeNull();
    agent.dispose();
  });

  it('offers a second call while on one (call waiting) but not a third', async () => {
    const { line, agent, calls } = setup();
    const a = line.ring({ callerPhone: '+16175550142' });
    await calls.answer(a.callId);
    const b = line.ring({ callerPhone: '+16175550143' });
    expect(calls.get(b.callId)?.state).toBe('ringing');
    const c = line.ring({ callerPhone: '+16175550144' });
    expect(calls.get(c.callId)).toBeNull();
    await calls.answer(b.callId); // a goes on hold
    await calls.hangUp(b.callId);
    expect(agent.current().state).toBe('on-call');
    await calls.hangUp(a.callId);
    expect(agent.current().state).toBe('after-call-work');
    agent.dispose();
  });

  it('an outbound call makes the agent on-call when the far end answers', async () => {
    const { agent, calls, callLog } = setup();
    const out = await calls.dial('+16175550199');
    expect(agent.current().state).toBe('available');
    await vi.waitFor(() => expect(agent.current().state).toBe('on-call'));
    expect(callLog.list()[0]).toMatchObject({ callId: out.callId, direction: 'outbound', party: '+16175550199' });
    agent.dispose();
  });
});
