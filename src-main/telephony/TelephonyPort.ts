/**
 * What call handling needs from a phone line. The demo phone line (a labeled simulation) implements it
 * today; the sip.js softphone of issue 4 implements the same port, so nothing above it changes.
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
}

export interface TelephonyPort {
  readonly kind: 'demo-line' | 'sip';
  /** Shown in the status line, e.g. "Demo phone line (simulation)". */
  readonly label: string;
  onIncoming(listener: (call: IncomingCall) => void): () => void;
  /** The far end hung up (or the call failed) before we did. */
  onEnded(listener: (callId: string) => void): () => void;
  answer(callId: string): Promise<void>;
  hangUp(callId: string): Promise<void>;
}
