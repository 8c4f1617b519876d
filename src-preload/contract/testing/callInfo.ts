import type { CallInfo } from '../schemas/call';

/** A fixed ring time for tests that compute times from it. */
export const RING_AT = 1_700_000_000_000;

/** A deterministic call id: the n-th test call. */
export const testCallId = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** TEST ONLY (main and renderer tests share it). A ringing inbound call from a synthetic caller on the adult primary-care line; override what a test needs. */
export function testCall(overrides: Partial<CallInfo> = {}): CallInfo {
  return {
    callId: testCallId(1),
    source: 'demo-line',
    state: 'ringing',
    direction: 'inbound',
    held: false,
    consultFor: null,
    endReason: null,
    from: { raw: '+16175550142', e164: '+16175550142', displayName: null },
    dialed: { dnis: '+16175550100', serviceLineId: 'adult-primary-care' },
    ivrChoice: null,
    ringAt: RING_AT,
    answeredAt: null,
    endedAt: null,
    ...overrides,
  };
}
