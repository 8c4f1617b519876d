import { createBrowserRemoteAudio } from './remoteAudio';
import type { MediaEnvironment, TrackLike } from './types';

type BrowserWindow = Window & typeof globalThis;

/** True when this page can do WebRTC audio at all (jsdom and some locked-down kiosks cannot). */
export function canUseWebRtc(win: BrowserWindow = window): boolean {
  return typeof win.RTCPeerConnection === 'function' && typeof win.navigator.mediaDevices?.getUserMedia === 'function';
}

/** The real browser behind the engine's MediaEnvironment. */
export function browserMediaEnvironment(win: BrowserWindow = window): MediaEnvironment {
  return {
    createPeerConnection: (configuration) => new win.RTCPeerConnection(configuration),
    getUserMedia: (constraints) => win.navigator.mediaDevices.getUserMedia(constraints),
    createRemoteAudio: () =>
      createBrowserRemoteAudio({
        createElement: () => win.document.createElement('audio'),
        createStream: (tracks: TrackLike[]) => new win.MediaStream(tracks as MediaStreamTrack[]),
        gestureTarget: win.document,
      }),
  };
}
