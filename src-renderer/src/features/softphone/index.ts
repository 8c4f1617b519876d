// The softphone's media side: the renderer's WebRTC engine that serves main's SIP calls, its devices, ringer and
// quality. Mount <MediaEngineProvider> once (inside BridgeProvider); read state with useMediaEngine().
export { MediaEngineProvider } from './MediaEngineProvider';
export type { MediaEngineProviderProps } from './MediaEngineProvider';
export { useCallQuality, useMediaEngine } from './useMediaEngine';
export type { MediaEngineApi } from './useMediaEngine';
export { browserMediaServices } from './mediaRuntime';
export type { MediaServices } from './mediaRuntime';
export type { MediaStatus } from './mediaStatusStore';
export { AudioSettings } from './AudioSettings';
export { CallQualityBadge } from './CallQualityBadge';
export type { CallQualityBadgeProps } from './CallQualityBadge';
export { GRADE_WORDS, gradeOf, qualityDetails } from './qualityWords';
export type { QualityGrade } from './qualityWords';
export { WebRtcMediaEngine, DEFAULT_DEVICE } from './media/WebRtcMediaEngine';
export type { CallMediaState, MediaEngineSnapshot, WebRtcMediaEngineOptions } from './media/WebRtcMediaEngine';
export { attachMediaBridge, QUALITY_INTERVAL_MS } from './media/mediaBridge';
export type { MediaAttachState, MediaBridgeOptions } from './media/mediaBridge';
export { computeCallQuality, estimateMos, mosFromR, readStatsSample, rFactor } from './media/callQuality';
export type { StatsSample } from './media/callQuality';
export { AUDIO_PREFERENCES_KEY } from './media/devices';
export type { AudioDevice, AudioDeviceList, AudioDeviceSnapshot, AudioPreferences } from './media/devices';
export type { MediaEnvironment } from './media/types';
