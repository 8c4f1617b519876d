import { WebSocket as NodeWebSocket } from 'ws';

/**
 * sip.js's WebSocket transport uses the global WebSocket. Electron's main process (Node 22) has one; plain
 * Node 20 (tests, benchmarks, the dev web host) does not, so `ws` stands in. It is only installed when missing.
 */
export function ensureWebSocket(): void {
  const g = globalThis as { WebSocket?: unknown };
  if (typeof g.WebSocket === 'undefined') g.WebSocket = NodeWebSocket;
}
