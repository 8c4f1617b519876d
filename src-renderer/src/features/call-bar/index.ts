export { ANSWER_HOTKEY, CallBar, HANG_UP_HOTKEY } from './CallBar';
export type { CallBarProps } from './CallBar';
export { callElapsedMs, useCallTimer } from './useCallTimer';
