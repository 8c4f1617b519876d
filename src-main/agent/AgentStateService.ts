import type { AgentState, CallInfo, SetAgentStateRequest } from '../../src-preload/contract';
import type { CallOfferPolicy } from '../calls/CallCoordinator';
import { ContractFailure } from '../ipc/ContractRouter';
import type { EventHub } from '../ipc/EventHub';
import type { Logger } from '../log/logger';
import { type AgentEvent, type AgentRules, initialAgentState, mayOffer, nextAgentState } from './agentStates';

/** Time and one-shot timers, injected so tests drive the after-call-work auto-return without waiting. */
export interface AgentClock {
  now(): number;
  /** Runs `fire` after `ms`; the returned function cancels it. */
  after(ms: number, fire: () => void): () => void;
}

export const systemClock: AgentClock = {
  now: () => Date.now(),
  after(ms, fire) {
    const timer = setTimeout(fire, ms);
    return () => clearTimeout(timer);
  },
};

export interface AgentStateServiceDeps {
  readonly events: EventHub;
  readonly logger: Logger;
  readonly rules: AgentRules;
  readonly clock?: AgentClock;
}

/** What the service remembers of each call, to turn CallInfo snapshots into agent events. */
interface TrackedCall {
  readonly ended: boolean;
  readonly connected: boolean;
  readonly wrapped: boolean;
  /** A consultation leg (attended transfer) is never wrapped up on its own. */
  readonly consult: boolean;
}

/**
 * The agent's availability in main: decides which calls are offered (CallOfferPolicy), follows the calls
 * (a CallObserver), takes the agent's choices, and runs the after-call-work timer. The rules themselves are
 * the pure functions in agentStates.ts. Every change is published as the `agent.state` event; the log gets
 * state names only (no caller, no reason text).
 */
export class AgentStateService implements CallOfferPolicy {
  private state: AgentState;
  private readonly calls = new Map<string, TrackedCall>();
  private readonly clock: AgentClock;
  private cancelTimer: (() => void) | null = null;

  constructor(private readonly deps: AgentStateServiceDeps) {
    this.clock = deps.clock ?? systemClock;
    this.state = initialAgentState(deps.rules, this.clock.now());
  }

  current(): AgentState {
    return this.state;
  }

  mayOffer(liveCalls: number): boolean {
    return mayOffer(this.state, liveCalls);
  }

  /** The agent's choice; a refusal is thrown with words for the agent. */
  setState(request: SetAgentStateRequest): AgentState {
    const result = nextAgentState(this.state, { type: 'agent-chose', choice: request }, this.deps.rules, this.clock.now());
    if (result.kind === 'refused') throw new ContractFailure(result.code, result.message);
    if (result.kind === 'changed') this.apply(result.state, 'agent');
    return this.state;
  }

  /** A CallObserver (bound, so it can be handed to the coordinator as is): one call changed. */
  readonly observe = (call: CallInfo): void => {
    const before = this.calls.get(call.callId);
    const now: TrackedCall = {
      ended: call.state === 'ended',
      connected: call.answeredAt !== null || call.state === 'active',
      wrapped: Boolean(call.wrapUp),
      consult: call.consultFor !== null,
    };
    this.calls.set(call.callId, now);

    if (!before && call.state === 'ringing') this.feed({ type: 'call-offered' }, 'call');
    if (now.connected && !now.ended && !before?.connected) this.feed({ type: 'call-connected' }, 'call');
    if (now.ended && !before?.ended) this.feed({ type: 'call-ended', liveCalls: this.liveCalls() }, 'call');
    if (now.wrapped && !before?.wrapped) {
      this.feed({ type: 'wrapped-up', liveCalls: this.liveCalls(), awaitingWrapUp: this.awaitingWrapUp() }, 'call');
    }
    this.forgetFinishedCalls();
  };

  dispose(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  private feed(event: AgentEvent, cause: 'call' | 'timer'): void {
    const result = nextAgentState(this.state, event, this.deps.rules, this.clock.now());
    // Call events and the timer are never refused; a refusal here would be a rules bug, so it is logged.
    if (result.kind === 'refused') this.deps.logger.log('warn', 'agent.event-refused', { event: event.type });
    else if (result.kind === 'changed') this.apply(result.state, cause);
  }

  private apply(next: AgentState, cause: 'agent' | 'call' | 'timer'): void {
    const from = this.state.state;
    this.state = next;
    this.armTimer();
    if (from !== next.state) this.deps.logger.log('info', 'agent.state', { from, to: next.state, cause });
    this.deps.events.publish('agent.state', next);
  }

  /** One timer at most: the end of the current after-call work, re-armed on every change. */
  private armTimer(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    const endsAt = this.state.state === 'after-call-work' ? this.state.afterCallWorkEndsAt : null;
    if (endsAt === null) return;
    this.cancelTimer = this.clock.after(Math.max(0, endsAt - this.clock.now()), () => {
      this.cancelTimer = null;
      this.feed({ type: 'acw-expired' }, 'timer');
    });
  }

  private liveCalls(): number {
    let live = 0;
    for (const call of this.calls.values()) if (!call.ended) live += 1;
    return live;
  }

  /** Connected calls that ended without a wrap-up (consultation legs are never wrapped up on their own). */
  private awaitingWrapUp(): number {
    let waiting = 0;
    for (const call of this.calls.values()) if (call.ended && call.connected && !call.wrapped && !call.consult) waiting += 1;
    return waiting;
  }

  /**
   * Keeps the map small: a finished call is dropped once it no longer matters (wrapped up, or never connected),
   * and every ended call is dropped once the agent is out of the call/ACW cycle, so a call nobody wraps up
   * cannot hold the next ACW open forever.
   */
  private forgetFinishedCalls(): void {
    const idle = this.state.state !== 'on-call' && this.state.state !== 'after-call-work';
    for (const [callId, call] of this.calls) {
      if (call.ended && (idle || call.wrapped || !call.connected || call.consult)) this.calls.delete(callId);
    }
  }
}
