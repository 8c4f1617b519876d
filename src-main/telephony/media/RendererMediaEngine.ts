import { randomUUID } from 'node:crypto';
import type { MediaOperation, MediaResponse } from '../../../src-preload/contract';
import type { EventHub } from '../../ipc/EventHub';
import type { Logger } from '../../log/logger';
import { type MediaEngine, MediaUnavailable, type OfferOptions } from './MediaEngine';

type Pending = { resolve: (result: MediaResponse['result']) => void; timer: ReturnType<typeof setTimeout> };

/**
 * Main's side of the media RPC (contract `media.request` / `media.respond`): each operation becomes an event
 * the renderer's WebRTC engine answers. A renderer that never attached, or that does not answer in time (the
 * window crashed), fails the operation with words the agent can act on, and sip.js declines or ends the call.
 */
export class RendererMediaEngine implements MediaEngine {
  readonly kind = 'webrtc' as const;
  readonly usesIce = true;
  private readonly pending = new Map<string, Pending>();
  private attached = false;

  constructor(
    private readonly events: EventHub,
    private readonly logger: Logger,
    private readonly timeoutMs = 10_000,
  ) {}

  get isAttached(): boolean {
    return this.attached;
  }

  attach(engine: 'webrtc'): void {
    this.attached = true;
    this.logger.log('info', 'media.attached', { engine });
  }

  /** A response from the renderer; unknown or late ids are dropped (the operation already timed out). */
  respond(response: MediaResponse): void {
    const waiting = this.pending.get(response.requestId);
    if (!waiting) return;
    this.pending.delete(response.requestId);
    clearTimeout(waiting.timer);
    waiting.resolve(response.result);
  }

  async createOffer(callId: string, options: OfferOptions): Promise<string> {
    return this.sdpOf(await this.call({ op: 'create-offer', callId, hold: options.hold, iceRestart: options.iceRestart, forCall: options.forCall ?? null }));
  }

  async createAnswer(callId: string, remoteSdp: string, options: { hold: boolean; forCall?: string | null }): Promise<string> {
    return this.sdpOf(await this.call({ op: 'create-answer', callId, remoteSdp, hold: options.hold, forCall: options.forCall ?? null }));
  }

  async acceptAnswer(callId: string, remoteSdp: string): Promise<void> {
    await this.call({ op: 'accept-answer', callId, remoteSdp });
  }

  async rollback(callId: string): Promise<void> {
    await this.call({ op: 'rollback', callId });
  }

  async sendDtmf(callId: string, tones: string, durationMs: number): Promise<boolean> {
    const result = await this.call({ op: 'send-dtmf', callId, tones, durationMs });
    return result.sent === true;
  }

  close(callId: string): void {
    if (this.attached) void this.call({ op: 'close', callId }).catch(() => undefined);
  }

  /** Fails everything in flight (the host is shutting down). */
  dispose(): void {
    for (const [id, waiting] of this.pending) {
      clearTimeout(waiting.timer);
      waiting.resolve({ ok: false, message: 'Careline is shutting down.' });
      this.pending.delete(id);
    }
  }

  private async call(operation: MediaOperation): Promise<{ sdp?: string; sent?: boolean }> {
    if (!this.attached) throw new MediaUnavailable('The audio engine is not running: reopen the Careline window.');
    const requestId = randomUUID();
    const result = await new Promise<MediaResponse['result']>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        this.logger.log('warn', 'media.timeout', { op: operation.op });
        resolve({ ok: false, message: 'The audio engine did not answer in time.' });
      }, this.timeoutMs);
      this.pending.set(requestId, { resolve, timer });
      this.events.publish('media.request', { requestId, operation });
    });
    if (!result.ok) throw new MediaUnavailable(result.message);
    return result;
  }

  private sdpOf(result: { sdp?: string }): string {
    if (!result.sdp) throw new MediaUnavailable('The audio engine returned no session description.');
    return result.sdp;
  }
}
