import { useEffect, useState } from 'react';
import type { CallInfo } from '../../../../src-preload/contract';

/**
 * Milliseconds the call has been ringing (before answer) or talking (after), ticking once a second while the
 * call is live and frozen at the end once it is over.
 */
export function useCallTimer(call: CallInfo | null): number {
  const [now, setNow] = useState(() => Date.now());
  const live = call !== null && call.state !== 'ended';
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [live]);
  return call ? callElapsedMs(call, now) : 0;
}

export function callElapsedMs(call: CallInfo, now: number): number {
  const start = call.answeredAt ?? call.ringAt;
  const end = call.state === 'ended' ? (call.endedAt ?? now) : now;
  return Math.max(0, end - start);
}
