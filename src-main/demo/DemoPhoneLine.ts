import { randomUUID } from 'node:crypto';
import type { IncomingCall, TelephonyPort } from '../telephony/TelephonyPort';

/**
 * SIMULATION. The demo phone line rings the agent with a synthetic caller so the workstation can be tried
 * without a PBX. It implements the same TelephonyPort as the SIP softphone and is never what a test of real
 * telephony exercises.
 */
export interface DemoCaller {
  readonly patientId: string;
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

export class DemoPhoneLine implements TelephonyPort {
  readonly kind = 'demo-line' as const;
  readonly label = 'Demo phone line (simulation)';
  private readonly incoming = new Set<(call: IncomingCall) => void>();
  private readonly ended = new Set<(callId: string) => void>();
  private readonly live = new Set<string>();

  constructor(
    private readonly callers: () => readonly DemoCaller[],
    private readonly lines: readonly string[],
    private readonly random: () => number = Math.random,
  ) {}

  onIncoming(listener: (call: IncomingCall) => void): () => void {
    this.incoming.add(listener);
    return () => this.incoming.delete(listener);
  }

  onEnded(listener: (callId: string) => void): () => void {
    this.ended.add(listener);
    return () => this.ended.delete(listener);
  }

  /** Rings the agent. Unspecified parts are picked at random from the synthetic population. */
  ring(request: DemoRing = {}): IncomingCall {
    const callers = this.callers();
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
    for (const l of this.incoming) l(call);
    return call;
  }

  /** The simulated caller hangs up. */
  callerHangsUp(callId: string): void {
    if (!this.live.delete(callId)) return;
    for (const l of this.ended) l(callId);
  }

  async answer(callId: string): Promise<void> {
    if (!this.live.has(callId)) throw new Error('call is not ringing on the demo line');
  }

  async hangUp(callId: string): Promise<void> {
    this.live.delete(callId);
  }
}

function pick<T>(items: readonly T[], random: () => number): T | undefined {
  return items.length ? items[Math.floor(random() * items.length)] : undefined;
}
