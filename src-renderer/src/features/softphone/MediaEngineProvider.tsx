import { type ReactNode, useEffect, useState, useSyncExternalStore } from 'react';
import type { CallInfo } from '../../../../src-preload/contract';
import { useBridge } from '../../bridge';
import { attachMediaBridge } from './media/mediaBridge';
import { describeMediaError } from './media/mediaErrors';
import { browserMediaServices, createMediaRuntime, type MediaServices, MediaRuntimeContext } from './mediaRuntime';

export interface MediaEngineProviderProps {
  readonly children: ReactNode;
  /** The browser by default; tests inject fakes. */
  readonly services?: MediaServices;
  /** Ring on the ringer device while an inbound call rings (default on). */
  readonly ringOnIncoming?: boolean;
}

/**
 * Runs the renderer's media engine for the whole app: attaches it to main (which sends it SDP work for SIP
 * calls), keeps devices and choices current, applies them to live calls, and rings on incoming calls. Mount it
 * once, inside the BridgeProvider and above sign-in (a call can ring before sign-in completes).
 */
export function MediaEngineProvider(props: MediaEngineProviderProps) {
  const bridge = useBridge();
  const [runtime] = useState(() => createMediaRuntime(props.services ?? browserMediaServices()));
  const { engine, devices, ringer, status } = runtime;
  const effective = useSyncExternalStore(devices.subscribe, devices.getSnapshot).effective;
  const ringOnIncoming = props.ringOnIncoming ?? true;

  useEffect(() => devices.start(), [devices]);

  useEffect(() => {
    if (!engine) return;
    const detach = attachMediaBridge({
      bridge,
      engine,
      userAgent: runtime.services.userAgent,
      onQuality: (quality) => status.setQuality(quality),
      onAttachState: (state, message) => status.setAttach(state, message),
    });
    const unsubscribe = engine.subscribe(() => status.keepQualityOf(new Set(engine.getSnapshot().calls.map((c) => c.callId))));
    return () => {
      unsubscribe();
      detach();
    };
  }, [bridge, engine, runtime.services.userAgent, status]);

  useEffect(() => {
    engine?.setMicrophone(effective.microphoneId).then(
      () => status.setDeviceError(null),
      (error: unknown) => status.setDeviceError(describeMediaError(error, 'switch-microphone')),
    );
  }, [engine, effective.microphoneId, status]);

  useEffect(() => {
    void engine?.setSpeaker(effective.speakerId);
  }, [engine, effective.speakerId]);

  useEffect(() => {
    if (!ringOnIncoming) return;
    const ringing = new Set<string>();
    const onCall = (call: CallInfo) => {
      if (call.state === 'ringing' && call.direction === 'inbound') ringing.add(call.callId);
      else ringing.delete(call.callId);
      if (ringing.size > 0) void ringer.start(devices.getSnapshot().effective.ringerId);
      else ringer.stop();
    };
    const offIncoming = bridge.on('call.incoming', onCall);
    const offUpdated = bridge.on('call.updated', onCall);
    return () => {
      offIncoming();
      offUpdated();
      ringer.stop();
    };
  }, [bridge, devices, ringer, ringOnIncoming]);

  return <MediaRuntimeContext value={runtime}>{props.children}</MediaRuntimeContext>;
}
