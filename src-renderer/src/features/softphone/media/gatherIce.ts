import type { PeerLike } from './types';

/** SIP carries one offer/answer, so the SDP must hold every candidate (no trickle ICE). */
export const ICE_GATHERING_TIMEOUT_MS = 2_000;

/**
 * Resolves when ICE gathering is complete, or after `timeoutMs` with whatever was gathered: a slow STUN/TURN
 * server must not hold the call past main's 10 s media timeout, and host candidates are usually enough on a LAN.
 */
export function waitForIceGathering(pc: PeerLike, timeoutMs = ICE_GATHERING_TIMEOUT_MS): Promise<void> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      pc.removeEventListener('icegatheringstatechange', onState);
      pc.removeEventListener('icecandidate', onCandidate);
      resolve();
    };
    const onState = () => {
      if (pc.iceGatheringState === 'complete') finish();
    };
    // The end-of-candidates event (candidate null) arrives even where the state event is late.
    const onCandidate = (event: Event) => {
      if ((event as Partial<RTCPeerConnectionIceEvent>).candidate === null) finish();
    };
    const timer = setTimeout(finish, timeoutMs);
    pc.addEventListener('icegatheringstatechange', onState);
    pc.addEventListener('icecandidate', onCandidate);
  });
}
