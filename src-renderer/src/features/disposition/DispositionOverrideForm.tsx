import { Button, Group, Paper, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import {
  DISPOSITIONS,
  type DispositionId,
  type DispositionOverride,
  OVERRIDE_REASON_MAX,
  OVERRIDE_REASON_MIN,
  disposition,
} from '../../../../src-preload/contract';

export interface DispositionOverrideFormProps {
  /** The engine's disposition, which the override starts from. */
  readonly from: DispositionId;
  readonly onApply: (override: DispositionOverride) => void;
  readonly onCancel: () => void;
}

/**
 * A nurse's override, up or down the scale, never without a reason (at least 10 characters, the same rule
 * main enforces). Keyboard: the disposition select is focused first; Tab to the reason; Ctrl+Enter is the
 * pane's document key, so applying is a button (Enter on it).
 */
export function DispositionOverrideForm(props: DispositionOverrideFormProps) {
  const [to, setTo] = useState<DispositionId | null>(null);
  const [reason, setReason] = useState('');
  const trimmed = reason.trim();
  const valid = to !== null && to !== props.from && trimmed.length >= OVERRIDE_REASON_MIN;
  const engineRank = disposition(props.from).rank;
  const apply = () => {
    if (valid) props.onApply({ from: props.from, to, reason: trimmed });
  };
  return (
    <Paper p="md" withBorder data-testid="override-form" aria-label="Override the disposition">
      <Stack gap="sm">
        <Text fw={600} size="sm">
          Override “{disposition(props.from).label}”
        </Text>
        <Select
          label="New disposition"
          placeholder="Pick a disposition"
          searchable
          autoFocus
          data={DISPOSITIONS.filter((d) => d.id !== props.from).map((d) => ({
            value: d.id,
            label: `${d.label} (${d.rank < engineRank ? 'more urgent' : d.rank > engineRank ? 'less urgent' : 'as urgent'})`,
          }))}
          value={to}
          onChange={(value) => setTo(value as DispositionId | null)}
          data-testid="override-to"
        />
        <Textarea
          label="Reason (required)"
          description={`At least ${OVERRIDE_REASON_MIN} characters; it goes in the chart.`}
          autosize
          minRows={2}
          maxLength={OVERRIDE_REASON_MAX}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={trimmed.length > 0 && trimmed.length < OVERRIDE_REASON_MIN ? `${OVERRIDE_REASON_MIN - trimmed.length} more characters` : null}
          data-testid="override-reason"
        />
        <Group justify="flex-end">
          <Button variant="subtle" onClick={props.onCancel} data-testid="override-cancel">
            Cancel
          </Button>
          <Button onClick={apply} disabled={!valid} data-testid="override-apply">
            Apply override
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
