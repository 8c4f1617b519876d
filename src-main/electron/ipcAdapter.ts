import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { ELECTRON_EVENT_CHANNEL, ELECTRON_INVOKE_CHANNEL, type Result } from '../../src-preload/contract';
import type { ContractRouter } from '../ipc/ContractRouter';
import type { EventHub } from '../ipc/EventHub';
import type { Logger } from '../log/logger';
import { isAppUrl } from './appOrigin';

/**
 * The sender must be the main frame of our own page: a subframe or a page that navigated elsewhere gets
 * nothing, whatever it sends.
 */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url);
}

/** Connects Electron IPC to the contract router (requests) and the event hub (events). */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, router: ContractRouter, logger: Logger): void {
  ipcMain.handle(ELECTRON_INVOKE_CHANNEL, async (event, channel: unknown, payload: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(event)) {
      logger.log('warn', 'ipc.forbidden-sender', {});
      return { ok: false, error: { code: 'forbidden-sender', message: 'This window may not talk to Careline.' } };
    }
    return router.handle(channel, payload, { transport: 'electron' });
  });
}

export function forwardEvents(events: EventHub, target: () => WebContents | null): () => void {
  return events.subscribe((event, payload) => {
    const contents = target();
    if (contents && !contents.isDestroyed()) contents.send(ELECTRON_EVENT_CHANNEL, event, payload);
  });
}
