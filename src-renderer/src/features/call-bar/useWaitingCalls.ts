import { useState } from 'react';
import type { CallInfo } from '../../../../src-preload/contract';
import { useEvent } from '../../bridge';

/**
 * Calls ringing on this workstation other than the one on screen. The call session takes one call at a time
 * (call waiting arrives with the softphone), but a second caller must never ring unseen: the call bar shows
 * these so the agent can finish up or get help.
 */
export function useWaitingCalls(onScreenCallId: string | null): CallInfo[] {
  const [ringing, setRinging] = useState<ReadonlyMap<string, CallInfo>>(new Map());
  const track = (call: CallInfo) =>
    setRinging((current) => {
      const next = new Map(current);
      if (call.state === 'ringing') next.set(call.callId, call);
      else next.delete(call.callId);
      return next;
    });
  useEvent('call.incoming', track);
  useEvent('call.updated', track);
  return [...ringing.values()].filter((c) => c.callId !== onScreenCallId).sort((a, b) => a.ringAt - b.ringAt);
}
