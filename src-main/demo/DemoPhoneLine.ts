import { randomUUID } from 'node:crypto';
import type { DirectoryEntry } from '../../src-preload/contract';
import { type IncomingCall, type LineStatus, type TelephonyEvent, type TelephonyPort, TelephonyRefusal } from '../telephony/TelephonyPort';

/**
 * SIMULATION. The demo phone line rings the agent with a synthetic caller so the workstation can be tried
 * without a PBX. It implements the same TelephonyPort as the SIP softphone and is never what a test of real
 * telephony exercises.
 */
export interface DemoCaller {
  /** Null for the simulated caller the EHR has no chart for. */
  readonly patientId: string | null;
  readonly phone: string;
  readonly label: string;
}

export interface DemoRing {
  readonly callerPhone?: string;
  readonly dnis?: string;
  readonly ivrDigit?: string;
}

export const DEMO_IVR_CHOICES = [
  { digit: '1', label: 'Appointments' },
  { digit: '2', label: 'Speak to a nurse about symptoms' },
  { digit: '3', label: 'Prescription refills' },
  { digit: '4', label: 'Billing' },
  { digit: '0', label: 'Operator' },
] as const;

/** SIMULATION: transfer targets of the demo site (the demo line "answers" any of them after a short ring). */
export const DEMO_DIRECTORY: readonly DirectoryEntry[] = [
  { id: 'demo-nurse-queue', label: 'Nurse triage queue (simulation)', kind: 'nurse-queue', target: '+16175550190' },
  { id: 'demo-scheduling', label: 'Scheduling desk (simulation)', kind: 'agent', target: '+16175550191' },
  { id: 'demo-on-call-peds', label: 'On-call pediatrician pager (simulation)', kind: 'on-call', target: '+16175550192' },
  { id: 'demo-poison-control', label: 'Poison Control (simulation of 1-800-222-1222)', kind: 'external', target: '+16175550193' },
];

/** The demo line's "911": a simulation number, so a demo never dials real emergency services. */
export const DEMO_EMERGENCY_ENTRY: DirectoryEntry = { id: 'demo-911', label: 'Emergency services (simulation of 911)', kind: 'emergency', target: '+16175550911' };

export class DemoPhoneLine implements TelephonyPort {
  readonly kind = 'demo-line' as const;
  readonly label = 'Demo phone line (simulation)';
  readonly status: LineStatus = { registration: 'registered', message: null };
  private readonly listeners = new Set<(event: TelephonyEvent) => void>();
  private readonly live = new Set<string>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    private readonly callers: () => readonly DemoCaller[],
    private readonly lines: readonly string[],
    private readonly random: () => number = Math.random,
    /** How long the simulated far end rings before it answers an outbound call. */
    private readonly answerAfterMs = 1500,
  ) {}

  onEvent(listener: (event: TelephonyEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Rings the agent. Unspecified parts are picked at random from the synthetic population. */
  ring(request: DemoRing = {}): IncomingCall {
    // A random caller has a chart (benchmarks time the pop of one); the unknown caller is chosen by hand.
    const callers = this.callers().filter((c) => c.patientId !== null);
    const caller = request.callerPhone ?? pick(callers, this.random)?.phone ?? '+16175550000';
    const dnis = request.dnis ?? pick(this.lines, this.random) ?? '';
    const call: IncomingCall = {
      callId: randomUUID(),
      fromRaw: caller,
      displayName: null,
      dnis,
      ivrDigit: request.ivrDigit ?? pick(DEMO_IVR_CHOICES, this.random)?.digit ?? null,
    };
    this.live.add(call.callId);
    this.emit({ type: 'incoming', call });
    return call;
  }

  /** The simulated caller hangs up. */
  callerHangsUp(callId: string): void {
    this.end(callId, 'Caller hung up');
  }

  async answer(callId: string): Promise<void> {
    if (!this.live.has(callId)) throw new TelephonyRefusal('This call is no longer ringing.');
  }

  async decline(callId: string): Promise<void> {
    this.live.delete(callId);
  }

  async hangUp(callId: string): Promise<void> {
    this.live.delete(callId);
  }

  /** The simulated far end answers after a short ring, so transfers to the nurse line can be tried. */
  async dial(callId: string, _target: string): Promise<void> {
    this.live.add(callId);
    this.later(() => {
      if (this.live.has(callId)) this.emit({ type: 'answered', callId });
    }, this.answerAfterMs);
  }

  async hold(callId: string, _hold: boolean): Promise<void> {
    this.requireLive(callId);
  }

  async sendDtmf(callId: string, _tones: string): Promise<void> {
    this.requireLive(callId);
  }

  async blindTransfer(callId: string, _target: string): Promise<void> {
    this.requireLive(callId);
    this.later(() => this.end(callId, 'Transferred (simulation)'), 0);
  }

  async completeTransfer(callId: string, consultCallId: string): Promise<void> {
    this.requireLive(callId);
    this.requireLive(consultCallId);
    this.later(() => {
      this.end(callId, 'Transferred (simulation)');
      this.end(consultCallId, 'Transferred (simulation)');
    }, 0);
  }

  async stop(): Promise<void> {
    this.timers.forEach((t) => clearTimeout(t));
    this.timers.clear();
    this.live.clear();
  }

  private requireLive(callId: string): void {
    if (!this.live.has(callId)) throw new TelephonyRefusal('That call is no longer on the demo line.');
  }

  private end(callId: string, reason: string): void {
    if (!this.live.delete(callId)) return;
    this.emit({ type: 'ended', callId, reason });
  }

  private later(work: () => void, ms: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      work();
    }, ms);
    this.timers.add(timer);
  }

  private emit(event: TelephonyEvent): void {
    for (const l of this.listeners) l(event);
  }
}

function pick<T>(items: readonly T[], random: () => number): T | undefined {
  return items.length ? items[Math.floor(random() * items.length)] : undefined;
}
