export { OptionList, nextIndex } from './OptionList';
export type { OptionListProps } from './OptionList';
export { Shortcut } from './Shortcut';
export type { ShortcutProps } from './Shortcut';
export { formatDate, formatDateTime, formatDuration, formatIsoDate, formatPhone } from './format';
export { ShortcutButton, ariaKeyShortcuts } from './ShortcutButton';
export type { ShortcutButtonProps } from './ShortcutButton';
export { LabeledText } from './LabeledText';
export type { LabeledTextProps } from './LabeledText';
