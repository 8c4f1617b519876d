import { describe, expect, it } from 'vitest';
import type { AgentState, CallInfo } from '../../src-preload/contract';
import { ContractFailure } from '../ipc/ContractRouter';
import { EventHub } from '../ipc/EventHub';
import { createMemoryLogger } from '../log/logger';
import { testCall, testCallId } from '../../src-preload/contract/testing/callInfo';
import { type AgentClock, AgentStateService } from './AgentStateService';

const T0 = 1_700_000_000_000;

/** A clock the test moves by hand; timers fire when their time is passed. */
function manualClock(): AgentClock & { advance(ms: number): void; pending(): number } {
  let now = T0;
  let timers: Array<{ at: number; fire: () => void }> = [];
  return {
    now: () => now,
    after(ms, fire) {
      const timer = { at: now + ms, fire };
      timers.push(timer);
      return () => {
        timers = timers.filter((t) => t !== timer);
      };
    },
    advance(ms) {
      now += ms;
      const due = timers.filter((t) => t.at <= now);
      timers = timers.filter((t) => t.at > now);
      due.forEach((t) => t.fire());
    },
    pending: () => timers.length,
  };
}

function setup(afterCallWorkSeconds = 60) {
  const clock = manualClock();
  const events = new EventHub();
  const published: AgentState[] = [];
  events.subscribe((event, payload) => {
    if (event === 'agent.state') published.push(payload as AgentState);
  });
  const logger = createMemoryLogger();
  const agent = new AgentStateService({ events, logger, clock, rules: { afterCallWorkSeconds, awayReasons: ['Break', 'Lunch'] } });
  return { clock, agent, published, logger };
}

let n = 0;
function call(patch: Partial<CallInfo> = {}): CallInfo {
  n += 1;
  return testCall({ callId: testCallId(n), from: { raw: '+16175550142', e164: '+16175550142', displayName: 'Maria Lopez' }, ringAt: T0, ...patch });
}
const answer = (c: CallInfo): CallInfo => ({ ...c, state: 'active', answeredAt: T0 + 1 });
const end = (c: CallInfo): CallInfo => ({ ...c, state: 'ended', endedAt: T0 + 2, endReason: 'Caller hung up' });
const wrap = (c: CallInfo): CallInfo => ({ ...c, wrapUp: { code: 'resolved', at: T0 + 3, userId: 'agent-alex', patientId: null } });

describe('AgentStateService', () => {
  it('starts available and offers a call only when the rules say so', () => {
    const { agent } = setup();
    expect(agent.current()).toMatchObject({ state: 'available', awayReasons: ['Break', 'Lunch'], pending: null });
    expect(agent.mayOffer(0)).toBe(true);
    expect(agent.mayOffer(1)).toBe(false);
  });

  it('follows a call: on-call on answer, ACW at the end, available on wrap-up; publishes every change', () => {
    const { agent, published } = setup();
    const a = call();
    agent.observe(a);
    expect(published).toHaveLength(0); // ringing changes nothing
    agent.observe(answer(a));
    expect(agent.current().state).toBe('on-call');
    expect(agent.mayOffer(1)).toBe(true); // call waiting
    agent.observe(end(answer(a)));
    expect(agent.current()).toMatchObject({ state: 'after-call-work', afterCallWorkEndsAt: T0 + 60_000 });
    agent.observe(wrap(end(answer(a))));
    expect(agent.current().state).toBe('available');
    expect(published.map((s) => s.state)).toEqual(['on-call', 'after-call-work', 'available']);
  });

  it('returns from after-call work by itself when the timer ends, and clears the timer when left early', () => {
    const { agent, clock, published } = setup(30);
    const a = call();
    agent.observe(answer(a));
    agent.observe(end(answer(a)));
    expect(clock.pending()).toBe(1);
    clock.advance(29_999);
    expect(agent.current().state).toBe('after-call-work');
    clock.advance(1);
    expect(agent.current()).toMatchObject({ state: 'available', since: T0 + 30_000 });
    expect(published.at(-1)?.state).toBe('available');

    const b = call();
    agent.observe(answer(b));
    agent.observe(end(answer(b)));
    expect(clock.pending()).toBe(1);
    agent.setState({ state: 'away', awayReason: 'Break' });
    expect(clock.pending()).toBe(0);
  });

  it('keeps a manual ACW until the agent says Ready, even after wrap-up', () => {
    const { agent, clock } = setup(0);
    const a = call();
    agent.observe(answer(a));
    agent.observe(end(answer(a)));
    agent.observe(wrap(end(answer(a))));
    expect(clock.pending()).toBe(0);
    clock.advance(3_600_000);
    expect(agent.current()).toMatchObject({ state: 'after-call-work', afterCallWorkEndsAt: null });
    expect(agent.setState({ state: 'available' }).state).toBe('available');
  });

  it('stays on-call while a second line is live, and waits for every connected call to be wrapped up', () => {
    const { agent } = setup();
    const a = call();
    const b = call();
    agent.observe(answer(a));
    agent.observe(b);
    expect(agent.mayOffer(2)).toBe(false);
    agent.observe(answer(b));
    agent.observe(end(answer(a)));
    expect(agent.current().state).toBe('on-call');
    agent.observe(end(answer(b)));
    expect(agent.current().state).toBe('after-call-work');
    agent.observe(wrap(end(answer(b))));
    expect(agent.current().state).toBe('after-call-work'); // a is not wrapped up yet
    agent.observe(wrap(end(answer(a))));
    expect(agent.current().state).toBe('available');
  });

  it('does not wait for a consultation leg or a missed call to be wrapped up', () => {
    const { agent } = setup();
    const a = call();
    const consult = call({ direction: 'outbound', state: 'dialing', consultFor: a.callId });
    const missed = call();
    agent.observe(answer(a));
    agent.observe(consult);
    agent.observe(answer(consult));
    agent.observe(missed);
    agent.observe(end(missed));
    agent.observe(end(answer(consult)));
    agent.observe(end(answer(a)));
    expect(agent.current().state).toBe('after-call-work');
    agent.observe(wrap(end(answer(a))));
    expect(agent.current().state).toBe('available');
  });

  it('an outbound call connects when the far end answers, not while dialing', () => {
    const { agent } = setup();
    const out = call({ direction: 'outbound', state: 'dialing' });
    agent.observe(out);
    expect(agent.current().state).toBe('available');
    expect(agent.mayOffer(1)).toBe(false); // no inbound call rings over our dialing
    agent.observe(answer(out));
    expect(agent.current().state).toBe('on-call');
  });

  it('applies away chosen during a call when the call ends, and Ready makes the agent available', () => {
    const { agent } = setup();
    const a = call();
    agent.observe(answer(a));
    expect(agent.setState({ state: 'away', awayReason: 'Lunch' })).toMatchObject({ state: 'on-call', pending: { state: 'away', awayReason: 'Lunch' } });
    expect(agent.mayOffer(1)).toBe(false);
    agent.observe(end(answer(a)));
    expect(agent.current()).toMatchObject({ state: 'away', awayReason: 'Lunch', pending: null });
    expect(agent.mayOffer(0)).toBe(false);
    expect(agent.setState({ state: 'available' }).state).toBe('available');
  });

  it('refuses with ContractFailure codes and words for the agent, and publishes nothing', () => {
    const { agent, published } = setup();
    const a = call();
    agent.observe(answer(a));
    const before = published.length;
    const refusal = (() => {
      try {
        agent.setState({ state: 'available' });
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(refusal).toBeInstanceOf(ContractFailure);
    expect(refusal).toMatchObject({ code: 'conflict', message: expect.stringMatching(/on a call/) });
    expect(() => agent.setState({ state: 'away', awayReason: 'Nap' })).toThrow(expect.objectContaining({ code: 'invalid-payload' }));
    expect(published).toHaveLength(before);
  });

  it('publishes nothing when a choice changes nothing', () => {
    const { agent, published } = setup();
    agent.setState({ state: 'available' });
    expect(published).toHaveLength(0);
  });

  it('logs state names only: no caller number, no name, no reason', () => {
    const { agent, logger } = setup();
    const a = call();
    agent.observe(answer(a));
    agent.setState({ state: 'away', awayReason: 'Lunch' });
    agent.observe(end(answer(a)));
    const text = logger.lines.join('\n');
    expect(logger.lines.length).toBeGreaterThan(0);
    expect(text).toContain('"to":"away"');
    expect(text).not.toMatch(/6175550142|Maria|Lopez|Lunch/);
  });

  it('dispose clears the ACW timer', () => {
    const { agent, clock } = setup();
    const a = call();
    agent.observe(answer(a));
    agent.observe(end(answer(a)));
    expect(clock.pending()).toBe(1);
    agent.dispose();
    expect(clock.pending()).toBe(0);
  });
});
