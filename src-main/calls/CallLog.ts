import type { CallInfo, CallLogEntry, CallQuality } from '../../src-preload/contract';

export const CALL_LOG_CAPACITY = 500;

/**
 * The recent calls of this workstation, newest first, for the agent's call log. In memory only for now: the
 * encrypted on-disk cache (so the log survives a restart) arrives with issue 5. Bounded, so a long shift cannot
 * grow it without limit. It holds caller numbers and names: it is shown to the signed-in agent, never logged.
 */
export class CallLog {
  /** Insertion order = first time a call was seen; the newest is last. */
  private readonly entries = new Map<string, CallLogEntry>();

  constructor(private readonly capacity = CALL_LOG_CAPACITY) {}

  /** A CallObserver (bound): records or updates the entry of this call. */
  readonly record = (call: CallInfo): void => {
    const known = this.entries.get(call.callId);
    this.entries.set(call.callId, { ...fromCall(call), quality: known?.quality ?? null });
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  };

  /** The latest media quality of a call; reports for calls the log does not hold (evicted, unknown) are dropped. */
  quality(quality: CallQuality): void {
    const entry = this.entries.get(quality.callId);
    if (entry) this.entries.set(quality.callId, { ...entry, quality });
  }

  /** Newest first. */
  list(): CallLogEntry[] {
    return [...this.entries.values()].reverse();
  }
}

function fromCall(call: CallInfo): Omit<CallLogEntry, 'quality'> {
  return {
    callId: call.callId,
    direction: call.direction,
    party: call.from.displayName ?? call.from.raw,
    dnis: call.dialed.dnis,
    serviceLineId: call.dialed.serviceLineId,
    ringAt: call.ringAt,
    answeredAt: call.answeredAt,
    endedAt: call.endedAt,
    endReason: call.endReason,
    wrapUpCode: call.wrapUp?.code ?? null,
    patientId: call.wrapUp?.patientId ?? null,
  };
}
