import type { CallInfo, ScreenPop, User, WrapUpCode } from '../../src-preload/contract';
import type { PatientMatcher } from '../ehr/PatientMatcher';
import { toE164 } from '../ehr/patientSummary';
import type { EventHub } from '../ipc/EventHub';
import { ContractFailure } from '../ipc/ContractRouter';
import type { Logger } from '../log/logger';
import type { IncomingCall, TelephonyPort } from '../telephony/TelephonyPort';

export interface CallCoordinatorDeps {
  readonly port: TelephonyPort;
  readonly matcher: PatientMatcher;
  readonly events: EventHub;
  readonly logger: Logger;
  readonly serviceLineFor: (dnis: string) => string | null;
  readonly ivrLabel: (digit: string) => string;
  readonly now?: () => number;
}

/**
 * Owns the calls of this workstation. The screen pop starts the moment a call rings — not on answer — so
 * the candidates are on screen by the time the agent says hello.
 */
export class CallCoordinator {
  private readonly calls = new Map<string, CallInfo>();
  private readonly pops = new Map<string, ScreenPop>();
  private readonly lookups = new Map<string, Promise<ScreenPop>>();
  private readonly unsubscribe: Array<() => void>;
  private readonly now: () => number;

  constructor(private readonly deps: CallCoordinatorDeps) {
    this.now = deps.now ?? Date.now;
    this.unsubscribe = [
      deps.port.onIncoming((call) => this.onIncoming(call)),
      deps.port.onEnded((callId) => this.markEnded(callId)),
    ];
  }

  /** The call on screen: the newest one that has not ended, else the newest. */
  current(): CallInfo | null {
    const all = [...this.calls.values()].sort((a, b) => b.ringAt - a.ringAt);
    return all.find((c) => c.state !== 'ended') ?? all[0] ?? null;
  }

  screenPop(callId: string): ScreenPop | null {
    return this.pops.get(callId) ?? null;
  }

  /** Resolves when the ring-time lookup of this call is done (tests and benchmarks wait on it). */
  lookup(callId: string): Promise<ScreenPop> | undefined {
    return this.lookups.get(callId);
  }

  async answer(callId: string): Promise<CallInfo> {
    const call = this.require(callId);
    if (call.state !== 'ringing') throw new ContractFailure('conflict', `This call is already ${call.state}.`);
    await this.deps.port.answer(callId);
    return this.update(callId, { state: 'active', answeredAt: this.now() });
  }

  async hangUp(callId: string): Promise<CallInfo> {
    const call = this.require(callId);
    if (call.state === 'ended') return call;
    await this.deps.port.hangUp(callId);
    return this.update(callId, { state: 'ended', endedAt: this.now() });
  }

  /** Wrap-up ends the agent's work on a call: it hangs up if needed and records the code and who set it. */
  async wrapUp(callId: string, code: WrapUpCode, patientId: string | null, user: User): Promise<CallInfo> {
    const call = await this.hangUp(callId);
    if (call.wrapUp) throw new ContractFailure('conflict', 'This call is already wrapped up.');
    this.deps.logger.log('info', 'call.wrap-up', { code });
    return this.update(callId, { wrapUp: { code, at: this.now(), userId: user.id, patientId } });
  }

  dispose(): void {
    this.unsubscribe.forEach((u) => u());
  }

  private onIncoming(incoming: IncomingCall): void {
    const call: CallInfo = {
      callId: incoming.callId,
      source: this.deps.port.kind,
      state: 'ringing',
      from: { raw: incoming.fromRaw, e164: toE164(incoming.fromRaw), displayName: incoming.displayName },
      dialed: { dnis: incoming.dnis, serviceLineId: this.deps.serviceLineFor(incoming.dnis) },
      ivrChoice: incoming.ivrDigit ? { digit: incoming.ivrDigit, label: this.deps.ivrLabel(incoming.ivrDigit) } : null,
      ringAt: this.now(),
      answeredAt: null,
      endedAt: null,
    };
    this.calls.set(call.callId, call);
    this.deps.events.publish('call.incoming', call);
    this.lookups.set(call.callId, this.popScreen(call));
  }

  private async popScreen(call: CallInfo): Promise<ScreenPop> {
    const started = performance.now();
    let pop: ScreenPop;
    if (!call.from.e164) {
      pop = { callId: call.callId, matchedBy: 'none', candidates: [], lookupMs: 0, error: 'The caller number is withheld or not valid: search by name and date of birth.' };
    } else {
      try {
        const candidates = await this.deps.matcher.byPhone(call.from.e164);
        pop = { callId: call.callId, matchedBy: 'phone', candidates, lookupMs: performance.now() - started, error: null };
      } catch (error) {
        pop = {
          callId: call.callId,
          matchedBy: 'none',
          candidates: [],
          lookupMs: performance.now() - started,
          error: error instanceof Error ? `${error.message} Search by name and date of birth once the EHR is back.` : 'Lookup failed.',
        };
      }
    }
    this.pops.set(call.callId, pop);
    this.deps.logger.log('info', 'call.screen-pop', { candidates: pop.candidates.length, ms: Math.round(pop.lookupMs), matchedBy: pop.matchedBy });
    this.deps.events.publish('call.screenPop', pop);
    return pop;
  }

  private markEnded(callId: string): void {
    const call = this.calls.get(callId);
    if (call && call.state !== 'ended') this.update(callId, { state: 'ended', endedAt: this.now() });
  }

  private require(callId: string): CallInfo {
    const call = this.calls.get(callId);
    if (!call) throw new ContractFailure('not-found', 'That call is no longer known to this workstation.');
    return call;
  }

  private update(callId: string, patch: Partial<CallInfo>): CallInfo {
    const next = { ...this.require(callId), ...patch };
    this.calls.set(callId, next);
    this.deps.events.publish('call.updated', next);
    return next;
  }
}
