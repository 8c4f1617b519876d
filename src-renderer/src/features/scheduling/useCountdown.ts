import { useEffect, useState } from 'react';

/** The current time, refreshed every `periodMs` while `active` (a clock that re-renders the component). */
export function useNow(periodMs: number, active = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), periodMs);
    return () => clearInterval(timer);
  }, [periodMs, active]);
  return now;
}

/** Milliseconds left until `until` (null: no countdown), re-rendering every second while it runs. */
export function useCountdown(until: number | null): number | null {
  const now = useNow(1000, until !== null);
  return until === null ? null : Math.max(0, until - now);
}
