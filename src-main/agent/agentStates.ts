import type { AgentState, SetAgentStateRequest } from '../../src-preload/contract';

/**
 * The agent-state rules, as pure functions: no timers, no I/O, the time passed in. AgentStateService feeds
 * them call events and the agent's choices, runs the after-call-work timer and publishes the result.
 *
 * Decisions (what a contact-center agent expects, and why):
 * - Ringing changes nothing: there is no "reserved" state. Whether a call may ring at all is `mayOffer`.
 * - A call that connects (inbound answered, outbound answered) makes the agent on-call, from any state: an
 *   agent who is away may still place a call (a callback during a meeting).
 * - On-call lasts while any call is live (a second line, a consultation, a held caller).
 * - When the last call ends the agent goes to after-call work (ACW), ending at now + the configured seconds, or
 *   with no end (null) when the configuration says 0 = the agent returns by hand ("Ready").
 * - Away or do-not-disturb chosen during a call does not cut the call: it is remembered as `pending` and applies
 *   when the last call ends, instead of ACW (the agent wraps up while away; no call is offered either way).
 *   An agent who was away or in do-not-disturb when a call connected gets the same: that state becomes
 *   `pending`, so after the callback they are back in their meeting, not made available by surprise.
 * - Wrap-up of the last call ends ACW early and makes the agent available, but only when ACW returns by itself
 *   (a timer is configured): the agent is done, waiting out the timer would only idle the queue. With manual
 *   return (0) the centre chose to let agents decide, so wrap-up leaves them in ACW until "Ready". Because away
 *   and do-not-disturb become `pending` instead of ACW, ACW only ever follows a call the agent took while
 *   available (or while in ACW after such a call): "available before the call" holds whenever this applies.
 * - The agent may choose Available ("Ready") from ACW, away or do-not-disturb, but not during a call; during a
 *   call, choosing Available only cancels a pending away/do-not-disturb (they change their mind). Away needs one
 *   of the configured reasons; no other state takes a reason.
 */

export type AgentChoice = SetAgentStateRequest;
export type PendingChoice = NonNullable<AgentState['pending']>;

export type AgentEvent =
  /** A call rings this workstation (inbound). */
  | { readonly type: 'call-offered' }
  /** A call was answered (by us, or by the far end of our outbound call). */
  | { readonly type: 'call-connected' }
  /** A call ended; `liveCalls` = calls still not ended after it. */
  | { readonly type: 'call-ended'; readonly liveCalls: number }
  /** A call was wrapped up; `liveCalls` as above, `awaitingWrapUp` = connected calls that ended without one. */
  | { readonly type: 'wrapped-up'; readonly liveCalls: number; readonly awaitingWrapUp: number }
  /** The ACW timer fired (it may be stale: the state is checked again). */
  | { readonly type: 'acw-expired' }
  | { readonly type: 'agent-chose'; readonly choice: AgentChoice };

export interface AgentRules {
  readonly afterCallWorkSeconds: number;
  readonly awayReasons: readonly string[];
}

export type Transition =
  | { readonly kind: 'changed'; readonly state: AgentState }
  | { readonly kind: 'unchanged'; readonly state: AgentState }
  /** Refused, with words for the agent; `code` is the contract error code the service throws. */
  | { readonly kind: 'refused'; readonly code: 'conflict' | 'invalid-payload'; readonly message: string };

/** The state at start-up: available, so the demo line (and a real queue) can offer calls right away. */
export function initialAgentState(rules: AgentRules, now: number): AgentState {
  return { state: 'available', since: now, awayReason: null, afterCallWorkEndsAt: null, awayReasons: [...rules.awayReasons], pending: null };
}

/** Whether a new call may ring: an available agent with no call, or an on-call agent on exactly one (call waiting). */
export function mayOffer(agent: Pick<AgentState, 'state' | 'pending'>, liveCalls: number): boolean {
  if (agent.state === 'available') return liveCalls === 0;
  // An agent who asked to go away after this call gets no second call that would keep them on the line.
  if (agent.state === 'on-call') return liveCalls === 1 && !agent.pending;
  return false;
}

export function nextAgentState(current: AgentState, event: AgentEvent, rules: AgentRules, now: number): Transition {
  switch (event.type) {
    case 'call-offered':
      return unchanged(current);
    case 'call-connected':
      return onConnected(current, now);
    case 'call-ended':
      return onEnded(current, event.liveCalls, rules, now);
    case 'wrapped-up':
      // Only an ACW that returns by itself is shortened by wrap-up (see the decisions above).
      if (current.state !== 'after-call-work' || current.afterCallWorkEndsAt === null) return unchanged(current);
      if (event.liveCalls > 0 || event.awaitingWrapUp > 0) return unchanged(current);
      return changed(current, { state: 'available', since: now, awayReason: null, afterCallWorkEndsAt: null, pending: null });
    case 'acw-expired':
      if (current.state !== 'after-call-work' || current.afterCallWorkEndsAt === null || now < current.afterCallWorkEndsAt) return unchanged(current);
      return changed(current, { state: 'available', since: now, awayReason: null, afterCallWorkEndsAt: null, pending: null });
    case 'agent-chose':
      return onChoice(current, event.choice, rules, now);
  }
}

function onConnected(current: AgentState, now: number): Transition {
  if (current.state === 'on-call') return unchanged(current);
  // Away / do-not-disturb before the call is where the agent goes back to afterwards.
  const pending: PendingChoice | null =
    current.state === 'away' || current.state === 'do-not-disturb' ? { state: current.state, awayReason: current.awayReason } : null;
  return changed(current, { state: 'on-call', since: now, awayReason: null, afterCallWorkEndsAt: null, pending });
}

function onEnded(current: AgentState, liveCalls: number, rules: AgentRules, now: number): Transition {
  // A call that never connected (missed, declined, unanswered outbound) ends without changing an idle state.
  if (current.state !== 'on-call' || liveCalls > 0) return unchanged(current);
  if (current.pending) {
    return changed(current, { state: current.pending.state, since: now, awayReason: current.pending.awayReason, afterCallWorkEndsAt: null, pending: null });
  }
  const endsAt = rules.afterCallWorkSeconds > 0 ? now + rules.afterCallWorkSeconds * 1000 : null;
  return changed(current, { state: 'after-call-work', since: now, awayReason: null, afterCallWorkEndsAt: endsAt, pending: null });
}

function onChoice(current: AgentState, choice: AgentChoice, rules: AgentRules, now: number): Transition {
  if (choice.state !== 'away' && choice.awayReason !== undefined) {
    return refused('invalid-payload', `A reason is given only when you are away, not for ${label(choice.state)}.`);
  }
  if (choice.state === 'away') {
    const reason = rules.awayReasons.find((r) => r === choice.awayReason?.trim());
    if (!reason) return refused('invalid-payload', `Say why you are away: ${rules.awayReasons.join(', ')}.`);
    return goTo(current, { state: 'away', awayReason: reason }, now);
  }
  if (choice.state === 'do-not-disturb') return goTo(current, { state: 'do-not-disturb', awayReason: null }, now);

  // Available ("Ready").
  if (current.state === 'on-call') {
    if (current.pending) return changed(current, { pending: null });
    return refused('conflict', 'You are on a call: you can be available once it has ended.');
  }
  if (current.state === 'available') return unchanged(current);
  return changed(current, { state: 'available', since: now, awayReason: null, afterCallWorkEndsAt: null, pending: null });
}

/** Away / do-not-disturb: now, or after the call when on one. Choosing the state one is already in changes nothing. */
function goTo(current: AgentState, target: PendingChoice, now: number): Transition {
  if (current.state === 'on-call') {
    if (current.pending?.state === target.state && current.pending.awayReason === target.awayReason) return unchanged(current);
    return changed(current, { pending: target });
  }
  if (current.state === target.state && current.awayReason === target.awayReason) return unchanged(current);
  return changed(current, { state: target.state, since: now, awayReason: target.awayReason, afterCallWorkEndsAt: null, pending: null });
}

function label(state: AgentChoice['state']): string {
  return state === 'do-not-disturb' ? 'do not disturb' : state;
}

function changed(current: AgentState, patch: Partial<AgentState>): Transition {
  return { kind: 'changed', state: { ...current, ...patch } };
}

function unchanged(current: AgentState): Transition {
  return { kind: 'unchanged', state: current };
}

function refused(code: 'conflict' | 'invalid-payload', message: string): Transition {
  return { kind: 'refused', code, message };
}
