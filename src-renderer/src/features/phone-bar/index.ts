export { PhoneBar } from './PhoneBar';
export type { PhoneBarProps } from './PhoneBar';
export { ShortcutsProvider, useShortcuts } from './ShortcutsContext';
export { ShortcutSettings } from './ShortcutSettings';
export { ACTION_LABELS, DEFAULT_SHORTCUTS, PHONE_ACTIONS } from './shortcuts';
export type { PhoneAction, PhoneShortcuts } from './shortcuts';
