import type { CallInfo } from '../../../../src-preload/contract';

/**
 * Pure bookkeeping of the workstation's live calls (a second line, a consultation) from `call.*` events.
 * Ended calls drop out; the newest call is first.
 */
export function applyCall(calls: readonly CallInfo[], call: CallInfo): CallInfo[] {
  const others = calls.filter((c) => c.callId !== call.callId);
  return call.state === 'ended' ? others : [call, ...others].sort((a, b) => b.ringAt - a.ringAt);
}

/** The call the phone controls act on: the connected call not on hold, else the newest connected one. */
export function focusedCall(calls: readonly CallInfo[]): CallInfo | null {
  const connected = calls.filter((c) => c.state === 'active' || c.state === 'dialing');
  return connected.find((c) => !c.held) ?? connected[0] ?? null;
}

/** For a consultation in progress: the caller waiting on hold and the consulted party. */
export function consultationOf(calls: readonly CallInfo[]): { caller: CallInfo; consult: CallInfo } | null {
  const consult = calls.find((c) => c.consultFor !== null);
  const caller = consult ? calls.find((c) => c.callId === consult.consultFor) : undefined;
  return consult && caller ? { caller, consult } : null;
}
