import type { Result } from './schemas/common';

/**
 * Frames of the web host's loopback WebSocket transport (dev/test only). The browser opens
 * `ws://<host>/bridge` with subprotocols [WIRE_PROTOCOL, `${TOKEN_PREFIX}<token>`]; the host refuses any other
 * origin or token before the upgrade completes.
 */
export const WIRE_PROTOCOL = 'careline.v1';
export const TOKEN_PREFIX = 'token.';
export const BRIDGE_PATH = '/bridge';

export interface InvokeFrame {
  readonly kind: 'invoke';
  readonly id: number;
  readonly channel: string;
  readonly request: unknown;
}
export interface ResultFrame {
  readonly kind: 'result';
  readonly id: number;
  readonly result: Result<unknown>;
}
export interface EventFrame {
  readonly kind: 'event';
  readonly event: string;
  readonly payload: unknown;
}
export type ClientFrame = InvokeFrame;
export type ServerFrame = ResultFrame | EventFrame;

/**
 * Electron transport: one IPC channel carries every invoke as (channel, request), so main's ContractRouter
 * — not Electron — decides what is known, and one channel carries every event as (event, payload).
 */
export const ELECTRON_INVOKE_CHANNEL = 'careline.invoke';
export const ELECTRON_EVENT_CHANNEL = 'careline.event';
