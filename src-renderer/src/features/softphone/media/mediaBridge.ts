import type { CallQuality, MediaOperation, MediaRequest, MediaResponse } from '../../../../../src-preload/contract';
import { type Bridge, hasConnection } from '../../../bridge/Bridge';
import { computeCallQuality, readStatsSample, type StatsSample } from './callQuality';
import { describeMediaError } from './mediaErrors';
import type { WebRtcMediaEngine } from './WebRtcMediaEngine';

export const QUALITY_INTERVAL_MS = 5_000;

/** What the bridge needs of the engine (the real WebRtcMediaEngine in the app, the same with fakes in tests). */
export type MediaOperations = Pick<
  WebRtcMediaEngine,
  'createOffer' | 'createAnswer' | 'acceptAnswer' | 'rollback' | 'sendDtmf' | 'close' | 'closeAll' | 'getStats' | 'getSnapshot'
>;

export type MediaAttachState = 'attaching' | 'attached' | 'failed';

export interface MediaBridgeOptions {
  readonly bridge: Bridge;
  readonly engine: MediaOperations;
  readonly userAgent: string;
  readonly qualityIntervalMs?: number;
  readonly onQuality?: (quality: CallQuality) => void;
  readonly onAttachState?: (state: MediaAttachState, message: string | null) => void;
}

/**
 * Connects the renderer's media engine to main: announces it (`media.attach`, again after the transport
 * reconnects, because the web host may have restarted), answers every `media.request` with `media.respond`, and
 * reports call quality (`media.quality`) every few seconds while a call's media is connected.
 * Returns the function that disconnects it and closes any call media left.
 */
export function attachMediaBridge(options: MediaBridgeOptions): () => void {
  const { bridge, engine } = options;
  let stopped = false;
  const previousSamples = new Map<string, StatsSample>();

  const attach = () => {
    options.onAttachState?.('attaching', null);
    void bridge.invoke('media.attach', { engine: 'webrtc', userAgent: options.userAgent.slice(0, 300) }).then((result) => {
      if (stopped) return;
      if (result.ok) options.onAttachState?.('attached', null);
      else options.onAttachState?.('failed', result.error.message);
    });
  };

  const respond = (requestId: string, result: MediaResponse['result']) => {
    if (!stopped) void bridge.invoke('media.respond', { requestId, result });
  };

  // Media is keyed per SIP session; quality is reported for the workstation call it belongs to.
  const callOfMedia = new Map<string, string>();
  const onRequest = (request: MediaRequest) => {
    const { requestId, operation } = request;
    if ((operation.op === 'create-offer' || operation.op === 'create-answer') && operation.forCall) callOfMedia.set(operation.callId, operation.forCall);
    if (operation.op === 'close') callOfMedia.delete(operation.callId);
    run(engine, operation).then(
      (value) => respond(requestId, { ok: true, ...value }),
      (error: unknown) => {
        // The operation name only: never SDP, numbers or device labels in the console.
        console.warn(`[media] ${operation.op} failed`);
        respond(requestId, { ok: false, message: describeMediaError(error, operation.op) });
      },
    );
  };

  const sampleQuality = async () => {
    const live = new Set<string>();
    for (const call of engine.getSnapshot().calls) {
      live.add(call.callId);
      // Held calls carry no audio one way: their "quality" would be noise and overwrite the last real measure.
      if (call.connection !== 'connected' || call.held) continue;
      const report = await engine.getStats(call.callId).catch(() => null);
      if (!report || stopped) continue;
      const sample = readStatsSample(report);
      const quality = computeCallQuality(callOfMedia.get(call.callId) ?? call.callId, sample, previousSamples.get(call.callId) ?? null);
      previousSamples.set(call.callId, sample);
      options.onQuality?.(quality);
      void bridge.invoke('media.quality', quality);
    }
    for (const callId of previousSamples.keys()) if (!live.has(callId)) previousSamples.delete(callId);
  };

  const unsubscribeRequests = bridge.on('media.request', onRequest);
  let lastState = hasConnection(bridge) ? bridge.connectionState() : 'open';
  const unsubscribeConnection = hasConnection(bridge)
    ? bridge.onConnectionStateChange((state) => {
        if (state === 'open' && lastState !== 'open') attach();
        lastState = state;
      })
    : () => {};
  const timer = setInterval(() => void sampleQuality(), options.qualityIntervalMs ?? QUALITY_INTERVAL_MS);
  // A socket still connecting attaches when it opens (above); invokes made before then would fail at once.
  if (lastState === 'open') attach();

  return () => {
    stopped = true;
    clearInterval(timer);
    unsubscribeRequests();
    unsubscribeConnection();
    engine.closeAll();
  };
}

async function run(engine: MediaOperations, operation: MediaOperation): Promise<{ sdp?: string; sent?: boolean }> {
  switch (operation.op) {
    case 'create-offer':
      return { sdp: await engine.createOffer(operation.callId, { hold: operation.hold, iceRestart: operation.iceRestart }) };
    case 'create-answer':
      return { sdp: await engine.createAnswer(operation.callId, operation.remoteSdp, { hold: operation.hold }) };
    case 'accept-answer':
      await engine.acceptAnswer(operation.callId, operation.remoteSdp);
      return {};
    case 'rollback':
      await engine.rollback(operation.callId);
      return {};
    case 'send-dtmf':
      return { sent: await engine.sendDtmf(operation.callId, operation.tones, operation.durationMs) };
    case 'close':
      engine.close(operation.callId);
      return {};
  }
}
