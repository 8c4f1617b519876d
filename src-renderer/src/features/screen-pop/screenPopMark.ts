import type { CallInfo } from '../../../../src-preload/contract';

export const SCREEN_POP_MARK = 'careline:screenpop-rendered';

const markedCalls = new Set<string>();

/**
 * Benchmarks read this mark to measure ring → candidates on screen. Exactly once per call, whatever re-renders
 * or remounts (React StrictMode included) happen afterwards. Only ids and counts go in: no PHI.
 */
export function markScreenPopRendered(call: Pick<CallInfo, 'callId' | 'ringAt'>, candidates: number): void {
  if (markedCalls.has(call.callId)) return;
  markedCalls.add(call.callId);
  performance.mark(SCREEN_POP_MARK, {
    detail: {
      callId: call.callId,
      ringAt: call.ringAt,
      renderedAt: performance.timeOrigin + performance.now(),
      candidates,
    },
  });
}
