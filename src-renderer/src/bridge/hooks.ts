import { useCallback, useEffect, useEffectEvent, useState, useSyncExternalStore } from 'react';
import type {
  ContractError,
  EventChannel,
  EventPayload,
  InvokeChannel,
  InvokeRequest,
  InvokeResponse,
  Result,
} from '../../../src-preload/contract';
import { type BridgeConnectionState, hasConnection } from './Bridge';
import { useBridge } from './BridgeContext';

export interface InvokeState<T> {
  /** The last good answer for this same request (kept while a reload runs, dropped when the request changes). */
  readonly data: T | undefined;
  readonly error: ContractError | null;
  readonly loading: boolean;
  readonly reload: () => void;
}

interface Settled {
  readonly requestKey: string;
  readonly generation: number;
  readonly result: Result<unknown>;
}

/**
 * Invoke a channel when the component mounts and whenever the request changes (compared by value); `null` skips.
 * Answers for an older request are ignored, so a fast patient switch can never show the previous patient's chart.
 */
export function useInvoke<C extends InvokeChannel>(
  channel: C,
  request: InvokeRequest<C> | null,
): InvokeState<InvokeResponse<C>> {
  const bridge = useBridge();
  const requestKey = request === null ? null : `${channel} ${JSON.stringify(request)}`;
  const [generation, setGeneration] = useState(0);
  const [settled, setSettled] = useState<Settled | null>(null);

  useEffect(() => {
    if (requestKey === null) return;
    let current = true;
    const body = JSON.parse(requestKey.slice(channel.length + 1)) as InvokeRequest<C>;
    void bridge.invoke(channel, body).then((result) => {
      if (current) setSettled({ requestKey, generation, result });
    });
    return () => {
      current = false;
    };
  }, [bridge, channel, requestKey, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const sameRequest = settled !== null && requestKey !== null && settled.requestKey === requestKey;
  const fresh = sameRequest && settled.generation === generation;
  const result = sameRequest ? settled.result : null;
  return {
    data: result?.ok ? (result.value as InvokeResponse<C>) : undefined,
    error: fresh && result && !result.ok ? result.error : null,
    loading: requestKey !== null && !fresh,
    reload,
  };
}

/** Subscribe to a main-process event for the component's lifetime; the listener always sees fresh props. */
export function useEvent<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): void {
  const bridge = useBridge();
  const onEvent = useEffectEvent(listener);
  useEffect(() => bridge.on(event, (payload) => onEvent(payload)), [bridge, event]);
}

/** The transport's own state; Electron IPC (no connection object) is always open. */
export function useBridgeConnectionState(): BridgeConnectionState {
  const bridge = useBridge();
  const subscribe = useCallback(
    (onChange: () => void) => (hasConnection(bridge) ? bridge.onConnectionStateChange(onChange) : () => {}),
    [bridge],
  );
  const getSnapshot = useCallback(
    (): BridgeConnectionState => (hasConnection(bridge) ? bridge.connectionState() : 'open'),
    [bridge],
  );
  return useSyncExternalStore(subscribe, getSnapshot);
}
