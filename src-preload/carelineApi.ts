import type { IpcRenderer, IpcRendererEvent } from 'electron';
import {
  type CarelineApi,
  ELECTRON_EVENT_CHANNEL,
  ELECTRON_INVOKE_CHANNEL,
  type EventChannel,
  type Result,
  isEventChannel,
  isInvokeChannel,
} from './contract';

type IpcPort = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

/** Builds the API the preload exposes. Kept apart from index.ts so it can be tested without Electron. */
export function createCarelineApi(ipc: IpcPort): CarelineApi {
  return Object.freeze({
    invoke(channel, request) {
      if (!isInvokeChannel(channel)) {
        const refused: Result<never> = { ok: false, error: { code: 'unknown-channel', message: 'This request is not part of the Careline contract.' } };
        return Promise.resolve(refused);
      }
      return ipc.invoke(ELECTRON_INVOKE_CHANNEL, channel, request);
    },
    on(event, listener) {
      if (!isEventChannel(event)) throw new Error('Unknown Careline event.');
      const forward = (_e: IpcRendererEvent, name: EventChannel, payload: unknown) => {
        if (name === event) (listener as (p: unknown) => void)(payload);
      };
      ipc.on(ELECTRON_EVENT_CHANNEL, forward);
      return () => {
        ipc.removeListener(ELECTRON_EVENT_CHANNEL, forward);
      };
    },
  } satisfies CarelineApi);
}
