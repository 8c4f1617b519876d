import { fromPromise } from 'xstate';
import type { CallInfo, DirectoryEntry, Result } from '../../../../src-preload/contract';
import { type Bridge, ok } from '../../bridge';
import type { ConsultStarted } from '../call-session/types';

/** The nurse queue of the site's directory (the first one, when a site lists several). */
export function nurseQueueOf(directory: readonly DirectoryEntry[]): DirectoryEntry | null {
  return directory.find((e) => e.kind === 'nurse-queue') ?? null;
}

const NO_NURSE_QUEUE = {
  code: 'not-found',
  message: 'This site has no nurse queue in its transfer directory. Leave the call as a nurse callback, or transfer it from the phone bar.',
} as const;

/**
 * The bridge side of the call session's warm transfer (the machine invokes these): call the nurse queue about
 * the caller (main holds the caller and sends the escalation's context id with the call), join them, or hang
 * the consultation up and take the caller back.
 */
export function warmTransferActors(bridge: Bridge) {
  return {
    consultNurseQueue: fromPromise<Result<ConsultStarted>, { callId: string }>(async ({ input }) => {
      const directory = await bridge.invoke('directory.list', {});
      if (!directory.ok) return directory;
      const queue = nurseQueueOf(directory.value);
      if (!queue) return { ok: false, error: NO_NURSE_QUEUE };
      const consult = await bridge.invoke('call.consult', { callId: input.callId, target: queue.target });
      return consult.ok ? ok({ consultCallId: consult.value.callId, targetLabel: queue.label }) : consult;
    }),
    completeTransfer: fromPromise<Result<CallInfo>, { callId: string; consultCallId: string }>(({ input }) =>
      bridge.invoke('call.completeTransfer', input),
    ),
    cancelConsult: fromPromise<Result<CallInfo>, { callId: string; consultCallId: string | null }>(async ({ input }) => {
      if (input.consultCallId) {
        const hungUp = await bridge.invoke('call.hangUp', { callId: input.consultCallId });
        if (!hungUp.ok) return hungUp;
      }
      return bridge.invoke('call.hold', { callId: input.callId, hold: false });
    }),
  };
}
