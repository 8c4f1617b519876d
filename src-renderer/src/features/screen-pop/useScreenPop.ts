import { useEffect, useState } from 'react';
import type { ContractError, ScreenPop } from '../../../../src-preload/contract';
import { useBridge, useEvent } from '../../bridge';

export interface ScreenPopState {
  readonly pop: ScreenPop | null;
  /** The lookup is still running (no screen pop known for this call yet). */
  readonly loading: boolean;
  readonly error: ContractError | null;
  /** Runs the caller lookup again (after an EHR outage); the new pop replaces this one. */
  readonly lookUpAgain: () => Promise<void>;
  /** A lookup asked for by `lookUpAgain` is running. */
  readonly lookingAgain: boolean;
}

/**
 * The screen pop of one call. Subscribes for the whole pane lifetime (the pop can arrive before React knows
 * the call id) and also asks once per call, for a pop that was pushed before this window listened.
 */
export function useScreenPop(callId: string | null): ScreenPopState {
  const bridge = useBridge();
  const [pops, setPops] = useState<readonly ScreenPop[]>([]);
  const [fetchError, setFetchError] = useState<{ callId: string; error: ContractError } | null>(null);
  const [againFor, setAgainFor] = useState<string | null>(null);

  // Keep only the latest few: candidates are PHI and need not linger in memory.
  const remember = (pop: ScreenPop) => setPops((known) => [pop, ...known.filter((p) => p.callId !== pop.callId)].slice(0, 3));

  useEvent('call.screenPop', remember);

  useEffect(() => {
    if (callId === null) return;
    let current = true;
    void bridge.invoke('call.screenPop', { callId }).then((result) => {
      if (!current) return;
      if (!result.ok) {
        setFetchError({ callId, error: result.error });
        return;
      }
      const pop = result.value;
      // Null: the lookup has not finished; the event will bring it.
      if (pop) setPops((known) => (known.some((p) => p.callId === pop.callId) ? known : [pop, ...known].slice(0, 3)));
    });
    return () => {
      current = false;
    };
  }, [bridge, callId]);

  const lookUpAgain = async (): Promise<void> => {
    if (callId === null) return;
    setAgainFor(callId);
    const result = await bridge.invoke('call.lookUpAgain', { callId });
    setAgainFor(null);
    if (result.ok) {
      remember(result.value);
      setFetchError((known) => (known?.callId === callId ? null : known));
    } else {
      setFetchError({ callId, error: result.error });
    }
  };

  if (callId === null) return { pop: null, loading: false, error: null, lookUpAgain, lookingAgain: false };
  const pop = pops.find((p) => p.callId === callId) ?? null;
  const error = fetchError?.callId === callId ? fetchError.error : null;
  return { pop, loading: pop === null && error === null, error, lookUpAgain, lookingAgain: againFor === callId };
}
