import type { RemoteAudioLike, TrackLike } from './types';

/** The bits of HTMLAudioElement used here; setSinkId is optional (older engines, some headless runs lack it). */
export interface AudioElementLike {
  srcObject: MediaProvider | null;
  autoplay: boolean;
  play(): Promise<void>;
  pause(): void;
  setSinkId?: (sinkId: string) => Promise<void>;
}

/**
 * Routes an element to a speaker. Never rejects: when the device is gone, the API is missing or the platform
 * refuses (headless Chromium, a speaker-selection policy), the audio stays on the default output, which is
 * better than no audio on a clinical call. Returns whether the chosen device is in use.
 */
export async function setSinkSafely(element: AudioElementLike, deviceId: string): Promise<boolean> {
  if (typeof element.setSinkId !== 'function') return false;
  try {
    await element.setSinkId(deviceId === 'default' ? '' : deviceId);
    return true;
  } catch {
    if (deviceId !== 'default') {
      try {
        await element.setSinkId('');
      } catch {
        // Keep whatever output the element had.
      }
    }
    return false;
  }
}

export interface BrowserRemoteAudioDeps {
  readonly createElement: () => AudioElementLike;
  readonly createStream: (tracks: TrackLike[]) => MediaStream;
  /** Where to wait for a click or key press when autoplay is refused (Chromium's autoplay policy). */
  readonly gestureTarget?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
}

/** The far end's audio on an <audio> element (never added to the DOM: it plays all the same). */
export function createBrowserRemoteAudio(deps: BrowserRemoteAudioDeps): RemoteAudioLike {
  const element = deps.createElement();
  element.autoplay = true;
  let retry: (() => void) | null = null;
  const clearRetry = () => {
    if (!retry) return;
    deps.gestureTarget?.removeEventListener('pointerdown', retry);
    deps.gestureTarget?.removeEventListener('keydown', retry);
    retry = null;
  };
  const start = () => {
    element.play().then(clearRetry, () => {
      // Autoplay refused: the agent's next click or key press (e.g. on Answer) starts the audio.
      if (retry || !deps.gestureTarget) return;
      retry = () => {
        clearRetry();
        start();
      };
      deps.gestureTarget.addEventListener('pointerdown', retry);
      deps.gestureTarget.addEventListener('keydown', retry);
    });
  };
  return {
    play(track) {
      element.srcObject = deps.createStream([track]);
      start();
    },
    async setSink(deviceId) {
      await setSinkSafely(element, deviceId);
    },
    stop() {
      clearRetry();
      element.pause();
      element.srcObject = null;
    },
  };
}
