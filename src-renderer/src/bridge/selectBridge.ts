import { type Bridge } from './Bridge';
import { createElectronBridge } from './electronBridge';
import { WebSocketBridge } from './webSocketBridge';

/** Electron when the preload exposed `window.careline`; otherwise the web host's WebSocket transport. */
export function selectBridge(win: Window = window): Bridge {
  if (win.careline) return createElectronBridge(win.careline);
  return WebSocketBridge.fromLocation(win);
}
