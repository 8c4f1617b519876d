import type { CallInfo } from '../../../../../src-preload/contract';
import { ok } from '../../../bridge';
import type { FakeHandlers } from '../../../bridge/fakeBridge';
import { CALL_ID, OTHER_CALL_ID, activeCall, endedCall } from '../../../test/fixtures';

export const NURSE_QUEUE = { id: 'nurses', label: 'Nurse triage queue', kind: 'nurse-queue' as const, target: '8100' };

/** The consultation call main places to the nurse queue (the caller's call on hold meanwhile). */
export function consultCall(overrides: Partial<CallInfo> = {}): CallInfo {
  return activeCall({
    callId: OTHER_CALL_ID,
    state: 'dialing',
    direction: 'outbound',
    consultFor: CALL_ID,
    answeredAt: null,
    ringAt: 1_700_000_050_000,
    from: { raw: '8100', e164: null, displayName: null },
    dialed: { dnis: '8100', serviceLineId: null },
    ivrChoice: null,
    ...overrides,
  });
}

/** Main's telephony as the warm transfer uses it: a directory with a nurse queue, consult, complete, hold. */
export function telephonyHandlers(): FakeHandlers {
  return {
    'directory.list': () => ok([{ id: 'desk-c', label: 'Scheduling desk', kind: 'agent', target: '2105' }, NURSE_QUEUE]),
    'call.list': () => ok([]),
    'call.consult': () => ok(consultCall()),
    'call.completeTransfer': ({ callId }) => ok(endedCall({ callId, endReason: 'Transferred' })),
    'call.hold': ({ callId, hold }) => ok(activeCall({ callId, held: hold })),
  };
}
