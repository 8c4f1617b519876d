import type { CallQuality } from '../../../../src-preload/contract';
import type { MediaAttachState } from './media/mediaBridge';

export interface MediaStatus {
  /** 'unavailable': this page cannot do WebRTC (no RTCPeerConnection or no microphone API). */
  readonly attach: MediaAttachState | 'unavailable';
  /** Why attaching failed, in main's words. */
  readonly attachError: string | null;
  /** The latest measured quality of each call with connected media. */
  readonly quality: ReadonlyMap<string, CallQuality>;
  /** The last device problem (microphone could not be switched, ...), for Audio settings. */
  readonly deviceError: string | null;
}

/** The renderer-side media status the UI shows, as an external store for useSyncExternalStore. */
export class MediaStatusStore {
  private readonly listeners = new Set<() => void>();
  private status: MediaStatus;

  constructor(available: boolean) {
    this.status = { attach: available ? 'attaching' : 'unavailable', attachError: null, quality: new Map(), deviceError: null };
  }

  getSnapshot = (): MediaStatus => this.status;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  setAttach(attach: MediaAttachState, attachError: string | null): void {
    this.set({ attach, attachError });
  }

  setQuality(quality: CallQuality): void {
    const next = new Map(this.status.quality);
    next.set(quality.callId, quality);
    this.set({ quality: next });
  }

  /** Drops quality of calls whose media is gone. */
  keepQualityOf(callIds: ReadonlySet<string>): void {
    if ([...this.status.quality.keys()].every((id) => callIds.has(id))) return;
    this.set({ quality: new Map([...this.status.quality].filter(([id]) => callIds.has(id))) });
  }

  setDeviceError(deviceError: string | null): void {
    if (deviceError !== this.status.deviceError) this.set({ deviceError });
  }

  private set(patch: Partial<MediaStatus>): void {
    this.status = { ...this.status, ...patch };
    for (const listener of [...this.listeners]) listener();
  }
}
