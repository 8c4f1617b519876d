export { outboxCounts, useOutbox } from './useOutbox';
export type { OutboxCounts, OutboxState } from './useOutbox';
export { OutboxItemRow } from './OutboxItemRow';
export type { OutboxItemRowProps } from './OutboxItemRow';
