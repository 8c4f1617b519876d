import { describe, expect, it } from 'vitest';
import { AGENT_STATES, AgentState, type AgentStateName } from '../../src-preload/contract';
import { type AgentEvent, type AgentRules, type PendingChoice, initialAgentState, mayOffer, nextAgentState } from './agentStates';

const rules: AgentRules = { afterCallWorkSeconds: 60, awayReasons: ['Break', 'Lunch', 'Meeting'] };
const manual: AgentRules = { ...rules, afterCallWorkSeconds: 0 };
const T0 = 1_700_000_000_000;
const NOW = T0 + 5_000;

function agent(state: AgentStateName, patch: Partial<AgentState> = {}): AgentState {
  const base = initialAgentState(rules, T0);
  return {
    ...base,
    state,
    awayReason: state === 'away' ? 'Lunch' : null,
    afterCallWorkEndsAt: state === 'after-call-work' ? T0 + 60_000 : null,
    ...patch,
  };
}

const connected: AgentEvent = { type: 'call-connected' };
const ended = (liveCalls: number): AgentEvent => ({ type: 'call-ended', liveCalls });
const wrapped = (liveCalls: number, awaitingWrapUp: number): AgentEvent => ({ type: 'wrapped-up', liveCalls, awaitingWrapUp });
const chose = (state: 'available' | 'away' | 'do-not-disturb', awayReason?: string): AgentEvent => ({
  type: 'agent-chose',
  choice: awayReason === undefined ? { state } : { state, awayReason },
});
const away = (awayReason: string): PendingChoice => ({ state: 'away', awayReason });
const dnd: PendingChoice = { state: 'do-not-disturb', awayReason: null };

function step(from: AgentState, event: AgentEvent, r: AgentRules = rules, now = NOW) {
  const result = nextAgentState(from, event, r, now);
  // Every state the rules produce is one the contract accepts.
  if (result.kind !== 'refused') AgentState.parse(result.state);
  return result;
}

describe('mayOffer', () => {
  const table: Array<[AgentStateName, number, boolean]> = [
    ['available', 0, true],
    ['available', 1, false], // dialing out, or a call already ringing: one call at a time
    ['available', 2, false],
    ['on-call', 0, false],
    ['on-call', 1, true], // call waiting: a second line
    ['on-call', 2, false],
    ['after-call-work', 0, false],
    ['after-call-work', 1, false],
    ['away', 0, false],
    ['away', 1, false],
    ['do-not-disturb', 0, false],
    ['do-not-disturb', 1, false],
  ];
  it.each(table)('%s with %i live call(s) -> %s', (state, live, expected) => {
    expect(mayOffer(agent(state), live)).toBe(expected);
  });

  it('offers no call waiting to an agent who asked to go away after this call', () => {
    expect(mayOffer(agent('on-call', { pending: away('Lunch') }), 1)).toBe(false);
    expect(mayOffer(agent('on-call', { pending: dnd }), 1)).toBe(false);
  });

  it('covers every agent state', () => {
    expect(new Set(table.map(([s]) => s))).toEqual(new Set(AGENT_STATES));
  });
});

describe('nextAgentState: calls', () => {
  it('starts available, with the configured reasons and nothing pending', () => {
    expect(initialAgentState(rules, T0)).toEqual({
      state: 'available', since: T0, awayReason: null, afterCallWorkEndsAt: null, awayReasons: ['Break', 'Lunch', 'Meeting'], pending: null,
    });
  });

  it.each(AGENT_STATES)('a ringing call changes nothing when %s', (state) => {
    const from = agent(state);
    expect(step(from, { type: 'call-offered' })).toEqual({ kind: 'unchanged', state: from });
  });

  it('goes on-call when a call connects, from available (inbound or outbound alike)', () => {
    expect(step(agent('available'), connected)).toEqual({
      kind: 'changed',
      state: agent('on-call', { since: NOW, pending: null }),
    });
  });

  it('stays on-call, with the same start, when a second call connects', () => {
    const from = agent('on-call');
    expect(step(from, connected)).toEqual({ kind: 'unchanged', state: from });
  });

  it('stops the ACW clock when the agent calls back during after-call work', () => {
    const result = step(agent('after-call-work'), connected);
    expect(result).toMatchObject({ kind: 'changed', state: { state: 'on-call', since: NOW, afterCallWorkEndsAt: null, pending: null } });
  });

  it.each([
    ['away' as const, away('Lunch')],
    ['do-not-disturb' as const, dnd],
  ])('remembers %s as pending when the agent places a call from it, and goes back to it afterwards', (state, pending) => {
    const onCall = step(agent(state), connected);
    expect(onCall).toMatchObject({ kind: 'changed', state: { state: 'on-call', awayReason: null, pending } });
    if (onCall.kind !== 'changed') return;
    const after = step(onCall.state, ended(0), rules, NOW + 1000);
    expect(after).toMatchObject({ kind: 'changed', state: { state, awayReason: pending.awayReason, since: NOW + 1000, pending: null, afterCallWorkEndsAt: null } });
  });

  it('stays on-call while any call is live', () => {
    const from = agent('on-call');
    expect(step(from, ended(1))).toEqual({ kind: 'unchanged', state: from });
    expect(step(from, ended(2))).toEqual({ kind: 'unchanged', state: from });
  });

  it('goes to after-call work when the last call ends, ending after the configured seconds', () => {
    expect(step(agent('on-call'), ended(0))).toEqual({
      kind: 'changed',
      state: agent('after-call-work', { since: NOW, afterCallWorkEndsAt: NOW + 60_000 }),
    });
  });

  it('goes to after-call work with no end when the agent returns by hand (0 seconds)', () => {
    expect(step(agent('on-call'), ended(0), manual)).toMatchObject({ kind: 'changed', state: { state: 'after-call-work', afterCallWorkEndsAt: null } });
  });

  it('applies a pending away or do-not-disturb instead of after-call work', () => {
    expect(step(agent('on-call', { pending: away('Break') }), ended(0))).toEqual({
      kind: 'changed',
      state: agent('away', { since: NOW, awayReason: 'Break', pending: null }),
    });
    expect(step(agent('on-call', { pending: dnd }), ended(0))).toMatchObject({ kind: 'changed', state: { state: 'do-not-disturb', awayReason: null, pending: null } });
  });

  it.each(['available', 'after-call-work', 'away', 'do-not-disturb'] as const)(
    'a call that never connected ends without changing %s',
    (state) => {
      const from = agent(state);
      expect(step(from, ended(0))).toEqual({ kind: 'unchanged', state: from });
    },
  );
});

describe('nextAgentState: wrap-up and the ACW timer', () => {
  const acw = agent('after-call-work', { since: T0, afterCallWorkEndsAt: T0 + 60_000 });

  it('wrap-up of the last call ends an auto-returning ACW early: the agent is available', () => {
    expect(step(acw, wrapped(0, 0))).toEqual({ kind: 'changed', state: agent('available', { since: NOW }) });
  });

  it.each([
    ['a call is still live', wrapped(1, 0)],
    ['another ended call still waits for its wrap-up', wrapped(0, 1)],
  ])('wrap-up keeps ACW when %s', (_why, event) => {
    expect(step(acw, event)).toEqual({ kind: 'unchanged', state: acw });
  });

  it('wrap-up keeps a manual ACW: the agent says Ready', () => {
    const manualAcw = agent('after-call-work', { afterCallWorkEndsAt: null });
    expect(step(manualAcw, wrapped(0, 0), manual)).toEqual({ kind: 'unchanged', state: manualAcw });
  });

  it.each(['available', 'on-call', 'away', 'do-not-disturb'] as const)('wrap-up changes nothing when %s', (state) => {
    const from = agent(state);
    expect(step(from, wrapped(0, 0))).toEqual({ kind: 'unchanged', state: from });
  });

  it('the ACW timer makes the agent available at its end, not before, and only in ACW', () => {
    expect(step(acw, { type: 'acw-expired' }, rules, T0 + 59_999)).toEqual({ kind: 'unchanged', state: acw });
    expect(step(acw, { type: 'acw-expired' }, rules, T0 + 60_000)).toEqual({ kind: 'changed', state: agent('available', { since: T0 + 60_000 }) });
    const manualAcw = agent('after-call-work', { afterCallWorkEndsAt: null });
    expect(step(manualAcw, { type: 'acw-expired' }, rules, T0 + 999_999)).toEqual({ kind: 'unchanged', state: manualAcw });
    for (const state of ['available', 'on-call', 'away', 'do-not-disturb'] as const) {
      expect(step(agent(state), { type: 'acw-expired' }, rules, T0 + 999_999).kind).toBe('unchanged');
    }
  });
});

describe("nextAgentState: the agent's choices", () => {
  type Row = [from: AgentStateName, event: AgentEvent, expected: Partial<AgentState> | 'unchanged' | RegExp];
  const table: Row[] = [
    // Ready / Available
    ['available', chose('available'), 'unchanged'],
    ['after-call-work', chose('available'), { state: 'available', since: NOW, afterCallWorkEndsAt: null }],
    ['away', chose('available'), { state: 'available', since: NOW, awayReason: null }],
    ['do-not-disturb', chose('available'), { state: 'available', since: NOW }],
    ['on-call', chose('available'), /on a call/],
    // Away needs a configured reason
    ['available', chose('away', 'Lunch'), { state: 'away', awayReason: 'Lunch', since: NOW }],
    ['available', chose('away', ' Lunch '), { state: 'away', awayReason: 'Lunch' }],
    ['after-call-work', chose('away', 'Break'), { state: 'away', awayReason: 'Break', afterCallWorkEndsAt: null }],
    ['do-not-disturb', chose('away', 'Meeting'), { state: 'away', awayReason: 'Meeting' }],
    ['away', chose('away', 'Lunch'), 'unchanged'],
    ['away', chose('away', 'Break'), { state: 'away', awayReason: 'Break', since: NOW }],
    ['available', chose('away'), /Say why you are away: Break, Lunch, Meeting/],
    ['available', chose('away', 'Nap'), /Say why you are away/],
    ['available', chose('away', 'lunch'), /Say why you are away/],
    ['on-call', chose('away', 'Nap'), /Say why you are away/],
    // Do not disturb
    ['available', chose('do-not-disturb'), { state: 'do-not-disturb', awayReason: null, since: NOW }],
    ['away', chose('do-not-disturb'), { state: 'do-not-disturb', awayReason: null }],
    ['after-call-work', chose('do-not-disturb'), { state: 'do-not-disturb', afterCallWorkEndsAt: null }],
    ['do-not-disturb', chose('do-not-disturb'), 'unchanged'],
    // Only away takes a reason
    ['available', chose('do-not-disturb', 'Lunch'), /only when you are away, not for do not disturb/],
    ['away', chose('available', 'Lunch'), /only when you are away/],
    // During a call: away / do-not-disturb wait for the end of the call
    ['on-call', chose('away', 'Lunch'), { state: 'on-call', since: T0, pending: away('Lunch') }],
    ['on-call', chose('do-not-disturb'), { state: 'on-call', since: T0, pending: dnd }],
  ];
  it.each(table)('%s + %j', (from, event, expected) => {
    const start = agent(from);
    const result = step(start, event);
    if (expected === 'unchanged') expect(result).toEqual({ kind: 'unchanged', state: start });
    else if (expected instanceof RegExp) expect(result).toMatchObject({ kind: 'refused', message: expect.stringMatching(expected) });
    else expect(result).toMatchObject({ kind: 'changed', state: { ...expected, awayReasons: rules.awayReasons } });
  });

  it('refuses with the contract code the service throws', () => {
    expect(step(agent('on-call'), chose('available'))).toMatchObject({ kind: 'refused', code: 'conflict' });
    expect(step(agent('available'), chose('away', 'Nap'))).toMatchObject({ kind: 'refused', code: 'invalid-payload' });
    expect(step(agent('available'), chose('available', 'Lunch'))).toMatchObject({ kind: 'refused', code: 'invalid-payload' });
  });

  it('during a call: changes a pending choice, repeats it without change, and Available cancels it', () => {
    const pendingLunch = agent('on-call', { pending: away('Lunch') });
    expect(step(pendingLunch, chose('away', 'Lunch'))).toEqual({ kind: 'unchanged', state: pendingLunch });
    expect(step(pendingLunch, chose('do-not-disturb'))).toMatchObject({ kind: 'changed', state: { state: 'on-call', pending: dnd } });
    const cancelled = step(pendingLunch, chose('available'));
    expect(cancelled).toMatchObject({ kind: 'changed', state: { state: 'on-call', since: T0, pending: null } });
    // ...and the call then ends in after-call work, as any call taken while available.
    if (cancelled.kind === 'changed') expect(step(cancelled.state, ended(0))).toMatchObject({ state: { state: 'after-call-work' } });
  });
});

describe('nextAgentState: a day in the life', () => {
  it('available -> call -> second line -> ACW -> wrap-up -> available -> away after a call -> away', () => {
    let state = initialAgentState(rules, T0);
    let t = T0;
    const run = (event: AgentEvent, r = rules) => {
      t += 1000;
      const result = step(state, event, r, t);
      if (result.kind === 'refused') throw new Error(result.message);
      state = result.state;
      return state.state;
    };
    expect(mayOffer(state, 0)).toBe(true);
    expect(run({ type: 'call-offered' })).toBe('available');
    expect(run(connected)).toBe('on-call');
    expect(mayOffer(state, 1)).toBe(true);
    expect(run({ type: 'call-offered' })).toBe('on-call');
    expect(mayOffer(state, 2)).toBe(false);
    expect(run(connected)).toBe('on-call');
    expect(run(ended(1))).toBe('on-call');
    expect(run(wrapped(1, 0))).toBe('on-call');
    expect(run(ended(0))).toBe('after-call-work');
    expect(mayOffer(state, 0)).toBe(false);
    expect(run(wrapped(0, 0))).toBe('available');
    expect(run(connected)).toBe('on-call');
    expect(run(chose('away', 'Meeting'))).toBe('on-call');
    expect(run(ended(0))).toBe('away');
    expect(state.awayReason).toBe('Meeting');
    expect(run(chose('available'))).toBe('available');
  });
});
