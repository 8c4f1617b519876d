export { OptionList, nextIndex } from './OptionList';
export type { OptionListProps } from './OptionList';
export { Shortcut } from './Shortcut';
export type { ShortcutProps } from './Shortcut';
export { formatDate, formatDateTime, formatDuration, formatIsoDate, formatPhone } from './format';
export { ShortcutButton, ariaKeyShortcuts } from './ShortcutButton';
export type { ShortcutButtonProps } from './ShortcutButton';
export { agentTimeZone, formatZonedTime, sameAsAgentZone, zoneAbbreviation } from './zonedTime';
export type { ZoneRole, ZonedTimeOptions } from './zonedTime';
