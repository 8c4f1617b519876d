import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import type { OutboxItem } from '../../../../src-preload/contract';
import { formatDateTime } from '../../ui';

export interface OutboxItemRowProps {
  readonly item: OutboxItem;
  /** Present when the row offers a Retry button. */
  readonly onRetry?: (item: OutboxItem) => void;
  readonly retrying?: boolean;
}

/** One outbox entry: its PHI-free label, state, attempts, last error and the next automatic attempt. */
export function OutboxItemRow(props: OutboxItemRowProps) {
  const { item } = props;
  const canRetry = props.onRetry !== undefined && (item.state === 'failed' || item.state === 'pending');
  return (
    <Group justify="space-between" wrap="nowrap" gap="sm" data-testid="outbox-item" data-state={item.state}>
      <Stack gap={0} miw={0}>
        <Text size="sm" fw={500} truncate>
          {item.label}
        </Text>
        <Text size="xs" c="dimmed">
          {item.attempts} attempt{item.attempts === 1 ? '' : 's'}
          {item.lastError ? ` · ${item.lastError}` : ''}
          {item.nextAttemptAt ? ` · next ${formatDateTime(item.nextAttemptAt)}` : ''}
          {item.encounterId ? ` · Encounter ${item.encounterId}` : ''}
        </Text>
      </Stack>
      <Group gap={6} wrap="nowrap">
        <Badge size="sm" color={stateColor(item.state)} variant="light">
          {item.state}
        </Badge>
        {canRetry ? (
          <Button
            size="compact-xs"
            variant="light"
            loading={props.retrying}
            onClick={() => props.onRetry?.(item)}
            data-testid="outbox-retry"
          >
            Retry
          </Button>
        ) : null}
      </Group>
    </Group>
  );
}

function stateColor(state: OutboxItem['state']): string {
  switch (state) {
    case 'pending':
      return 'yellow';
    case 'sending':
      return 'blue';
    case 'sent':
      return 'green';
    case 'failed':
      return 'red';
  }
}
