/**
 * Where the audio of a SIP call is made. Engines key media by a media id, one per SIP session. sip.js (signaling, in main) asks a MediaEngine for session
 * descriptions through our SessionDescriptionHandler; the engine owns the media itself:
 * - RendererMediaEngine: the workstation's renderer does WebRTC (RTCPeerConnection, microphone, speaker);
 * - PlainRtpEngine: plain RTP over UDP in Node (no ICE, no DTLS), so tests and benchmarks can talk to sipp
 *   and baresip, which speak plain RTP.
 */
export interface OfferOptions {
  /** Offer with the stream on hold (a=sendonly), or resume (a=sendrecv). */
  readonly hold: boolean;
  /** New ICE credentials, so media follows a network change (issue 4 §3). */
  readonly iceRestart: boolean;
  /** The workstation call this media belongs to (the engine labels quality with it). */
  readonly forCall?: string | null;
}

export interface MediaEngine {
  readonly kind: 'webrtc' | 'plain-rtp';
  /** True when the SDP we exchange carries ICE/DTLS (WebRTC); plain RTP peers need RTP/AVP. */
  readonly usesIce: boolean;
  createOffer(callId: string, options: OfferOptions): Promise<string>;
  createAnswer(callId: string, remoteSdp: string, options: { readonly hold: boolean; readonly forCall?: string | null }): Promise<string>;
  acceptAnswer(callId: string, remoteSdp: string): Promise<void>;
  rollback(callId: string): Promise<void>;
  /** RFC 4733 telephone-events in the media; false = this media cannot, use SIP INFO. */
  sendDtmf(callId: string, tones: string, durationMs: number): Promise<boolean>;
  close(callId: string): void;
}

export class MediaUnavailable extends Error {
  override readonly name = 'MediaUnavailable';
}
