import { useEffect, useState } from 'react';
import { describeMediaError } from './media/mediaErrors';
import type { MicrophoneMeter } from './media/ringer';

export const LEVEL_INTERVAL_MS = 100;

export interface MicrophoneLevel {
  readonly level: number;
  readonly error: string | null;
}

/**
 * The live level of `deviceId` while `enabled` (the microphone is opened only then: the OS shows a microphone
 * in use, and agents must not wonder why). Stops the microphone when disabled or unmounted.
 */
export function useMicrophoneLevel(
  open: (deviceId: string) => Promise<MicrophoneMeter | null>,
  deviceId: string,
  enabled: boolean,
): MicrophoneLevel {
  const [state, setState] = useState<MicrophoneLevel>({ level: 0, error: null });

  useEffect(() => {
    if (!enabled) return;
    let meter: MicrophoneMeter | null = null;
    let timer: ReturnType<typeof setInterval> | null = null;
    let cancelled = false;
    open(deviceId).then(
      (opened) => {
        if (cancelled) {
          opened?.close();
          return;
        }
        meter = opened;
        if (!meter) {
          setState({ level: 0, error: 'The microphone level cannot be shown in this window.' });
          return;
        }
        setState({ level: 0, error: null });
        timer = setInterval(() => setState({ level: meter?.read() ?? 0, error: null }), LEVEL_INTERVAL_MS);
      },
      (error: unknown) => {
        if (!cancelled) setState({ level: 0, error: describeMediaError(error, 'open-microphone') });
      },
    );
    return () => {
      cancelled = true;
      if (timer !== null) clearInterval(timer);
      meter?.close();
      setState({ level: 0, error: null });
    };
  }, [open, deviceId, enabled]);

  return state;
}
