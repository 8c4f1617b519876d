export { CallBar } from './CallBar';
export type { CallBarProps } from './CallBar';
export { callElapsedMs, useCallTimer } from './useCallTimer';
