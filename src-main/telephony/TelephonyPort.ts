/**
 * What call handling needs from a phone line. The demo phone line (a labeled simulation) and the sip.js
 * softphone both implement it, so the CallCoordinator above does not know which one it drives.
 * Call ids are ours (UUIDs): for outbound calls the coordinator picks the id before dialing, for inbound calls
 * the port picks it when the call rings.
 */
export interface IncomingCall {
  readonly callId: string;
  /** The caller's number as signaled (P-Asserted-Identity / From); not yet normalized. */
  readonly fromRaw: string;
  readonly displayName: string | null;
  /** The number dialed (DNIS: To / Request-URI / Diversion). */
  readonly dnis: string;
  /** The IVR digit the caller pressed before reaching the agent, if any. */
  readonly ivrDigit: string | null;
  /** A warm transfer's escalation context id (opaque, resolved against the EHR); absent or null when none. */
  readonly contextId?: string | null;
}

export interface DialOptions {
  /**
   * An escalation's context id to send with the call (a consultation of a warm transfer), so the desk it
   * rings can show who the patient is and why. Opaque: never PHI on the signaling path.
   */
  readonly contextId?: string;
}

export type Registration = 'unregistered' | 'registering' | 'registered' | 'reconnecting' | 'failed';

export interface LineStatus {
  readonly registration: Registration;
  /** What is wrong, in words for the agent; null when all is well. */
  readonly message: string | null;
}

export type TelephonyEvent =
  | { readonly type: 'incoming'; readonly call: IncomingCall }
  /** Our outbound call was answered. */
  | { readonly type: 'answered'; readonly callId: string }
  /** The call ended without us hanging up (far end hung up, failed, replaced, transferred away). */
  | { readonly type: 'ended'; readonly callId: string; readonly reason: string }
  /** The other party changed (a transfer completed): the call continues with someone new. */
  | { readonly type: 'party'; readonly callId: string; readonly fromRaw: string; readonly displayName: string | null }
  | { readonly type: 'status'; readonly status: LineStatus };

export interface TelephonyPort {
  readonly kind: 'demo-line' | 'sip';
  /** Shown in the status line, e.g. "Demo phone line (simulation)". */
  readonly label: string;
  readonly status: LineStatus;
  onEvent(listener: (event: TelephonyEvent) => void): () => void;
  answer(callId: string): Promise<void>;
  /** Refuse a ringing call: 486 Busy Here, so a queue offers it to someone else. */
  decline(callId: string): Promise<void>;
  hangUp(callId: string): Promise<void>;
  /** Place a call; resolves once it is sent (ringing far end), `answered` / `ended` events follow. */
  dial(callId: string, target: string, options?: DialOptions): Promise<void>;
  hold(callId: string, hold: boolean): Promise<void>;
  sendDtmf(callId: string, tones: string): Promise<void>;
  /** REFER the far end of `callId` to `target`; our leg ends when the transfer is accepted. */
  blindTransfer(callId: string, target: string): Promise<void>;
  /** REFER the far end of `callId` to the party of `consultCallId` (with Replaces); both our legs end. */
  completeTransfer(callId: string, consultCallId: string): Promise<void>;
  stop(): Promise<void>;
}

/** A refusal the agent should read (e.g. "The demo phone line cannot transfer calls."). */
export class TelephonyRefusal extends Error {
  override readonly name = 'TelephonyRefusal';
}
