import type { Protocol } from '../../../../src-preload/contract';
import { RED_FLAG_PROTOCOL_ID } from '../call-session';
import { useProtocols } from '../reason';

/** The ids the emergency features check the caller's words against: the red-flag screen only. */
export const RED_FLAG_IDS: readonly string[] = [RED_FLAG_PROTOCOL_ID];

/** The installed red-flag screen (its questions and version), or null while it loads or when it cannot. */
export function useRedFlagScreen(): Protocol | null {
  return useProtocols(RED_FLAG_IDS).protocols.find((p) => p.id === RED_FLAG_PROTOCOL_ID) ?? null;
}
