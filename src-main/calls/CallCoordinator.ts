import type { CallInfo, NoVisitReason, PatientSummary, ScreenPop, User, WrapUpCode } from '../../src-preload/contract';
import { type AuditSink, recordAudit, searchDetail } from '../audit/AuditLog';
import { FhirError } from '../ehr/FhirClient';
import { toE164 } from '../ehr/patientSummary';
import type { EventHub } from '../ipc/EventHub';
import { ContractFailure } from '../ipc/ContractRouter';
import type { Logger } from '../log/logger';
import { randomUUID } from 'node:crypto';
import { type IncomingCall, type TelephonyEvent, type TelephonyPort, TelephonyRefusal } from '../telephony/TelephonyPort';
import type { HandoffResolver } from './EscalationHandoffReader';

/**
 * Whether a new call may ring this workstation, given how many calls are live (the agent-state service
 * answers: an available agent, or an agent on one call with call waiting). Refused calls get 486 Busy Here.
 */
export interface CallOfferPolicy {
  mayOffer(liveCalls: number): boolean;
}

/** Told about every change of a call (agent state follows calls; the call log records them). */
export type CallObserver = (call: CallInfo) => void;

export interface CallCoordinatorDeps {
  readonly port: TelephonyPort;
  /**
   * The ring-time lookup by the caller's number (the phone index and the EHR's own search). It may add a note
   * for the agent, e.g. that this EHR cannot search by phone.
   */
  readonly matcher: { byPhone(e164: string): Promise<PatientSummary[] | { candidates: PatientSummary[]; note: string | null; cachedAt?: number | null }> };
  readonly events: EventHub;
  readonly logger: Logger;
  readonly serviceLineFor: (dnis: string) => string | null;
  readonly ivrLabel: (digit: string) => string;
  readonly now?: () => number;
  readonly offerPolicy?: CallOfferPolicy;
  readonly observers?: readonly CallObserver[];
  /** The HIPAA access log: the ring-time lookup is a search of the EHR by the caller's phone number. */
  readonly audit?: AuditSink;
  /** Who the ring-time lookup is done for (the signed-in user); null before sign-in, audited as 'system'. */
  readonly currentUser?: () => User | null;
  /**
   * The EHR health watch: since when it has been unreachable (null: not known to be down), and a nudge to check
   * now when the ring-time lookup could not reach it, so the status line and the pop tell the same story.
   */
  readonly ehrHealth?: { unreachableSince(): number | null; recheck(): void };
  /**
   * Resolves the escalation context a warm transfer brings (the context id of its INVITE) against the EHR.
   * Absent: such calls pop by phone like any other.
   */
  readonly handoffs?: HandoffResolver;
}

/**
 * Owns the calls of this workstation. The screen pop starts the moment a call rings — not on answer — so
 * the candidates are on screen by the time the agent says hello.
 */
export class CallCoordinator {
  private readonly calls = new Map<string, CallInfo>();
  private readonly pops = new Map<string, ScreenPop>();
  private readonly lookups = new Map<string, Promise<ScreenPop>>();
  /** Calls escalated for a warm transfer here: call id -> the escalation's context id (its documentation id). */
  private readonly escalations = new Map<string, string>();
  /** Calls that arrived as a warm transfer: call id -> the context id their INVITE carried. */
  private readonly arrivedWith = new Map<string, string>();
  private readonly unsubscribe: Array<() => void>;
  private readonly now: () => number;

  constructor(private readonly deps: CallCoordinatorDeps) {
    this.now = deps.now ?? Date.now;
    this.unsubscribe = [deps.port.onEvent((event) => this.onPortEvent(event))];
  }

  /** The call on screen: the newest one that has not ended, else the newest. */
  current(): CallInfo | null {
    const all = [...this.calls.values()].sort((a, b) => b.ringAt - a.ringAt);
    return all.find((c) => c.state !== 'ended') ?? all[0] ?? null;
  }

  /** Calls that have not ended, newest first (a second line, a consultation). */
  live(): CallInfo[] {
    return [...this.calls.values()].filter((c) => c.state !== 'ended').sort((a, b) => b.ringAt - a.ringAt);
  }

  get(callId: string): CallInfo | null {
    return this.calls.get(callId) ?? null;
  }

  screenPop(callId: string): ScreenPop | null {
    return this.pops.get(callId) ?? null;
  }

  /**
   * The caller lookup again, for a call still live (the EHR came back after the ring-time lookup could not reach
   * it). A lookup already running is awaited rather than doubled.
   */
  async lookUpAgain(callId: string): Promise<ScreenPop> {
    const call = this.calls.get(callId);
    if (!call || call.state === 'ended') throw new ContractFailure('not-found', 'This call has ended: there is nobody to look up.');
    const running = this.lookups.get(callId);
    if (running && !this.pops.has(callId)) return running;
    const lookup = this.popScreen(call);
    this.lookups.set(callId, lookup);
    return lookup;
  }

  /** Resolves when the ring-time lookup of this call is done (tests and benchmarks wait on it). */
  lookup(callId: string): Promise<ScreenPop> | undefined {
    return this.lookups.get(callId);
  }

  async answer(callId: string): Promise<CallInfo> {
    const call = this.require(callId);
    if (call.state !== 'ringing') throw new ContractFailure('conflict', `This call is already ${call.state}.`);
    // Answering a second line puts the first on hold, as every desk phone does.
    for (const other of this.live()) if (other.callId !== callId && other.state === 'active' && !other.held) await this.hold(other.callId, true);
    await this.port((p) => p.answer(callId));
    const answered = this.update(callId, { state: 'active', answeredAt: this.now() });
    this.retryHandoffPop(answered);
    return answered;
  }

  /**
   * A warm transfer whose escalation the EHR did not have at ring time (still in the transferring desk's outbox,
   * or the EHR was slow) is looked up once more when answered: by then it has usually arrived.
   */
  private retryHandoffPop(call: CallInfo): void {
    const pop = this.pops.get(call.callId);
    if (!this.arrivedWith.has(call.callId) || !pop || pop.handoff) return;
    this.lookups.set(call.callId, this.popScreen(call));
  }

  async decline(callId: string): Promise<CallInfo> {
    const call = this.require(callId);
    if (call.state !== 'ringing') throw new ContractFailure('conflict', `Only a ringing call can be declined; this one is ${call.state}.`);
    await this.port((p) => p.decline(callId));
    return this.update(callId, { state: 'ended', endedAt: this.now(), endReason: 'Declined' });
  }

  async hangUp(callId: string): Promise<CallInfo> {
    const call = this.require(callId);
    if (call.state === 'ended') return call;
    await this.port((p) => p.hangUp(callId));
    return this.update(callId, { state: 'ended', endedAt: this.now(), endReason: call.state === 'active' ? 'You hung up' : 'Cancelled' });
  }

  /**
   * The escalation of this call was documented for a warm transfer: its context id (the documentation's
   * client id, also the Task's identifier in the EHR) goes with any consultation of the call from now on. Only
   * a live call of this workstation takes one; the id is opaque, the EHR holds the context itself.
   */
  recordEscalation(callId: string, contextId: string): boolean {
    const call = this.calls.get(callId);
    if (!call || call.state === 'ended') return false;
    this.escalations.set(callId, contextId);
    return true;
  }

  /** The escalation context id a consultation of this call carries (null: none documented). */
  escalationOf(callId: string): string | null {
    return this.escalations.get(callId) ?? null;
  }

  /** Places a call. Any call in progress is put on hold first. */
  async dial(target: string, consultFor: string | null = null): Promise<CallInfo> {
    for (const other of this.live()) if (other.state === 'active' && !other.held) await this.hold(other.callId, true);
    const call: CallInfo = {
      callId: randomUUID(),
      source: this.deps.port.kind,
      state: 'dialing',
      direction: 'outbound',
      held: false,
      consultFor,
      endReason: null,
      from: { raw: target, e164: toE164(target), displayName: null },
      dialed: { dnis: target, serviceLineId: null },
      ivrChoice: null,
      ringAt: this.now(),
      answeredAt: null,
      endedAt: null,
    };
    this.calls.set(call.callId, call);
    this.deps.events.publish('call.updated', call);
    this.notify(call);
    // Context travels with the call: consulting about an escalated call sends the escalation's context id.
    const contextId = consultFor ? this.escalations.get(consultFor) : undefined;
    try {
      await (contextId ? this.deps.port.dial(call.callId, target, { contextId }) : this.deps.port.dial(call.callId, target));
    } catch (error) {
      this.update(call.callId, { state: 'ended', endedAt: this.now(), endReason: 'The call could not be placed' });
      throw toFailure(error);
    }
    return this.require(call.callId);
  }

  async hold(callId: string, hold: boolean): Promise<CallInfo> {
    const call = this.require(callId);
    if (call.state !== 'active') throw new ContractFailure('conflict', `Only a connected call can be ${hold ? 'held' : 'resumed'}.`);
    if (call.held === hold) return call;
    if (!hold) for (const other of this.live()) if (other.callId !== callId && other.state === 'active' && !other.held) await this.hold(other.callId, true);
    await this.port((p) => p.hold(callId, hold));
    return this.update(callId, { held: hold });
  }

  async sendDtmf(callId: string, tones: string): Promise<void> {
    const call = this.require(callId);
    if (call.state !== 'active') throw new ContractFailure('conflict', 'Tones can be sent only on a connected call.');
    await this.port((p) => p.sendDtmf(callId, tones));
  }

  async blindTransfer(callId: string, target: string): Promise<CallInfo> {
    const call = this.require(callId);
    if (call.state !== 'active') throw new ContractFailure('conflict', 'Only a connected call can be transferred.');
    await this.port((p) => p.blindTransfer(callId, target));
    this.deps.logger.log('info', 'call.blind-transfer', {});
    return this.require(callId);
  }

  /** Attended transfer, step 1: the caller goes on hold and we call the target. */
  async consult(callId: string, target: string): Promise<CallInfo> {
    const call = this.require(callId);
    if (call.state !== 'active') throw new ContractFailure('conflict', 'Only a connected call can be transferred.');
    return this.dial(target, callId);
  }

  /** Attended transfer, step 2: the caller is joined to the consulted party; both our legs end. */
  async completeTransfer(callId: string, consultCallId: string): Promise<CallInfo> {
    const call = this.require(callId);
    const consult = this.require(consultCallId);
    if (call.state !== 'active' || consult.state !== 'active') {
      throw new ContractFailure('conflict', 'Both the caller and the consulted party must be connected to complete the transfer.');
    }
    await this.port((p) => p.completeTransfer(callId, consultCallId));
    this.deps.logger.log('info', 'call.attended-transfer', {});
    return this.require(callId);
  }

  /**
   * Wrap-up ends the agent's work on a call: it hangs up if needed and records the code and who set it, and
   * why no visit was booked when the disposition called for one.
   */
  async wrapUp(callId: string, code: WrapUpCode, patientId: string | null, user: User, noVisitReason: NoVisitReason | null = null): Promise<CallInfo> {
    const call = await this.hangUp(callId);
    if (call.wrapUp) throw new ContractFailure('conflict', 'This call is already wrapped up.');
    this.deps.logger.log('info', 'call.wrap-up', { code, ...(noVisitReason ? { noVisit: noVisitReason.code } : {}) });
    return this.update(callId, { wrapUp: { code, at: this.now(), userId: user.id, patientId, ...(noVisitReason ? { noVisitReason } : {}) } });
  }

  dispose(): void {
    this.unsubscribe.forEach((u) => u());
  }

  private onPortEvent(event: TelephonyEvent): void {
    switch (event.type) {
      case 'incoming':
        return this.onIncoming(event.call);
      case 'answered':
        if (this.calls.get(event.callId)?.state === 'dialing') this.update(event.callId, { state: 'active', answeredAt: this.now() });
        return;
      case 'ended':
        return this.markEnded(event.callId, event.reason);
      case 'party':
        if (this.calls.has(event.callId)) this.update(event.callId, { from: { raw: event.fromRaw, e164: toE164(event.fromRaw), displayName: event.displayName } });
        return;
      case 'status':
        return;
    }
  }

  private onIncoming(incoming: IncomingCall): void {
    if (this.deps.offerPolicy && !this.deps.offerPolicy.mayOffer(this.live().length)) {
      // Not offered: the agent is away, in after-call work or already on the line. The queue tries someone else.
      this.deps.logger.log('info', 'call.not-offered', {});
      void this.deps.port.decline(incoming.callId).catch(() => undefined);
      return;
    }
    const call: CallInfo = {
      callId: incoming.callId,
      source: this.deps.port.kind,
      state: 'ringing',
      direction: 'inbound',
      held: false,
      consultFor: null,
      endReason: null,
      from: { raw: incoming.fromRaw, e164: toE164(incoming.fromRaw), displayName: incoming.displayName },
      dialed: { dnis: incoming.dnis, serviceLineId: this.deps.serviceLineFor(incoming.dnis) },
      ivrChoice: incoming.ivrDigit ? { digit: incoming.ivrDigit, label: this.deps.ivrLabel(incoming.ivrDigit) } : null,
      ringAt: this.now(),
      answeredAt: null,
      endedAt: null,
    };
    this.calls.set(call.callId, call);
    if (incoming.contextId) this.arrivedWith.set(call.callId, incoming.contextId);
    this.deps.events.publish('call.incoming', call);
    this.notify(call);
    this.lookups.set(call.callId, this.popScreen(call));
  }

  /** When the EHR went down as the health watch saw it, else now (this lookup is the first to notice). */
  private unreachableSince(): number {
    return this.deps.ehrHealth?.unreachableSince() ?? this.now();
  }

  /**
   * A warm transfer pops the escalated patient and the escalation (read from the EHR by its context id) instead
   * of searching by the number, which is the transferring agent's, not the patient's.
   */
  private async popHandoff(call: CallInfo, contextId: string, handoffs: HandoffResolver): Promise<ScreenPop> {
    const started = performance.now();
    const user = this.deps.currentUser?.() ?? null;
    const audit = (patientId: string | null, outcome: 'success' | 'failure', detail: string) =>
      recordAudit(
        this.deps.audit,
        { userId: user?.id ?? 'system', userRole: user?.role ?? 'system', action: 'view', patientId, purpose: 'treatment', resource: 'Task', detail, outcome },
        this.deps.logger,
      );
    try {
      const found = await handoffs.resolve(contextId);
      if (!found) {
        audit(null, 'success', 'source=warm-transfer;found=0');
        return { ...this.noPop(call, started), error: 'This transferred call carries an escalation the EHR does not have yet: ask the agent for the patient and the reason.' };
      }
      audit(found.patient.id, 'success', 'source=warm-transfer;found=1');
      return { callId: call.callId, matchedBy: 'handoff', candidates: [found.patient], lookupMs: performance.now() - started, error: null, handoff: found.handoff };
    } catch (error) {
      audit(null, 'failure', 'source=warm-transfer;error=lookup-failed');
      const why = error instanceof Error ? `${error.message} ` : '';
      return { ...this.noPop(call, started), error: `${why}The escalation of this transferred call could not be read: ask the agent.` };
    }
  }

  private noPop(call: CallInfo, started: number): ScreenPop {
    return { callId: call.callId, matchedBy: 'none', candidates: [], lookupMs: performance.now() - started, error: null };
  }

  private async popScreen(call: CallInfo): Promise<ScreenPop> {
    const started = performance.now();
    let pop: ScreenPop;
    const contextId = this.arrivedWith.get(call.callId);
    if (contextId && this.deps.handoffs) {
      pop = await this.popHandoff(call, contextId, this.deps.handoffs);
    } else if (!call.from.e164) {
      pop = { callId: call.callId, matchedBy: 'none', candidates: [], lookupMs: 0, error: 'The caller number is withheld or not valid: search by name and date of birth.' };
    } else {
      try {
        const found = await this.deps.matcher.byPhone(call.from.e164);
        const { candidates, note, cachedAt } = Array.isArray(found) ? { candidates: found, note: null, cachedAt: null } : found;
        // Candidates from the local cache: the EHR is down, and the pop says since when.
        const ehrUnreachable = cachedAt != null ? { since: this.unreachableSince(), cached: true } : null;
        pop = { callId: call.callId, matchedBy: 'phone', candidates, lookupMs: performance.now() - started, error: note, ehrUnreachable };
        this.auditLookup(candidates.length, 'success');
      } catch (error) {
        this.auditLookup(0, 'failure');
        const down = error instanceof FhirError && error.transient;
        if (down) this.deps.ehrHealth?.recheck();
        pop = {
          callId: call.callId,
          matchedBy: 'none',
          candidates: [],
          lookupMs: performance.now() - started,
          error: error instanceof Error ? `${error.message} Search by name and date of birth once the EHR is back.` : 'Lookup failed.',
          ehrUnreachable: down ? { since: this.unreachableSince(), cached: false } : null,
        };
      }
    }
    this.pops.set(call.callId, pop);
    this.deps.logger.log('info', 'call.screen-pop', { candidates: pop.candidates.length, ms: Math.round(pop.lookupMs), matchedBy: pop.matchedBy });
    this.deps.events.publish('call.screenPop', pop);
    return pop;
  }

  /**
   * One 'search' row per ring-time lookup: the parameter used (phone) and the count, never the number — a
   * phone number identifies the caller. The candidates reach the agent's screen from this search, so it is
   * attributed to the signed-in user ('system' if no one is signed in yet).
   */
  private auditLookup(results: number, outcome: 'success' | 'failure'): void {
    const user = this.deps.currentUser?.() ?? null;
    recordAudit(
      this.deps.audit,
      {
        userId: user?.id ?? 'system',
        userRole: user?.role ?? 'system',
        action: 'search',
        patientId: null,
        purpose: 'treatment',
        resource: 'Patient',
        detail: outcome === 'success' ? `source=ring;${searchDetail(['phone'], results)}` : 'source=ring;params=phone;error=lookup-failed',
        outcome,
      },
      this.deps.logger,
    );
  }

  private markEnded(callId: string, reason: string): void {
    const call = this.calls.get(callId);
    if (call && call.state !== 'ended') this.update(callId, { state: 'ended', endedAt: this.now(), endReason: reason });
  }

  /** Runs a port operation; a refusal from the line becomes a message the agent reads. */
  private async port(work: (port: TelephonyPort) => Promise<void>): Promise<void> {
    try {
      await work(this.deps.port);
    } catch (error) {
      throw toFailure(error);
    }
  }

  private notify(call: CallInfo): void {
    for (const observe of this.deps.observers ?? []) observe(call);
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
    this.notify(next);
    return next;
  }
}

function toFailure(error: unknown): Error {
  if (error instanceof ContractFailure) return error;
  if (error instanceof TelephonyRefusal) return new ContractFailure('conflict', error.message);
  return error instanceof Error ? error : new Error(String(error));
}
