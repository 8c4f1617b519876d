import type {
  CarelineApi,
  ErrorCode,
  EventChannel,
  EventPayload,
  InvokeChannel,
  InvokeRequest,
  InvokeResponse,
  Result,
} from '../../../src-preload/contract';

/**
 * What the renderer talks to: the contract's `CarelineApi`, whatever carries it (Electron preload, the web host's
 * WebSocket, an in-memory fake in tests). Features never know which one they have.
 */
export type Bridge = CarelineApi;

export type { EventChannel, EventPayload, InvokeChannel, InvokeRequest, InvokeResponse, Result };

/** How the transport itself is doing, separate from the EHR or phone line behind it. */
export type BridgeConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** Implemented by transports that can drop (the web socket); Electron IPC is always open. */
export interface BridgeConnection {
  connectionState(): BridgeConnectionState;
  onConnectionStateChange(listener: (state: BridgeConnectionState) => void): () => void;
}

export function hasConnection(bridge: Bridge): bridge is Bridge & BridgeConnection {
  const candidate = bridge as Partial<BridgeConnection>;
  return typeof candidate.connectionState === 'function' && typeof candidate.onConnectionStateChange === 'function';
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function failure<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}
