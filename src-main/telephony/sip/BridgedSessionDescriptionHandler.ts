import type { SessionDescriptionHandler, SessionDescriptionHandlerOptions } from 'sip.js';
import type { MediaEngine } from '../media/MediaEngine';

/** What our softphone passes to sip.js as sessionDescriptionHandlerOptions. */
export interface CarelineSdhOptions extends SessionDescriptionHandlerOptions {
  readonly hold?: boolean;
  readonly iceRestart?: boolean;
}

/**
 * sip.js asks its SessionDescriptionHandler for offers and answers; this one hands every request to a
 * MediaEngine (the renderer's WebRTC engine, or plain RTP in Node tests), keyed by a media id per SIP session. It tracks
 * the offer/answer state so getDescription knows whether sip.js wants an offer or an answer.
 */
export class BridgedSessionDescriptionHandler implements SessionDescriptionHandler {
  /** The far end's offer we have applied and not yet answered. */
  private remoteOffer: string | null = null;
  /** We made an offer and wait for the answer. */
  private offerPending = false;
  private closed = false;

  constructor(
    private readonly engine: MediaEngine,
    /** Our key for this session's media (one per SIP session; a transferred call gets a new one). */
    private readonly mediaId: string,
    /** The workstation call this session serves, looked up late (sip.js builds the handler first). */
    private readonly forCall: () => string | null = () => null,
  ) {}

  async getDescription(options?: CarelineSdhOptions): Promise<{ body: string; contentType: string }> {
    this.assertOpen();
    const hold = options?.hold === true;
    if (this.remoteOffer !== null) {
      const offer = this.remoteOffer;
      this.remoteOffer = null;
      return { body: await this.engine.createAnswer(this.mediaId, offer, { hold, forCall: this.forCall() }), contentType: 'application/sdp' };
    }
    const body = await this.engine.createOffer(this.mediaId, { hold, iceRestart: options?.iceRestart === true, forCall: this.forCall() });
    this.offerPending = true;
    return { body, contentType: 'application/sdp' };
  }

  async setDescription(sdp: string): Promise<void> {
    this.assertOpen();
    if (this.offerPending) {
      this.offerPending = false;
      await this.engine.acceptAnswer(this.mediaId, sdp);
      return;
    }
    // An offer from the far end: it is applied when sip.js asks for our answer (getDescription), so the
    // engine does both in one step (WebRTC needs the remote offer and the hold flag together).
    this.remoteOffer = sdp;
  }

  hasDescription(contentType: string): boolean {
    return contentType === 'application/sdp';
  }

  async rollbackDescription(): Promise<void> {
    if (this.offerPending) {
      this.offerPending = false;
      await this.engine.rollback(this.mediaId);
    }
    this.remoteOffer = null;
  }

  /** DTMF goes through the softphone (RFC 4733 via the engine, SIP INFO as fallback), not through sip.js. */
  sendDtmf(): boolean {
    return false;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.engine.close(this.mediaId);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The media of this call is closed.');
  }
}
