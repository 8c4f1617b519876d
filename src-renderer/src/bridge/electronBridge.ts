import type { CarelineApi } from '../../../src-preload/contract';
import { type Bridge, failure } from './Bridge';

declare global {
  interface Window {
    /** Exposed by the Electron preload through contextBridge; absent in the web host and in tests. */
    readonly careline?: CarelineApi;
  }
}

/**
 * The Electron transport: a thin pass-through to `window.careline`. It only adds a guard so that a preload
 * failure (which should never happen: preload returns typed errors) still reaches the UI as a value.
 */
export function createElectronBridge(api: CarelineApi): Bridge {
  return {
    async invoke(channel, request) {
      try {
        return await api.invoke(channel, request);
      } catch {
        return failure('internal', `The desktop bridge failed while calling ${channel}. Try again; if it repeats, restart Careline.`);
      }
    },
    on(event, listener) {
      return api.on(event, listener);
    },
  };
}
